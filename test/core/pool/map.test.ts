import {expect, test} from 'vitest';
import {Pool} from '../../../source/index.js';
import {eventsOf, Gates, orchestratorPerTest, poolTask, waitForEvent} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('map returns results in input order when the tasks finish in the reverse order', async () => {
	// Given three gated tasks on three workers
	const gates = new Gates();
	const pool = new Pool({processes: 3, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const results = pool.map(
		poolTask('gated'),
		['a', 'b', 'c'].map((id) => gates.gate(id)),
	);
	for (const first of [0, 1, 2]) {
		await waitForEvent(bus, 'pool:task-started', (event) => event.first === first);
	}

	// When they are let finish last to first
	for (const [id, first] of [
		['c', 2],
		['b', 1],
		['a', 0],
	] as const) {
		gates.open(id);
		await waitForEvent(bus, 'pool:task-done', (event) => event.first === first);
	}

	// Then the results are in input order, though they finished in the reverse order
	expect(await results).toEqual(['a', 'b', 'c']);
	expect(eventsOf(bus, 'pool:task-done').map((event) => event.first)).toEqual([2, 1, 0]);
	gates.remove();
});

test('map of [] is [] and takes any iterable', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const square = poolTask('square');
	expect(await pool.map(square, [])).toEqual([]);
	expect(await pool.map(square, new Set([1, 2, 3]))).toEqual([1, 4, 9]);
	function* numbers() {
		yield* [4, 5];
	}
	expect(await pool.map(square, numbers())).toEqual([16, 25]);
	expect(await pool.map(square, new Map([[1, 'one']]).keys())).toEqual([1]);
});

test('starmap spreads each item as arguments; apply calls once', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const add = poolTask('add');
	expect(await pool.starmap(add, [[1, 2], [3, 4, 5], []])).toEqual([3, 12, 0]);
	expect(await pool.apply(add, [1, 2, 3])).toBe(6);
	expect(await pool.apply(poolTask('initializedValue'))).toBeUndefined();
});

test('a map with chunksize = len is one task, run by one worker', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const items = Array.from({length: 10}, (_, index) => index);
	const ran = await pool.map<{pid: number}>(poolTask('whoRan'), items, {chunksize: items.length});
	expect(new Set(ran.map((result) => result.pid)).size).toBe(1);
	const [queued] = eventsOf(orchestrator().bus, 'pool:task-queued');
	expect(queued).toMatchObject({tasks: 1, count: 10});
	expect(eventsOf(orchestrator().bus, 'pool:task-started')).toHaveLength(1);
});

test("the default chunksize follows CPython's rule for map, and is 1 for imap", async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const items = Array.from({length: 100}, (_, index) => index);
	// ceil(100 / (4 × 2)) = 13 items a task: 8 tasks, the last one of 9.
	const squares = await pool.map<number>(poolTask('square'), items);
	expect(squares).toEqual(items.map((item) => item * item));
	const values: number[] = [];
	for await (const value of pool.imap<number>(poolTask('square'), items.slice(0, 5))) {
		values.push(value);
	}
	expect(values).toEqual([0, 1, 4, 9, 16]);
	const queued = eventsOf(orchestrator().bus, 'pool:task-queued');
	expect(queued.map(({tasks, count}) => [tasks, count])).toEqual([
		[8, 100],
		[5, 5],
	]);
});

test('chunksize must be a whole number ≥ 1: map rejects, it does not throw', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const square = poolTask('square');
	const zero = pool.map(square, [1], {chunksize: 0});
	await expect(zero).rejects.toThrow(RangeError);
	await expect(zero).rejects.toThrow('map(): chunksize must be a whole number ≥ 1, got 0');
	await expect(pool.map(square, [1], {chunksize: 1.5})).rejects.toThrow(RangeError);
	await expect(pool.map(square, [1], {chunksize: '2' as unknown as number})).rejects.toThrow(
		TypeError,
	);
	await expect(pool.map(square, 42 as unknown as number[])).rejects.toThrow(
		'map(): items must be iterable',
	);
	await expect(pool.map({} as never, [1])).rejects.toThrow('target must be made with task(');
	const iteration = pool.imap(square, [1], {chunksize: 0});
	await expect(iteration.next()).rejects.toThrow(RangeError);
});

test('numbers cross exactly, whether a chunk travels packed or not', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const special = [-0, Number.NaN, Number.POSITIVE_INFINITY, -1.5e308, 2 ** 53 + 2, 5e-324];
	const numbers = Array.from({length: 200}, (_, index) => special[index % special.length] ?? index);
	const back = await pool.map<number>(poolTask('identity'), numbers, {chunksize: 100});
	expect(back.every((value, index) => Object.is(value, numbers[index]))).toBe(true);
	// A chunk that is not all numbers goes as it is.
	const mixed = [...numbers.slice(0, 99), 'x', null, 7n];
	const mixedBack = await pool.map(poolTask('identity'), mixed, {chunksize: 102});
	expect(mixedBack.every((value, index) => Object.is(value, mixed[index]))).toBe(true);
});

test('a chunk of numbers that meets a string, a promise or a throw midway keeps each value in order', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const numbers = Array.from({length: 300}, (_, index) => index);
	const back = await pool.map(poolTask('mostlyDouble'), numbers, {chunksize: 150});
	expect(back).toEqual(
		numbers.map((x) => (x === 110 ? 's110' : x === 120 || x === 130 ? -x : x * 2)),
	);
	const failing = pool.map(poolTask('mostlyDouble'), [...numbers, 9999], {chunksize: 301});
	await expect(failing).rejects.toThrow(new RangeError('no 9999'));
});
