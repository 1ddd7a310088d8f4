import pidtree from 'pidtree';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const openTerminal = terminalPerTest();

test('in a real terminal: the pool-crash preset shows the death, the replacement and 11 results', async () => {
	// Given procdash playing pool-crash in a 120x40 pane
	const terminal = openTerminal(['node', cliPath, 'pool-crash'], {columns: 120, rows: 40});
	await terminal.waitForScreen((screen) => /PoolWorker-\d+ +\d+ +\d+ running/.test(screen));
	const procdash = terminal.pid;
	const children = await pidtree(procdash);

	// Then the killed worker's task fails, a replacement starts, and the other 11 finish
	const screen = await terminal.waitForScreen(
		(text) => text.includes('✓ 1 WorkerDiedError, 11 results, 1 replacement'),
		20_000,
	);
	expect(screen).toMatch(/PoolWorker-\d+ +\d+ +\d+ exited .*-9 KILL/);
	expect(screen).toMatch(/done 11 · failed 1/);
	expect(screen).toMatch(/1 died, 1 replaced/);
	expect(screen).toMatch(
		/✗ apply on PoolWorker-\d+: WorkerDiedError: pool worker PoolWorker-\d+ \(pid \d+\) killed by SIGKILL/,
	);

	// And q leaves nothing behind
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash, ...children], 3000);
});
