import pidtree from 'pidtree';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const openTerminal = terminalPerTest();

test("in a real terminal: procdash run -- sh -c 'sleep 30 & sleep 30' shows both sleeps under sh", async () => {
	// Given a shell command with two children of its own, run under the dashboard
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'sh', '-c', 'sleep 30 & sleep 30'], {
		columns: 120,
		rows: 30,
	});

	// Then the process panel shows sh running, with both sleeps indented under it
	const screen = await terminal.waitForScreen(
		(text) => (text.match(/└ sleep\s+\d+\s+\d+ child/g) ?? []).length === 2,
	);
	const sh = /› sh\s+(\d+)\s+(\d+) running/.exec(screen);
	expect(sh).not.toBeNull();
	const shPid = Number(sh?.[1]);
	const sleeps = [...screen.matchAll(/└ sleep\s+(\d+)\s+(\d+) child/g)];
	for (const sleep of sleeps) expect(Number(sleep[2])).toBe(shPid);
	const procdash = terminal.pid;
	const tree = await pidtree(procdash);
	for (const sleep of sleeps) expect(tree).toContain(Number(sleep[1]));

	// When q is pressed, procdash stops the whole group and exits 0
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	// And the final report under it lists sh, ended, without the sleeps its last sample saw
	const report = terminal.screen();
	expect(report).toContain('stopped: no process left behind');
	expect(report).toMatch(/^ {2}sh\s+\d+\s+\d+ exited .*-15 TERM/m);
	expect(report).not.toContain('└ sleep');
	const started = [procdash, ...tree];
	await expectGoneWithin(started, 5000);
});

test('in a real terminal: a command that does not exist shows "not found" and procdash exits 1', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'no-such-command-procdash'], {
		columns: 100,
		rows: 24,
	});
	await terminal.waitForScreen((text) => /› no-such-comm\S*\s+failed\s+not found/.test(text));
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(1);
});

test('in a real terminal: fifty children of a command can all be reached and found, and the keys stay on the last line', async () => {
	// Given a shell that starts fifty sleeps of its own
	const terminal = openTerminal(
		['node', cliPath, 'run', '--', 'sh', '-c', 'for i in $(seq 50); do sleep 45 & done; wait'],
		{columns: 120, rows: 40},
	);
	await terminal.waitForScreen((text) => / of 51$/m.test(text));

	// When End is pressed, the selection goes to the last of them, and the table scrolls to it
	terminal.press('End');
	const end = await terminal.waitForScreen((text) => /^› └ sleep /m.test(text));
	expect(end).toMatch(/^ {2}\d+–51 of 51$/m);
	// And the screen is full: the keys are on its last line, under nothing blank
	const lines = end.split('\n').filter((line, index, all) => index < all.length - 1 || line !== '');
	expect(lines).toHaveLength(40);
	expect(lines.at(-1)).toContain('q quit');

	// When the filter is "sleep", the fifty sleeps are what it finds
	terminal.press('/', 's', 'l', 'e', 'e', 'p', 'Enter');
	const found = await terminal.waitForScreen((text) => text.includes('filter "sleep"'));
	expect(found).not.toContain('no process matches');
	expect(found).toMatch(/^ {2}\d+–\d+ of 50$/m);

	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
});
