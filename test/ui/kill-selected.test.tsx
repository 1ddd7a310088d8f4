import {afterEach, expect, test} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {createOrchestrator, type Orchestrator, Process} from '../../source/index.js';
import {App} from '../../source/ui/App.js';
import {orchestratorController} from '../../source/ui/controller.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

let orchestrator: Orchestrator;
let terminal: Terminal | undefined;

afterEach(async () => {
	terminal?.unmount();
	await orchestrator.stop({graceMs: 500});
});

function open(): Terminal {
	const store = new SnapshotStore(orchestrator.bus);
	terminal = renderTerminal(
		<App bus={orchestrator.bus} store={store} controller={orchestratorController(orchestrator)} />,
		{
			columns: 120,
			rows: 40,
		},
	);
	return terminal;
}

test('k terminates the selected process and its row shows exit code -15', async () => {
	// Given two running processes, the second selected
	orchestrator = createOrchestrator();
	const first = new Process({command: 'sleep', args: ['30'], name: 'first', orchestrator});
	const second = new Process({command: 'sleep', args: ['30'], name: 'second', orchestrator});
	await first.start();
	await second.start();
	const screen = open();
	await screen.waitForFrame((frame) => frame.includes('2 running'));
	screen.press('down');
	await screen.waitForFrame((frame) => /› second/.test(frame));

	// When k is pressed
	screen.press('k');

	// Then the second exits by SIGTERM and the first runs on
	const frame = await screen.waitForFrame((text) => /second .*exited .*-15 TERM/.test(text));
	expect(frame).toMatch(/first .*running/);
	expect(second.exitcode).toBe(-15);
	expect(first.isAlive()).toBe(true);
});

test('k on a process that already exited does nothing and says so', async () => {
	orchestrator = createOrchestrator();
	const done = new Process({command: 'true', name: 'quick', orchestrator});
	await done.start();
	await done.join();
	const screen = open();
	await screen.waitForFrame((frame) => /quick .*exited/.test(frame));
	screen.press('k');
	await screen.waitForFrame((frame) =>
		frame.includes('quick has already exited (exit code 0): nothing to terminate'),
	);
});

test('q stops every process, shows the countdown, and leaves nothing behind', async () => {
	orchestrator = createOrchestrator({graceMs: 2000});
	const stubborn = new Process({
		command: 'sh',
		args: ['-c', 'trap "" TERM; sleep 30 & wait'],
		name: 'stubborn',
		orchestrator,
	});
	await stubborn.start();
	const screen = open();
	await screen.waitForFrame((frame) => frame.includes('1 running'));
	screen.press('q');
	await screen.waitForFrame((frame) => /shutting down: SIGTERM sent, SIGKILL in \d s/.test(frame));
	await screen.waitForFrame((frame) => frame.includes('stopped: no process left behind'));
	expect(stubborn.exitcode).toBe(-9);
});

test('a terminal below 80x24 gets one line asking for more room', async () => {
	orchestrator = createOrchestrator();
	const screen = open();
	await screen.waitForFrame((frame) => frame.includes('procdash ·'));
	screen.resize(70, 20);
	const frame = await screen.waitForFrame((text) => text.includes('procdash needs at least 80×24'));
	expect(frame).toContain('this terminal is 70×20');
	screen.resize(100, 30);
	await screen.waitForFrame((text) => text.includes('NAME') && !text.includes('needs at least'));
});
