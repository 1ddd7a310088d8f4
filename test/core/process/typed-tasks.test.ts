// Typed tasks: the build's tsc checks every line here (an `@ts-expect-error` that finds no error
// is itself an error); the calls that must not compile sit in functions never called. The rest
// runs for real, on real processes and threads.
import {expect, expectTypeOf, test} from 'vitest';
import {
	fork,
	Pool,
	Process,
	type TaskTarget,
	Thread,
	task,
	taskModule,
	Value,
} from '../../../source/index.js';
import type * as poolTasks from '../../fixtures/pool-tasks.js';
import {orchestratorPerTest} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();
const url = new URL('../../fixtures/pool-tasks.js', import.meta.url);
// Both ways of giving a task its type: the function's, or the module's once for all its tasks.
const square = task<typeof poolTasks.square>(url, 'square');
const tasks = taskModule<typeof poolTasks>(url);

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const value of values) all.push(value);
	return all;
}

test('a typed task gives pool calls its argument and result types', async () => {
	await using pool = new Pool({processes: 1, orchestrator: orchestrator()});

	const squares = await pool.map(square, [1, 2, 3]);
	const sums = await pool.starmap(tasks('add'), [
		[1, 2],
		[3, 4, 5],
	]);
	const napped = await pool.apply(tasks('nap'), [{index: 7, ms: 1}]);
	const streamed = await collect(pool.imap(tasks('square'), [4]));
	const unordered = await collect(pool.imapUnordered(square, [5]));
	const seen = new Value('i', 0, {orchestrator: orchestrator()});
	const used = await pool.apply(tasks('useShared'), [seen]);

	expectTypeOf(squares).toEqualTypeOf<number[]>();
	expectTypeOf(sums).toEqualTypeOf<number[]>();
	expectTypeOf(napped).toEqualTypeOf<number>();
	expectTypeOf(streamed).toEqualTypeOf<number[]>();
	expectTypeOf(unordered).toEqualTypeOf<number[]>();
	expectTypeOf(used).toEqualTypeOf<string[]>();
	expect([squares, sums, napped, streamed, unordered, used]).toEqual([
		[1, 4, 9],
		[3, 12],
		7,
		[16],
		[25],
		['Value:1'],
	]);
});

test('a typed task gives a Process and a Thread their args and result types', async () => {
	const child = new Process({target: square, args: [3], orchestrator: orchestrator()});
	const thread = new Thread({target: tasks('square'), args: [4], orchestrator: orchestrator()});
	for (const member of [child, thread]) await member.start();
	for (const member of [child, thread]) await member.join();

	expectTypeOf(child.result).toEqualTypeOf<number | undefined>();
	expectTypeOf(thread.result).toEqualTypeOf<number | undefined>();
	expect([child.result, thread.result]).toEqual([9, 16]);
	// A typed Process is a Process like any other.
	const members: Process[] = [child];
	expect(members).toHaveLength(1);
});

test('wrong arguments to a typed task do not compile', () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const wrong = [
		// @ts-expect-error a string where square takes a number
		() => pool.map(square, ['3']),
		// @ts-expect-error add takes numbers
		() => pool.starmap(tasks('add'), [['1', 2]]),
		// @ts-expect-error nap takes {index, ms}
		() => pool.apply(tasks('nap'), [{index: 1}]),
		// @ts-expect-error nap needs its argument
		() => pool.apply(tasks('nap')),
		// @ts-expect-error a string where square takes a number
		() => pool.imap(square, ['3']),
		// @ts-expect-error a string where square takes a number
		() => pool.imapUnordered(square, ['3']),
		// @ts-expect-error a string where square takes a number
		() => new Process({target: square, args: ['3']}),
		// @ts-expect-error square takes one argument
		() => new Thread({target: square, args: [1, 2]}),
		// @ts-expect-error the module exports no function of that name
		() => tasks('sqaure'),
		// @ts-expect-error the result is a number
		(): Promise<string[]> => pool.map(square, [1]),
		async () => {
			// @ts-expect-error a declared result does not turn the checks off
			const squares: number[] = await pool.map(square, ['3']);
			return squares;
		},
	];
	expect(wrong).toHaveLength(11);
	return pool.terminate();
});

test('an untyped task takes anything and gives unknown, as before', async () => {
	await using pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const untyped = task(url, 'square');

	const anything = await pool.map(untyped, [2]);
	const asNumbers = await pool.map<number>(untyped, [3]);
	const applied = await pool.apply(task(url, 'add'), [1, 2]);
	const child = new Process({target: untyped, args: [4], orchestrator: orchestrator()});
	// A target declared as a bare TaskTarget is any task's: untyped.
	const annotated: TaskTarget = square;
	const fromAnnotated = await pool.map(annotated, [6]);

	expectTypeOf(anything).toEqualTypeOf<unknown[]>();
	expectTypeOf(asNumbers).toEqualTypeOf<number[]>();
	expectTypeOf(applied).toEqualTypeOf<unknown>();
	expectTypeOf(child.result).toEqualTypeOf<unknown>();
	expectTypeOf(fromAnnotated).toEqualTypeOf<unknown[]>();
	expect([anything, asNumbers, applied, fromAnnotated]).toEqual([[4], [9], 3, [36]]);
});

test('fork() checks the state against the task’s second parameter', async () => {
	type Clone = (forkResult: number, state: {readonly counter: number}) => number;
	const clone = task<Clone>(new URL('../../fixtures/tasks.js', import.meta.url), 'echo');
	const wrong = [
		// @ts-expect-error counter is a number
		() => fork(clone, {counter: 'one'}),
	];

	const forked = await fork(clone, {counter: 1}, {orchestrator: orchestrator()});
	await forked.join();

	expectTypeOf(forked.result).toEqualTypeOf<number | undefined>();
	expect([forked.result, wrong.length]).toEqual([0, 1]);
});
