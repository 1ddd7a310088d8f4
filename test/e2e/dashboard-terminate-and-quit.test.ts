import pidtree from 'pidtree';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const openTerminal = terminalPerTest();

test('in a real terminal: k on a row shows exit code -15, q quits and leaves no process', async () => {
	// Given procdash running the join-timeout preset in a 120x40 tmux pane
	const terminal = openTerminal(['node', cliPath, 'join-timeout'], {columns: 120, rows: 40});
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

	// When q is pressed, procdash stops, says so, and exits 1: the preset did not get to its end
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(1);
	expect(terminal.screen()).toContain('stopped: no process left behind');

	// And nothing it started is left running
	await expectGoneWithin([procdash, ...children], 3000);
});

test('in a real terminal: q while processes run stops them all and exits 1: the preset did not end', async () => {
	const terminal = openTerminal(['node', cliPath, 'parallel'], {columns: 80, rows: 24});
	await terminal.waitForScreen((screen) => screen.includes('4 running'));
	const procdash = terminal.pid;
	const children = await pidtree(procdash);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(1);
	await expectGoneWithin([procdash, ...children], 3000);
});

test('in a real terminal: s, ↓, enter switches presets; the previous one is stopped first', async () => {
	// Given procdash playing join-timeout (a 10 s child)
	const terminal = openTerminal(['node', cliPath, 'join-timeout', '--grace', '1'], {
		columns: 120,
		rows: 40,
	});
	await terminal.waitForScreen((screen) => /sleeper\s+\d+\s+\d+ running/.test(screen));
	const procdash = terminal.pid;
	const first = await pidtree(procdash);

	// When s opens the menu and enter picks the preset below it (daemon)
	terminal.press('s');
	await terminal.waitForScreen((screen) => screen.includes('Presets — ↑/↓ choose'));
	terminal.press('Down');
	await terminal.waitForScreen((screen) => /› daemon/.test(screen));
	terminal.press('Enter');

	// Then join-timeout's child is stopped, and daemon plays from a clean slate
	await terminal.waitForScreen((screen) => /procdash · daemon ✓/.test(screen));
	const screen = terminal.screen();
	expect(screen).not.toContain('sleeper');
	await expectGoneWithin(first, 5000);

	// When q is pressed, procdash exits 0, leaving nothing behind
	const second = await pidtree(procdash);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash, ...second], 5000);
});
