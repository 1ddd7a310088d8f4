import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {crashModule} from '../helpers/endings.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// The dashboard draws on the alternate screen: what the terminal showed before comes back when it
// closes, with the final report under it; a crash is printed where it can be read.

const openTerminal = terminalPerTest();
const marker = 'typed-before-procdash';

// A shell that prints a line, runs procdash, then says how procdash exited and stays: the pane
// stays alive, showing what a person would see once procdash is done.
const shell = (preset: string) =>
	`echo ${marker}; node ${cliPath} ${preset}; echo procdash-exited-$?; sleep 60`;

test('in a real terminal: while it runs the dashboard has the screen; after q, what was there before comes back with the final report under it', async () => {
	// Given a terminal that shows a line, then procdash playing parallel
	const terminal = openTerminal(['sh', '-c', shell('parallel')], {
		columns: 100,
		rows: 30,
	});
	const running = await terminal.waitForScreen((screen) => /^procdash · parallel/m.test(screen));
	expect(running).not.toContain(marker);
	await terminal.waitForScreen((screen) => screen.includes('✓ 4 processes slept'));

	// When q is pressed
	terminal.press('q');

	// Then the line is back, and under it how the stop went and how each process ended
	const lines = (
		await terminal.waitForScreen((screen) => screen.includes('procdash-exited-'))
	).split('\n');
	const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
	expect(at(new RegExp(`^${marker}$`))).toBe(0);
	expect(at(/^procdash · parallel ✓ · 0 running · 0 paused · 4 exited · 0 failed/)).toBe(1);
	expect(at(/^stopped: no process left behind$/)).toBe(2);
	const exited = lines.filter((line) =>
		/^ {2}Process-\d\s+\d+\s+\d+ exited .* 0 sleep\.js/.test(line),
	);
	expect(exited).toHaveLength(4);
	expect(lines).toContain('procdash-exited-0');
});

test('in a real terminal: a crash leaves the alternate screen before it is printed, so the error can be read', async () => {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-crash-'));
	const trigger = path.join(directory, 'crash-now');
	try {
		const terminal = openTerminal(
			[
				'env',
				`NODE_OPTIONS=--import ${crashModule}`,
				`PROCDASH_TEST_CRASH_WHEN=${trigger}`,
				'sh',
				'-c',
				shell('parallel'),
			],
			{columns: 100, rows: 30},
		);
		await terminal.waitForScreen((screen) => /^procdash · parallel/m.test(screen));
		writeFileSync(trigger, '');
		const screen = await terminal.waitForScreen((text) => text.includes('procdash-exited-'));
		expect(screen.split('\n')[0]).toBe(marker);
		expect(screen).toContain('Error: a bug in procdash');
		expect(screen).toContain('procdash-exited-1');
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('in a real terminal: the scrollback is the same after procdash, however tall its frames were', async () => {
	// Given a terminal with 500 lines of scrollback, then the tour filling a 120×40 screen
	const terminal = openTerminal(
		['sh', '-c', `seq 1 500; read go; node ${cliPath} tour; echo procdash-exited-$?; sleep 60`],
		{columns: 120, rows: 40},
	);
	await terminal.waitForScreen((screen) => /^500$/m.test(screen));
	const before = terminal.historySize();
	expect(before).toBeGreaterThan(400);
	terminal.press('Enter');
	await terminal.waitForScreen((screen) => /Pool-1 running · workers \d busy/.test(screen));

	// When q is pressed
	terminal.press('q');
	await terminal.waitForScreen((screen) => screen.includes('procdash-exited-'));

	// Then no line of the scrollback was erased
	expect(terminal.historySize()).toBeGreaterThanOrEqual(before);
});
