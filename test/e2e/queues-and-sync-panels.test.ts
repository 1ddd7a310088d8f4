import {expect, test} from 'vitest';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// The presets in a real terminal: the Queues and Sync panels follow the broker's objects live,
// and the process table says who waits on what.

const openTerminal = terminalPerTest();

test('producer-consumer in tmux: the Queues panel shows jobs full with blocked producers, their rows wait on jobs', async () => {
	const terminal = openTerminal(['node', cliPath, 'producer-consumer'], {columns: 120, rows: 40});
	const busy = await terminal.waitForScreen(
		(screen) =>
			/^ {2}jobs +5\/5 .*put: producer-\d/m.test(screen) &&
			/^[› ] producer-\d .* waiting on jobs \(put\)/m.test(screen),
	);
	expect(busy).toMatch(/^Queues$/m);
	expect(busy).toMatch(/put [\d.]+\/s get [\d.]+\/s · unfinished \d+/);
	// It ends well: the verdict is on screen, and q leaves
	await terminal.waitForScreen((screen) => screen.includes('✓'), 20_000);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
});

test('semaphore in tmux: the Sync panel shows the permits taken, two holders, and the others in line', async () => {
	const terminal = openTerminal(['node', cliPath, 'semaphore'], {columns: 120, rows: 40});
	const busy = await terminal.waitForScreen(
		(screen) =>
			/^ {2}slots +semaphore 0 of 2 left · held by worker-\d, worker-\d +waiters: worker-\d/m.test(
				screen,
			) && /^[› ] worker-\d .* waiting on slots/m.test(screen),
	);
	expect(busy).toMatch(/^Sync$/m);
	await terminal.waitForScreen((screen) => screen.includes('✓'), 20_000);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
});
