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
