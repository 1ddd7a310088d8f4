import {expect, test} from 'vitest';
import {Pool, Thread, Value, WorkerDiedError} from '../../../source/index.js';
import {
	eventsOf,
	orchestratorPerTest,
	poolTask,
	rejectionOf,
	waitForEvent,
} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('Pool({backend: "thread"}) maps in input order on threads of this process', async () => {
	await using pool = new Pool({processes: 2, backend: 'thread', orchestrator: orchestrator()});
	const items = Array.from({length: 10_000}, (_, index) => index);

	const squares = await pool.map<number>(poolTask('square'), items);
	const ones = await pool.map<number>(poolTask('square'), items, {chunksize: 1});

	expect(pool.backend).toBe('thread');
	expect(squares).toEqual(items.map((x) => x * x));
	expect(ones).toEqual(squares);
	expect(
		await pool.starmap(poolTask('add'), [
			[1, 2],
			[3, 4, 5],
		]),
	).toEqual([3, 12]);
	expect(await pool.apply(poolTask('add'), [20, 22])).toBe(42);
	const streamed: unknown[] = [];
	for await (const value of pool.imap(poolTask('identity'), ['a', 'b', 'c'])) streamed.push(value);
	expect(streamed).toEqual(['a', 'b', 'c']);
	const workers = orchestrator()
		.processes()
		.filter((member) => member.kind === 'thread');
	expect(workers.map((worker) => [worker.name, worker.pid])).toEqual([
		[expect.stringMatching(/^PoolThread-\d+$/), process.pid],
		[expect.stringMatching(/^PoolThread-\d+$/), process.pid],
	]);
	expect(workers.every((worker) => worker instanceof Thread && worker.daemon)).toBe(true);
});

test('a thread worker keeps values that need structured clone, and errors keep their class', async () => {
	await using pool = new Pool({processes: 1, backend: 'thread', orchestrator: orchestrator()});
	const rich = [new Map([['a', 1]]), new Set([1]), 2n ** 70n, new Date(0), -0, Number.NaN];

	expect(await pool.map(poolTask('identity'), rich)).toEqual(rich);
	const failed = await rejectionOf(pool.map(poolTask('failOn'), ['ok', 'type']));
	expect(failed).toBeInstanceOf(TypeError);
	expect(failed.message).toBe('bad type: type');
});

test('a thread worker that ends mid-task fails it with WorkerDiedError and is replaced', async () => {
	const pool = new Pool({processes: 2, backend: 'thread', orchestrator: orchestrator()});
	const {bus} = orchestrator();

	const error = await rejectionOf(pool.apply(poolTask('exitWith'), [7]));

	expect(error).toBeInstanceOf(WorkerDiedError);
	expect(error).toMatchObject({exitcode: 7, pid: process.pid});
	const replaced = await waitForEvent(bus, 'pool:worker-replaced');
	expect(replaced.reason).toBe('died');
	expect(await pool.map(poolTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
	pool.close();
	await pool.join();
	expect(eventsOf(bus, 'pool:worker-died')).toHaveLength(1);
});

test('a thread pool initializer gets a Value on shared memory', async () => {
	const seen = new Value('i', 0, {orchestrator: orchestrator()});
	const pool = new Pool({
		processes: 2,
		backend: 'thread',
		initializer: poolTask('countIn'),
		initargs: [seen],
		orchestrator: orchestrator(),
	});

	await pool.map(poolTask('square'), [1, 2, 3, 4]);
	pool.close();
	await pool.join();

	expect(seen.value).toBe(2);
});

test('an unknown backend is a TypeError naming the option', () => {
	expect(() => new Pool({backend: 'fiber' as never, orchestrator: orchestrator()})).toThrow(
		/backend must be 'process', 'thread' or 'bullmq', got "fiber"/,
	);
});
