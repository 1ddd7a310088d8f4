import {afterEach, expect, test} from 'vitest';
import {EventBus} from '../../source/core/events/index.js';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {App} from '../../source/ui/App.js';
import {readOnlyController} from '../../source/ui/controller.js';
import {renderTerminal} from '../helpers/render.js';

// At rest a sample a second changes only the machine's load: the header renders, the panels keep
// their snapshot. What they show must move all the same: the uptimes as each frame is drawn, a
// countdown each second with no event at all.

let unmount = () => {};
afterEach(() => unmount());

function dashboard() {
	let clock = 0;
	const bus = new EventBus({now: () => clock});
	bus.emit('process:created', {id: 1, name: 'web', kind: 'command', daemon: false, target: 'sh'});
	bus.emit('process:started', {id: 1, name: 'web', pid: 101, ppid: 100});
	const sample = (load: number) =>
		bus.emit('stats:sampled', {
			processes: [{pid: 101, ppid: 100, cpu: 0, memory: 4096, command: 'sh'}],
			machine: {cpu: load, cores: 2, memoryUsed: 1e9, memoryTotal: 2e9},
		});
	const screen = renderTerminal(
		<App
			bus={bus}
			store={new SnapshotStore(bus)}
			controller={readOnlyController('a test', () => {})}
		/>,
		{columns: 100, rows: 24},
	);
	unmount = () => screen.unmount();
	return {
		bus,
		screen,
		sample,
		advance: (ms: number) => {
			clock += ms;
		},
	};
}

// The row of process `web`, and its uptime (the figure like 0:07 on it).
const uptimeOf = (frame: string) => /web .*running.* (\d+:\d\d) /.exec(frame)?.[1];

test('a sample that changes only the load shows the new load, and the rows their uptimes now', async () => {
	const {screen, sample, advance} = dashboard();
	advance(5000);
	sample(10);
	await screen.waitForFrame(
		(frame) => frame.includes('cpu 10% of 2') && uptimeOf(frame) === '0:05',
	);

	advance(3000);
	sample(55);
	const later = await screen.waitForFrame((frame) => frame.includes('cpu 55% of 2'));
	expect(uptimeOf(later)).toBe('0:08');
});

test('a countdown on a row goes on each second with no event to bring a frame', async () => {
	const {bus, screen, advance} = dashboard();
	await screen.waitForFrame((frame) => uptimeOf(frame) !== undefined);
	bus.emit('process:signalled', {id: 1, name: 'web', pid: 101, signal: 'SIGTERM', graceMs: 30_000});
	await screen.waitForFrame((frame) => /web .*SIGKILL in 30 s/.test(frame));

	// The bus's clock moves on, and nothing is emitted.
	advance(4000);
	await screen.waitForFrame((frame) => /web .*SIGKILL in 26 s/.test(frame));
});
