// showDashboard(): a program opens procdash's dashboard on its own orchestrator
// (test/fixtures/show-dashboard-program.ts), in a real terminal; without one, it rejects.
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {terminalPerTest} from '../helpers/tmux.js';

const program = fileURLToPath(new URL('../fixtures/show-dashboard-program.js', import.meta.url));
const openTerminal = terminalPerTest();

test('in a real terminal: showDashboard() shows the program’s own value and lock; q resolves it and the program exits 0', async () => {
	// Given a program that ran two processes on its Value and Lock, then called showDashboard()
	const terminal = openTerminal(['node', program], {columns: 120, rows: 40});

	// Then the dashboard shows them, under the program's name
	const screen = await terminal.waitForScreen(
		(text) => /Ticks\s+i\s+6\b/.test(text) && text.includes('Gate') && text.includes('Process-2'),
		20_000,
	);
	expect(screen).toContain('show-dashboard-program.js');
	const pid = terminal.pid;

	// When q is pressed, the promise resolves, the program goes on and exits 0
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	expect(terminal.screen()).toContain('dashboard closed, counter 6');
	await expectGoneWithin([pid], 5000);
});

test('without a terminal, showDashboard() rejects with one line that says why', async () => {
	let outcome: {stdout: string; code: number | undefined};
	try {
		const {stdout} = await promisify(execFile)(process.execPath, [program]);
		outcome = {stdout, code: 0};
	} catch (error) {
		const failed = error as {stdout: string; code: number};
		outcome = {stdout: failed.stdout, code: failed.code};
	}
	expect(outcome.code).toBe(3);
	expect(outcome.stdout).toBe(
		'rejected InputError: showDashboard() needs an interactive terminal: stdin and stdout must be a TTY (to watch a program without one, run it under procdash run --json)\n',
	);
});
