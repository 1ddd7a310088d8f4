import {expect, test} from 'vitest';
import {EventBus, fold} from '../../source/index.js';
import {ProcessTable} from '../../source/ui/components/ProcessTable.js';
import {renderTerminal} from '../helpers/render.js';

// The table is a pure view of the snapshot, so these events are written by hand.
function snapshotOf(emit: (bus: EventBus) => void) {
	const bus = new EventBus({now: () => 0});
	emit(bus);
	return fold(bus.history());
}

test('each state, exit code and descendant is shown where a person looks for it', async () => {
	const snapshot = snapshotOf((bus) => {
		bus.emit('process:created', {
			id: 1,
			name: 'web',
			kind: 'command',
			daemon: false,
			target: 'sh -c serve',
		});
		bus.emit('process:started', {id: 1, name: 'web', pid: 4101, ppid: 4000});
		bus.emit('process:created', {
			id: 2,
			name: 'missing',
			kind: 'command',
			daemon: false,
			target: 'nope',
		});
		bus.emit('process:error', {
			id: 2,
			name: 'missing',
			error: {name: 'SpawnError', message: 'not found', code: 'ENOENT'},
		});
		bus.emit('process:exited', {
			id: 2,
			name: 'missing',
			pid: undefined,
			exitcode: 127,
			signal: null,
		});
		bus.emit('process:created', {
			id: 3,
			name: 'killed',
			kind: 'task',
			daemon: false,
			target: 'tasks.js#work',
		});
		bus.emit('process:started', {id: 3, name: 'killed', pid: 4103, ppid: 4000});
		bus.emit('process:exited', {id: 3, name: 'killed', pid: 4103, exitcode: -9, signal: 'SIGKILL'});
		bus.emit('stats:sampled', {
			processes: [
				{pid: 4101, ppid: 4000, cpu: 12.5, memory: 3 * 1024 * 1024, command: 'sh'},
				{pid: 4200, ppid: 4101, cpu: 0, memory: 1024 * 1024, command: 'sleep'},
			],
		});
	});
	const screen = renderTerminal(
		<ProcessTable
			processes={snapshot.processes}
			descendants={snapshot.descendants}
			selectedId={1}
			now={5000}
			width={119}
			height={10}
		/>,
	);
	const frame = await screen.waitForFrame((text) => text.includes('web'));
	const lines = frame.split('\n');
	const web = lines.findIndex((line) => line.includes('web'));
	expect(lines[web]).toMatch(/› web\s+4101\s+4000 running\s+12\.5\s+3\.0 MB\s+0:05/);
	expect(lines[web + 1]).toMatch(/└ sleep\s+4200\s+4101 child/);
	expect(frame).toMatch(/missing\s+failed .*not found/);
	expect(frame).toMatch(/killed\s+4103\s+4000 exited .*-9 KILL/);
	screen.unmount();
});
