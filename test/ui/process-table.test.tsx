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

/** Makes process `id` called `name`, started as `pid` (its parent 4000) on `bus`. */
function started(bus: EventBus, id: number, name: string, pid: number): void {
	bus.emit('process:created', {id, name, kind: 'command', daemon: false, target: `sh -c ${name}`});
	bus.emit('process:started', {id, name, pid, ppid: 4000});
}

test('a waiting restart counts down on its row, and a process out of restarts says it gave up, at 80 columns', async () => {
	const snapshot = snapshotOf((bus) => {
		started(bus, 1, 'flaky', 4101);
		bus.emit('process:exited', {id: 1, name: 'flaky', pid: 4101, exitcode: 1, signal: null});
		bus.emit('process:restarting', {
			id: 1,
			name: 'flaky',
			exitcode: 1,
			attempt: 2,
			maxRestarts: 3,
			delayMs: 4000,
		});
		started(bus, 2, 'doomed', 4102);
		bus.emit('process:exited', {id: 2, name: 'doomed', pid: 4102, exitcode: 2, signal: null});
		bus.emit('process:gave-up', {id: 2, name: 'doomed', exitcode: 2, restarts: 3});
	});
	const table = (now: number) => (
		<ProcessTable
			processes={snapshot.processes}
			descendants={snapshot.descendants}
			selectedId={1}
			now={now}
			width={79}
			height={10}
		/>
	);
	const screen = renderTerminal(table(500), {columns: 80, rows: 24});
	const waiting = await screen.waitForFrame((text) => text.includes('flaky'));
	expect(waiting).toMatch(/flaky .* restarting in 4 s \(2 of 3\) .* 1 /);
	expect(waiting).toMatch(/doomed .* gave up after 3 restarts .* 2 /);
	expect(waiting).not.toMatch(/ (exited|failed) /);

	// A second later the countdown has moved on
	screen.unmount();
	const later = renderTerminal(table(1500), {columns: 80, rows: 24});
	expect(await later.waitForFrame((text) => text.includes('flaky'))).toMatch(
		/restarting in 3 s \(2 of 3\)/,
	);
	later.unmount();
});

test('grandchildren are indented under their parent, and children of an exited process are not shown', async () => {
	const snapshot = snapshotOf((bus) => {
		started(bus, 1, 'tree', 4101);
		started(bus, 2, 'gone', 4102);
		bus.emit('stats:sampled', {
			processes: [
				{pid: 4101, ppid: 4000, cpu: 0, memory: 1024, command: 'sh'},
				{pid: 4201, ppid: 4101, cpu: 0, memory: 1024, command: 'make'},
				{pid: 4301, ppid: 4201, cpu: 0, memory: 1024, command: 'cc'},
				{pid: 4401, ppid: 4301, cpu: 0, memory: 1024, command: 'as'},
				{pid: 4202, ppid: 4101, cpu: 0, memory: 1024, command: 'sleep'},
				{pid: 4102, ppid: 4000, cpu: 0, memory: 1024, command: 'sh'},
				{pid: 4203, ppid: 4102, cpu: 0, memory: 1024, command: 'orphan'},
			],
		});
		// The second process exits before the next sample: its child's row is the last sample's.
		bus.emit('process:exited', {id: 2, name: 'gone', pid: 4102, exitcode: 0, signal: null});
	});
	const screen = renderTerminal(
		<ProcessTable
			processes={snapshot.processes}
			descendants={snapshot.descendants}
			selectedId={1}
			now={0}
			width={119}
			height={10}
		/>,
	);
	const frame = await screen.waitForFrame((text) => text.includes('tree'));
	const names = frame
		.split('\n')
		.slice(1)
		.map((line) => /^(?:› | {2})(.*?└ \S+|\S+)/.exec(line)?.[1])
		.filter(Boolean);
	expect(names).toEqual(['tree', '└ make', '  └ cc', '    └ as', '└ sleep', 'gone']);
	expect(frame).not.toContain('orphan');
	screen.unmount();
});

test("a probed process's state says what its probes found: starting, ready, unhealthy; at 80 columns in full", async () => {
	const snapshot = snapshotOf((bus) => {
		for (const [id, name] of [
			[1, 'db'],
			[2, 'web'],
			[3, 'cache'],
		] as const) {
			started(bus, id, name, 4100 + id);
			bus.emit('probe:started', {id, name, probe: 'readiness', check: 'tcp 127.0.0.1:6379'});
		}
		bus.emit('process:ready', {id: 2, name: 'web'});
		bus.emit('process:unhealthy', {id: 3, name: 'cache', probe: 'readiness', failures: 3});
		// A liveness probe alone says nothing until it fails
		started(bus, 4, 'plain', 4104);
		bus.emit('probe:started', {id: 4, name: 'plain', probe: 'liveness', check: 'exec true'});
	});
	const screen = renderTerminal(
		<ProcessTable
			processes={snapshot.processes}
			descendants={snapshot.descendants}
			selectedId={1}
			now={0}
			width={79}
			height={10}
		/>,
		{columns: 80, rows: 24},
	);
	const frame = await screen.waitForFrame((text) => text.includes('plain'));
	expect(frame).toMatch(/db +4101 +4000 starting /);
	expect(frame).toMatch(/web +4102 +4000 ready /);
	expect(frame).toMatch(/cache +4103 +4000 unhealthy /);
	expect(frame).toMatch(/plain +4104 +4000 running /);
	screen.unmount();
});

test('a running process shows its uptime by the clock as each frame is drawn, its row not rendered again', async () => {
	const snapshot = snapshotOf((bus) => {
		started(bus, 1, 'web', 4101);
		started(bus, 2, 'done', 4102);
		bus.emit('process:exited', {id: 2, name: 'done', pid: 4102, exitcode: 0, signal: null});
	});
	let clock = 5000;
	const table = (
		<ProcessTable
			processes={snapshot.processes}
			descendants={snapshot.descendants}
			selectedId={1}
			now={5000}
			clock={() => clock}
			width={119}
			height={10}
		/>
	);
	const screen = renderTerminal(table);
	await screen.waitForFrame((text) => /web\s.*0:05/.test(text));
	// The same table element again, a minute later: React renders none of it, Ink draws a frame.
	clock = 65_000;
	screen.rerender(table);
	const frame = await screen.waitForFrame((text) => /web\s.*1:05/.test(text));
	// An ended process's uptime stops at its end.
	expect(frame).toMatch(/done\s+4102\s+4000 exited\s+0:00/);
	screen.unmount();
});
