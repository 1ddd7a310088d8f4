import {afterEach, expect, test} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {createOrchestrator, type Orchestrator, Process} from '../../source/index.js';
import {App} from '../../source/ui/App.js';
import {orchestratorController} from '../../source/ui/controller.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

// While everything stops, a process started would never run (the stop refuses it, and its row
// stays in the final report): the keys that start one are refused, and the footer leaves them out.

let orchestrator: Orchestrator;
let terminal: Terminal | undefined;
const played: string[] = [];

afterEach(async () => {
	terminal?.unmount();
	played.length = 0;
	// A test that failed midway leaves a stop waiting out its long grace period: end it now.
	orchestrator.signalAll('SIGKILL');
	await orchestrator.stop({graceMs: 500});
});

/** The dashboard on a process that ignores SIGTERM: the stop lasts its long grace period. */
async function stubbornDashboard(): Promise<Terminal> {
	orchestrator = createOrchestrator({graceMs: 60_000});
	const stubborn = new Process({
		command: 'sh',
		args: ['-c', 'trap "" TERM; sleep 60 & wait'],
		name: 'stubborn',
		orchestrator,
	});
	await stubborn.start();
	const store = new SnapshotStore(orchestrator.bus);
	const controller = orchestratorController(orchestrator, {
		choices: [{name: 'parallel', description: 'four processes sleep 1 s each'}],
		play: (name) => played.push(name),
	});
	terminal = renderTerminal(<App bus={orchestrator.bus} store={store} controller={controller} />);
	await terminal.waitForFrame((frame) => frame.includes('1 running'));
	return terminal;
}

const footerWhileStopping =
	/^↑\/↓ select {2}Enter log {2}k\/K stop\/kill {2}p pause {2}S signal {2}\/ filter {2}o sort {2}\? help {2}q force *$/m;

/** Presses n, s and r, and checks that each says why it does nothing and starts nothing. */
async function startingKeysRefused(screen: Terminal): Promise<void> {
	for (const [key, why] of [
		['n', 'no new process starts'],
		['s', 'no preset starts'],
		['r', 'nothing is restarted'],
	] as const) {
		screen.press(key);
		const frame = await screen.waitForFrame((text) =>
			text.includes(`everything is stopping: ${why} (q again forces the stop)`),
		);
		expect(frame).not.toContain('new process:');
		expect(frame).not.toContain('Presets —');
	}
	const created = orchestrator.bus.history().filter((event) => event.type === 'process:created');
	expect(created).toHaveLength(1);
	expect(played).toEqual([]);
}

test('after q, while everything stops, n, s and r are refused with why, and the footer offers what works', async () => {
	// Given a stop under way, begun by q
	const screen = await stubbornDashboard();
	screen.press('q');
	const stopping = await screen.waitForFrame((frame) => frame.includes('shutting down'));

	// Then the footer offers no key that starts a process, and q forces
	expect(stopping).toMatch(footerWhileStopping);
	await startingKeysRefused(screen);

	// When q is pressed again, the stop is forced and the dashboard leaves
	screen.press('q');
	await screen.waitForFrame((frame) => frame.includes('stopped: no process left behind'));
});

test('a stop begun elsewhere (a signal) refuses them too', async () => {
	const screen = await stubbornDashboard();
	void orchestrator.stop();
	const stopping = await screen.waitForFrame((frame) => frame.includes('shutting down'));
	expect(stopping).toMatch(footerWhileStopping);
	await startingKeysRefused(screen);
	orchestrator.signalAll('SIGKILL');
});
