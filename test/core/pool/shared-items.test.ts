import {describe, expect, test} from 'vitest';
import {
	createOrchestrator,
	Lock,
	Pool,
	type PoolBackend,
	SharedArray,
	type TaskTarget,
	Value,
} from '../../../source/index.js';
import {orchestratorPerTest, poolTask, rejectionOf} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

type Shared = Value | SharedArray | Lock;

// Each kind of shared object: how to make one, what `useShared` reports after using it once, and
// what its owner sees afterwards. The parent holds the lock during the call, so a worker that
// got the same lock finds it held.
const kinds = {
	Value: {
		make: () => new Value('i', 0, {orchestrator: orchestrator()}),
		used: 'Value:1',
		after: async (shared: Shared) => (shared as Value).value,
		expected: 1,
	},
	SharedArray: {
		make: () => new SharedArray('d', [0, 0.5], {orchestrator: orchestrator()}),
		used: 'SharedArray:1.5',
		after: async (shared: Shared) => (shared as SharedArray).get(1),
		expected: 1.5,
	},
	Lock: {
		make: () => new Lock({orchestrator: orchestrator()}),
		used: 'Lock:held',
		after: async (shared: Shared) => (shared as Lock).holder?.id,
		expected: 0,
	},
} as const;

async function collect(values: AsyncIterable<unknown>): Promise<unknown[]> {
	const all: unknown[] = [];
	for await (const value of values) all.push(value);
	return all;
}

// Every way a call carries an item, and the object in it at the top level or nested; each call
// has one item, so each resolves to one `useShared` report.
const positions: Record<string, (pool: Pool, target: TaskTarget, x: Shared) => Promise<unknown>> = {
	'a map item': (pool, target, x) => pool.map(target, [x]),
	'a map item, in an array': (pool, target, x) => pool.map(target, [[1, [x]]]),
	'a map item, in a plain object': (pool, target, x) => pool.map(target, [{deep: {x}}]),
	'a starmap argument': (pool, target, x) => pool.starmap(target, [['a', x]]),
	'a starmap argument, in an array': (pool, target, x) => pool.starmap(target, [[[x]]]),
	'a starmap argument, in a plain object': (pool, target, x) => pool.starmap(target, [[{x}, 2]]),
	'an apply argument': async (pool, target, x) => [await pool.apply(target, [x])],
	'an apply argument, in a plain object': async (pool, target, x) => [
		await pool.apply(target, [{list: [x]}]),
	],
	'an imap item': (pool, target, x) => collect(pool.imap(target, [x])),
	'an imap item, in a plain object': (pool, target, x) => collect(pool.imap(target, [{x}])),
	'an imapUnordered item': (pool, target, x) => collect(pool.imapUnordered(target, [x])),
	'an imapUnordered item, in an array': (pool, target, x) =>
		collect(pool.imapUnordered(target, [[x]])),
};

const cases = (['process', 'thread'] as const).flatMap((backend) =>
	(Object.keys(kinds) as (keyof typeof kinds)[]).flatMap((kind) =>
		Object.keys(positions).map(
			(position) =>
				[`a ${kind} as ${position}, ${backend} backend,`, {backend, kind, position}] as const,
		),
	),
);

test.each(cases)('%s arrives as the same working object', async (_, {backend, kind, position}) => {
	// Given a pool and a shared object its owner uses (holding the lock)
	const pool = new Pool({processes: 1, backend, orchestrator: orchestrator()});
	const {make, used, after, expected} = kinds[kind];
	const shared = make();
	if (shared instanceof Lock) await shared.acquire();

	// When a task gets it in a call's items
	const reports = await (positions[position] as NonNullable<(typeof positions)[string]>)(
		pool,
		poolTask('useShared'),
		shared,
	);

	// Then the task worked on the owner's object itself
	expect(reports).toEqual([[used]]);
	expect(await after(shared)).toBe(expected);
	pool.close();
	await pool.join();
});

describe.each(['process', 'thread'] as PoolBackend[])('%s backend', (backend) => {
	test('a Value of another orchestrator is a TypeError at call time naming the item', async () => {
		const pool = new Pool({processes: 1, backend, orchestrator: orchestrator()});
		const other = createOrchestrator();
		const stranger = new Value('i', 0, {name: 'stranger', orchestrator: other});

		const mapped = await rejectionOf(pool.map(poolTask('useShared'), [1, {x: [stranger]}]));
		const applied = await rejectionOf(pool.apply(poolTask('useShared'), [1, stranger]));
		const streamed = await rejectionOf(collect(pool.imap(poolTask('useShared'), [stranger])));

		expect(mapped).toBeInstanceOf(TypeError);
		expect(mapped.message).toMatch(
			/^map\(\): item 1\.x\[0\]: stranger can only be passed to processes and threads started by the orchestrator that owns it/,
		);
		expect(applied.message).toMatch(/^apply\(\): args\[1\]: stranger can only/);
		expect(streamed.message).toMatch(/^imap\(\): item 0: stranger can only/);
		await other.stop();
	});

	test('a Value of another orchestrator in initargs is a TypeError from Pool()', async () => {
		const other = createOrchestrator();
		const stranger = new Value('i', 0, {name: 'stranger', orchestrator: other});

		expect(() => new Pool({backend, initargs: [[stranger]], orchestrator: orchestrator()})).toThrow(
			/^Pool\(\): initargs\[0\]\[0\]: stranger can only be passed/,
		);
		await other.stop();
	});

	test('a Lock inside a Map is a TypeError at call time, not a broken object', async () => {
		const pool = new Pool({processes: 1, backend, orchestrator: orchestrator()});
		const lock = new Lock({name: 'guard', orchestrator: orchestrator()});

		const error = await rejectionOf(
			pool.starmap(poolTask('useShared'), [[new Map([['guard', lock]])]]),
		);

		expect(error).toBeInstanceOf(TypeError);
		expect(error.message).toBe(
			'starmap(): item 0[0] holds guard inside a Map: a shared object travels only as an item or argument itself, or inside arrays and plain objects',
		);
	});
});
