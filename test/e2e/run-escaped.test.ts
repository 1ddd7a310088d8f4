import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {pidsRunning, waitFor} from '../helpers/processes.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const openTerminal = terminalPerTest();

test('in a real terminal: a sleep that left its process group (setsid) is stopped at q, and the report names it', async () => {
	// Given two shells that exit at once: one leaves a sleep in its group, one in a session of its own
	const terminal = openTerminal(
		['node', cliPath, 'run', '--', 'sh -c "sleep 99.25 &"', '--', 'sh -c "setsid sleep 98.25 &"'],
		{columns: 140, rows: 30},
	);
	await terminal.waitForScreen((screen) => /sh-2\s+\d+\s+\d+ exited/.test(screen));
	let escaped: number[] = [];
	await waitFor(() => {
		escaped = pidsRunning(['sleep', '98.25']);
		return escaped.length === 1 && pidsRunning(['sleep', '99.25']).length === 1;
	});

	// When q is pressed
	terminal.press('q');
	await terminal.waitForExit();

	// Then neither sleep lives on, and the report says where the escaped one was found
	await expectGoneWithin(escaped, 5000);
	expect(pidsRunning(['sleep', '99.25'])).toEqual([]);
	expect(terminal.screen()).toContain(
		`stopped: no process left behind; one process had left its process group and was stopped too: sleep (pid ${escaped[0]})`,
	);
	expect(terminal.exitStatus).toBe(0);
});

test('in a real terminal: q before a preset ends exits 1, and the report says why', async () => {
	const terminal = openTerminal(['node', cliPath, 'parallel'], {columns: 100, rows: 30});
	await terminal.waitForScreen((screen) => screen.includes('4 running'));
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(1);
	expect(terminal.screen()).toMatch(/^✗ parallel did not pass: stopped before the end/m);
});
