import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {processTree} from '../helpers/processes.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const openTerminal = terminalPerTest();

test('a child that ignores SIGTERM: the header counts down naming it, then it is SIGKILLed', async () => {
	// Given a command whose shell and sleep both ignore SIGTERM, and a grace period of 2 s
	const terminal = openTerminal(
		[
			'node',
			cliPath,
			'run',
			'--grace',
			'2',
			'--',
			'sh',
			'-c',
			'trap "" TERM; echo ready; sleep 100',
		],
		{columns: 120, rows: 30},
	);
	const ready = await terminal.waitForScreen((screen) => screen.includes('sh │ ready'));
	const sh = Number(/› sh\s+(\d+)/.exec(ready)?.[1]);
	const tree = await processTree(terminal.pid);

	// When q is pressed
	terminal.press('q');

	// Then the header counts down to SIGKILL and says which process holds up the exit
	const stopping = await terminal.waitForScreen((screen) => screen.includes('shutting down'));
	expect(stopping).toMatch(
		new RegExp(`shutting down: SIGTERM sent, SIGKILL in [0-2] s · waiting for sh \\(pid ${sh}\\)`),
	);

	// And once the grace period is over, SIGKILL ends it; procdash finds no survivor and exits 0
	await terminal.waitForExit();
	const screen = terminal.screen();
	expect(screen).toMatch(/sh\s+\d+\s+\d+ exited .*-9 KILL/);
	expect(screen).toContain('stopped: no process left behind');
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin(tree, 2000);
});
