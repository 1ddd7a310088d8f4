import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import type {SyncState} from '../../source/core/events/index.js';
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

const waitingRoom = fileURLToPath(
	new URL('../../../test/fixtures/python/waiting-room.py', import.meta.url),
);

test('procdash run --json -- python3 waiting-room.py: its Event, Barrier, Semaphore and Queue, their holders, waiters and depth, as its processes told them', async () => {
	for (const method of ['fork', 'spawn']) {
		const run = await runCli(['run', '--json', '--', 'python3', waitingRoom, method]);
		await expectNoneRunning(pidsIn(run.events));
		expect(run.exitcode).toBe(0);
		expect(
			run.events.filter((event) => event.type === 'process:output').map((event) => event.line),
		).toEqual(['turns 2 each']);
		const on = (name: string) =>
			run.events.flatMap((event) =>
				(event.type.startsWith('sync:') || event.type.startsWith('queue:')) &&
				'name' in event &&
				event.name === `waiting-room.py · ${name}`
					? [event as typeof event & {type: string}]
					: [],
			);
		// The semaphore: ten turns; while two held it, others waited in line.
		const semaphore = on('Semaphore-1');
		expect(semaphore.filter((event) => event.type === 'sync:acquired')).toHaveLength(10);
		const states = semaphore.flatMap((event) =>
			event.type.startsWith('sync:') && 'state' in event ? [event.state as SyncState] : [],
		);
		expect(states.some((state) => state.holders.length === 2 && state.waiters.length > 0)).toBe(
			true,
		);
		expect(run.summary?.sync['waiting-room.py · Semaphore-1']).toMatchObject({
			kind: 'semaphore',
			permits: 2,
			initial: 2,
			holders: [],
			waiters: [],
		});
		expect(run.summary?.sync['waiting-room.py · Event-1']).toMatchObject({
			kind: 'event',
			set: true,
		});
		expect(run.summary?.sync['waiting-room.py · Barrier-1']).toMatchObject({
			kind: 'barrier',
			parties: 5,
			passed: 1,
			waiters: [],
		});
		// The queue: ten puts by the workers, read by the parent at the end.
		expect(on('Queue-1').some((event) => event.type === 'queue:put')).toBe(true);
		expect(run.summary?.queues['waiting-room.py · Queue-1']).toMatchObject({
			depth: 0,
			puts: 10,
			gets: 10,
		});
	}
});

const sleeps = fileURLToPath(new URL('../../../test/fixtures/python/sleeps.py', import.meta.url));

test('procdash run --json -- python3 sleeps.py: Pool(4).map over sixteen sleeps, its queue drains', async () => {
	for (const method of ['fork', 'spawn']) {
		const run = await runCli(['run', '--json', '--', 'python3', sleeps, method]);
		await expectNoneRunning(pidsIn(run.events));
		expect(run.exitcode).toBe(0);
		const queued = run.events.flatMap((event) =>
			event.type === 'pool:task-queued' ? [event.tasks] : [],
		);
		expect(queued.reduce((sum, tasks) => sum + tasks, 0)).toBe(16);
		const done = run.events.filter(
			(event) => event.type === 'pool:task-done' && event.pool === 'sleeps.py · Pool-1',
		);
		expect(done).toHaveLength(16);
		expect(run.summary?.pools['sleeps.py · Pool-1']).toMatchObject({done: 16, failed: 0});
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

test('in a real terminal: a Python Pool(4)’s queue drains as its workers take the sleeps', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'python3', sleeps, 'fork', '0.5'], {
		columns: 140,
		rows: 40,
	});
	await terminal.waitForScreen((screen) =>
		/sleeps\.py · Pool-1[\s\S]*queued [1-9]\d* · running 4 /.test(screen),
	);
	await terminal.waitForScreen((screen) => /queued 0 · running 0 · done 16 /.test(screen));
	terminal.press('q');
	await terminal.waitForExit();
});

test('in a real terminal: the Sync panel shows the Python semaphore’s two holders and its line, and the queue fills', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'python3', waitingRoom], {
		columns: 140,
		rows: 40,
	});
	await terminal.waitForScreen((screen) =>
		/waiting-room\.py · Semaphore-1 +semaphore 0 of 2 left · held by waiting-room\.py · Process-\d.*waiters: waiting-room\.py · Process/.test(
			screen,
		),
	);
	await terminal.waitForScreen((screen) => /waiting-room\.py · Queue-1 +[1-9]\d*\/∞/.test(screen));
	terminal.press('q');
	await terminal.waitForExit();
});
