import {afterEach, expect, test} from 'vitest';
import type {BusEvent} from '../../source/core/events/index.js';
import {fold, SnapshotStore} from '../../source/core/snapshot/index.js';
import {Replay} from '../../source/recording/player.js';
import {App} from '../../source/ui/App.js';
import {readOnlyController} from '../../source/ui/controller.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

// A recording written by hand: one command that exited by SIGTERM, and another that started a
// child of its own and ran on (a child is shown while the process it descends from runs).
const recording = [
	{
		type: 'scenario:started',
		seq: 1,
		at: 0,
		name: 'run',
		description: 'run sh',
		about: 'Running sh.',
	},
	{
		type: 'process:created',
		seq: 2,
		at: 1,
		id: 1,
		name: 'sh',
		kind: 'command',
		daemon: false,
		target: 'sh -c x',
	},
	{type: 'process:started', seq: 3, at: 5, id: 1, name: 'sh', pid: 4101, ppid: 4000},
	{
		type: 'process:created',
		seq: 4,
		at: 6,
		id: 2,
		name: 'server',
		kind: 'command',
		daemon: false,
		target: 'sh -c serve',
	},
	{type: 'process:started', seq: 5, at: 7, id: 2, name: 'server', pid: 4103, ppid: 4000},
	{
		type: 'stats:sampled',
		seq: 6,
		at: 40,
		processes: [
			{pid: 4101, ppid: 4000, cpu: 1.5, memory: 2_000_000, command: 'sh'},
			{pid: 4103, ppid: 4000, cpu: 0, memory: 2_000_000, command: 'sh'},
			{pid: 4102, ppid: 4103, cpu: 0, memory: 1_000_000, command: 'sleep'},
		],
	},
	{type: 'process:signalled', seq: 7, at: 80, id: 1, name: 'sh', pid: 4101, signal: 'SIGTERM'},
	{
		type: 'process:exited',
		seq: 8,
		at: 90,
		id: 1,
		name: 'sh',
		pid: 4101,
		exitcode: -15,
		signal: 'SIGTERM',
	},
] as BusEvent[];

let terminal: Terminal | undefined;
afterEach(() => terminal?.unmount());

test('the dashboard plays a recording read-only: the same rows, and k only says so', async () => {
	// Given the dashboard driven by a replay instead of an orchestrator
	const replay = new Replay(recording, {speed: 1});
	const store = new SnapshotStore(replay.bus);
	const stopped: string[] = [];
	const controller = readOnlyController('replay: read-only', () => stopped.push('stop'));
	terminal = renderTerminal(<App bus={replay.bus} store={store} controller={controller} />);
	const playing = replay.play();

	// Then the footer says it is read-only, and the rows appear as they did live
	await terminal.waitForFrame((frame) => frame.includes('replay: read-only'));
	await terminal.waitForFrame((frame) => /└ sleep\s+4102\s+4103 child/.test(frame));
	await terminal.waitForFrame((frame) => /sh\s+4101\s+4000 exited .*-15 TERM/.test(frame));
	await playing;
	expect(store.getSnapshot()).toEqual(fold(recording));

	// And the footer offers only the keys that work in a replay: none that acts on a process
	expect(terminal.frame()).toMatch(
		/^↑\/↓ select {2}Enter log {2}\/ filter {2}o sort {2}\? help {2}q quit *$/m,
	);

	// When k is pressed, nothing is signalled: the footer says why
	terminal.press('k');
	await terminal.waitForFrame((frame) => frame.includes('replay: read-only'));
	expect(replay.bus.history()).toHaveLength(recording.length);

	// When q is pressed, the playback is told to stop
	terminal.press('q');
	await terminal.waitForFrame(() => stopped.length === 1);
});
