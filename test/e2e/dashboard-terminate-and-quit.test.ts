import pidtree from 'pidtree';
import {afterEach, expect, test} from 'vitest';
import {cliPath, isRunning, TmuxTerminal, waitUntil} from '../helpers/tmux.js';

let terminal: TmuxTerminal | undefined;

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

test('in a real terminal: k on a row shows exit code -15, q quits and leaves no process', async () => {
	// Given procdash running the join-timeout preset in a 120x40 tmux pane
	terminal = TmuxTerminal.open(['node', cliPath, 'join-timeout'], {columns: 120, rows: 40});
	await terminal.waitForScreen((screen) => /sleeper\s+\d+\s+\d+ running/.test(screen));
	const procdash = terminal.pid;
	const children = await pidtree(procdash);
	expect(children.length).toBeGreaterThan(0);

	// When k is pressed on the selected row
	terminal.press('k');

	// Then its exit code is -15
	const screen = await terminal.waitForScreen((text) =>
		/sleeper\s+\d+\s+\d+ exited .*-15 TERM/.test(text),
	);
	expect(screen).toContain('SIGTERM sent to sleeper');

	// When q is pressed, procdash stops, says so, and exits 0
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	expect(terminal.screen()).toContain('stopped: no process left behind');

	// And nothing it started is left running
	await waitUntil(
		() => ([procdash, ...children].some(isRunning) ? undefined : true),
		3000,
		() => `still running: ${[procdash, ...children].filter(isRunning).join(', ')}`,
	);
});

test('in a real terminal: q while processes run stops them all and exits', async () => {
	terminal = TmuxTerminal.open(['node', cliPath, 'parallel'], {columns: 80, rows: 24});
	await terminal.waitForScreen((screen) => screen.includes('4 running'));
	const procdash = terminal.pid;
	const children = await pidtree(procdash);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await waitUntil(
		() => ([procdash, ...children].some(isRunning) ? undefined : true),
		3000,
		() => `still running: ${[procdash, ...children].filter(isRunning).join(', ')}`,
	);
});
