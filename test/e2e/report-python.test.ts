import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// A Python program written as the multiprocessing tutorial writes it, run under procdash, unchanged.
const counter = fileURLToPath(new URL('../../../test/fixtures/python/counter.py', import.meta.url));
const holders = fileURLToPath(
	new URL('../../../test/fixtures/python/lock-holders.py', import.meta.url),
);

test('procdash run --json -- python3 counter.py: its lock, its value and its processes are in the stream, named after it; its output unchanged', async () => {
	for (const method of ['fork', 'spawn']) {
		const run = await runCli(['run', '--json', '--', 'python3', counter, method]);
		await expectNoneRunning(pidsIn(run.events));
		expect(run.exitcode).toBe(0);
		const lines = run.events
			.filter((event) => event.type === 'process:output')
			.map((event) => event.line);
		expect(lines).toEqual(['count 100', 'exit codes [0, 0, 0, 0]']);
		// The tutorial's Lock: taken 100 times (the Value's own lock is reported apart, as Value-1.lock)
		const acquired = run.events.filter(
			(event) => event.type === 'lock:acquired' && event.name === 'counter.py · Lock-1',
		);
		expect(acquired).toHaveLength(100);
		expect(run.events.some((event) => event.type === 'lock:requested')).toBe(true);
		const values = run.events.filter(
			(event) => event.type === 'value:changed' && event.name.startsWith('counter.py · '),
		);
		expect(values.at(-1)).toMatchObject({value: 100});
		const exitcodes = run.events.flatMap((event) =>
			event.type === 'process:exited' && event.name.startsWith('counter.py · Process-')
				? [event.exitcode]
				: [],
		);
		expect(exitcodes).toEqual([0, 0, 0, 0]);
	}
});

const openTerminal = terminalPerTest();

test('in a real terminal: the Sync panel shows the Python lock with its holder and waiters', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'python3', holders], {
		columns: 140,
		rows: 40,
	});
	await terminal.waitForScreen((screen) =>
		/lock-holders\.py · Lock-1 +held by lock-holders\.py · Process-\d.*waiters: lock-holders\.py · Process-/.test(
			screen,
		),
	);
	terminal.press('q');
	await terminal.waitForExit();
});
