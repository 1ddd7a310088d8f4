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

const poolDeath = fileURLToPath(
	new URL('../../../test/fixtures/python/pool-death.py', import.meta.url),
);

test('a Python pool worker killed mid-task: its death is told, with the task it took with it (CPython never answers that task)', async () => {
	for (const method of ['fork', 'spawn']) {
		const run = await runCli(['run', '--json', '--', 'python3', poolDeath, method]);
		await expectNoneRunning(pidsIn(run.events));
		expect(run.exitcode).toBe(0);
		expect(
			run.events.filter((event) => event.type === 'process:output').map((event) => event.line),
		).toEqual(['worker replaced; task answered: False']);
		const started = run.events.flatMap((event) =>
			event.type === 'pool:task-started' ? [event] : [],
		);
		const died = run.events.flatMap((event) => (event.type === 'pool:worker-died' ? [event] : []));
		expect(started).toHaveLength(1);
		expect(died).toHaveLength(1);
		expect(died[0]).toMatchObject({
			pool: 'pool-death.py · Pool-1',
			worker: started[0]?.worker,
			signal: 'SIGKILL',
			taskId: started[0]?.taskId,
		});
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
