import {availableParallelism} from 'node:os';
import {expect, test} from 'vitest';
import {Pool, PoolStateError, PoolTerminatedError} from '../../../source/index.js';
import {
	eventsOf,
	expectNoDescendants,
	Gates,
	orchestratorPerTest,
	poolTask,
	rejectionOf,
	waitForEvent,
} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('options are checked up front, naming the option and the value', () => {
	const check = (options: object) => () => new Pool({...options, orchestrator: orchestrator()});
	expect(check({processes: 0})).toThrow(
		new RangeError('Pool(): processes must be a whole number ≥ 1, got 0'),
	);
	expect(check({processes: -2})).toThrow(RangeError);
	expect(check({processes: 1.5})).toThrow(RangeError);
	expect(check({processes: '2'})).toThrow(
		new TypeError('Pool(): processes must be a whole number ≥ 1, got "2"'),
	);
	expect(check({maxTasksPerChild: 0})).toThrow(
		new RangeError('Pool(): maxTasksPerChild must be a whole number ≥ 1, got 0'),
	);
	expect(check({retries: -1})).toThrow(RangeError);
	expect(check({initializer: 'setup'})).toThrow(TypeError);
	expect(check({initargs: [() => 1]})).toThrow('initargs cannot be sent to a worker process');
	expect(check({processes: orchestrator().maxProcesses + 1})).toThrow(
		"processes must be at most the orchestrator's maxProcesses",
	);
	// Nothing was started by a pool that failed its checks.
	expect(orchestrator().processes()).toEqual([]);
});

test('processes defaults to the number of CPUs', async () => {
	const pool = new Pool({orchestrator: orchestrator()});
	expect(pool.processes).toBe(availableParallelism());
	await pool.terminate();
});

test('after close, new work rejects "Pool not running"; close then join drains the queue', async () => {
	// Given a pool with one gated task in flight
	const gates = new Gates();
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const pending = pool.map(poolTask('gated'), [gates.gate('last')]);
	await waitForEvent(bus, 'pool:task-started');

	// When it is closed and joined
	pool.close();
	let joined = false;
	const join = pool.join().then(() => {
		joined = true;
	});

	// Then new work is refused, and join waits for the queued task
	const refused = await rejectionOf(pool.map(poolTask('square'), [1]));
	expect(refused).toBeInstanceOf(PoolStateError);
	expect(refused.message).toMatch(/^Pool not running/);
	await expect(pool.apply(poolTask('square'), [1])).rejects.toThrow('Pool not running');
	await expect(pool.imap(poolTask('square'), [1]).next()).rejects.toThrow('Pool not running');
	expect(joined).toBe(false);
	gates.open('last');
	await join;
	expect(await pending).toEqual(['last']);
	expect(orchestrator().live()).toEqual([]);
	expect(eventsOf(bus, 'pool:closed').map((event) => event.how)).toEqual(['closed']);
	gates.remove();
});

test('join before close or terminate rejects', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.join());
	expect(error).toBeInstanceOf(PoolStateError);
	expect(error.message).toContain('is still running: call close() or terminate() before join()');
	await pool.terminate();
	await pool.join();
});

test('terminate fails outstanding tasks at once and leaves no worker behind', async () => {
	// Given tasks that would never finish, some running and some queued
	const gates = new Gates();
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const pending = pool.map(
		poolTask('gated'),
		['a', 'b', 'c', 'd'].map((id) => gates.gate(id)),
		{
			chunksize: 1,
		},
	);
	await waitForEvent(orchestrator().bus, 'pool:task-started');

	// When the pool is terminated
	const rejection = rejectionOf(pending);
	await pool.terminate();

	// Then the map rejects instead of hanging, and every worker is gone
	const error = await rejection;
	expect(error).toBeInstanceOf(PoolTerminatedError);
	expect(pool.state).toBe('terminated');
	expect(orchestrator().live()).toEqual([]);
	await expectNoDescendants([orchestrator().watchdogPid]);
	const [closed] = eventsOf(orchestrator().bus, 'pool:closed');
	expect(closed).toMatchObject({how: 'terminated', cancelled: 4});
	gates.remove();
});

test("await using terminates the pool at the end of the block, like Python's with", async () => {
	let escaped: Pool | undefined;
	{
		await using pool = new Pool({processes: 2, orchestrator: orchestrator()});
		expect(await pool.map(poolTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
		escaped = pool;
	}
	expect(escaped.state).toBe('terminated');
	expect(orchestrator().live()).toEqual([]);
});

test('pool workers are daemonic: a task that starts a Process gets the daemon error', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.apply(poolTask('startChild')));
	expect(error.name).toBe('DaemonError');
	expect(error.message).toBe('daemonic processes are not allowed to have children');
	const [worker] = orchestrator().processes();
	expect(worker?.daemon).toBe(true);
});

test('the initializer runs once in each worker before its tasks', async () => {
	const pool = new Pool({
		processes: 2,
		initializer: poolTask('remember'),
		initargs: [42],
		orchestrator: orchestrator(),
	});
	expect(await pool.map(poolTask('initializedValue'), [1, 2, 3, 4], {chunksize: 1})).toEqual([
		42, 42, 42, 42,
	]);
});

test('an initializer that throws breaks the pool loudly instead of respawning forever', async () => {
	const pool = new Pool({
		processes: 2,
		initializer: poolTask('failToInitialize'),
		orchestrator: orchestrator(),
	});
	const error = await rejectionOf(pool.map(poolTask('square'), [1, 2]));
	expect(error.name).toBe('RangeError');
	expect(error.message).toContain('initializer refused');
	expect(pool.state).toBe('broken');
	await expect(pool.map(poolTask('square'), [1])).rejects.toThrow(
		/^Pool not running.*initializer refused/,
	);
	await pool.join();
	expect(orchestrator().live()).toEqual([]);
});

test("the orchestrator's stop fails the pool's outstanding tasks and starts no replacement", async () => {
	const gates = new Gates();
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const pending = rejectionOf(pool.map(poolTask('gated'), [gates.gate('never')]));
	await waitForEvent(bus, 'pool:task-started');
	await orchestrator().stop({graceMs: 1000});
	const error = await pending;
	expect(error).toBeInstanceOf(PoolTerminatedError);
	expect(error.message).toContain('the orchestrator is stopping');
	expect(pool.state).toBe('terminated');
	expect(eventsOf(bus, 'pool:worker-replaced')).toEqual([]);
	expect(eventsOf(bus, 'pool:worker-died')).toEqual([]);
	await pool.join();
	gates.remove();
});
