import {expect, test} from 'vitest';
import {EventBus} from '../../source/core/events/index.js';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {App} from '../../source/ui/App.js';
import {readOnlyController} from '../../source/ui/controller.js';
import {renderTerminal} from '../helpers/render.js';

test('a 30 s stop counts down from 30 s, even in a frame drawn within the millisecond of its event', async () => {
	// Given a bus whose clock stands 0.6 ms into a millisecond: an event's `at`, rounded, is ahead of it
	let clock = 1000;
	const bus = new EventBus({now: () => clock});
	clock += 5000.6;
	bus.emit('process:created', {
		id: 1,
		name: 'stubborn',
		kind: 'command',
		daemon: false,
		target: 'sh',
	});
	bus.emit('process:started', {id: 1, name: 'stubborn', pid: 10, ppid: 1});
	const store = new SnapshotStore(bus);
	const screen = renderTerminal(
		<App bus={bus} store={store} controller={readOnlyController('a test', () => {})} />,
		{columns: 100, rows: 24},
	);
	try {
		await screen.waitForFrame((frame) => /stubborn .*running/.test(frame));

		// When its stop sends SIGTERM with 30 s before SIGKILL, the clock not moving on
		bus.emit('process:signalled', {
			id: 1,
			name: 'stubborn',
			pid: 10,
			signal: 'SIGTERM',
			graceMs: 30_000,
		});

		// Then its row counts down from 30 s, not 31
		const counting = await screen.waitForFrame((frame) => /SIGKILL in \d+ s/.test(frame));
		expect(/SIGKILL in (\d+) s/.exec(counting)?.[1]).toBe('30');
	} finally {
		screen.unmount();
	}
});
