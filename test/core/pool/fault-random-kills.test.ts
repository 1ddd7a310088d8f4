import {expect, test} from 'vitest';
import type {Orchestrator} from '../../../source/index.js';
import {Pool, WorkerDiedError} from '../../../source/index.js';
import {eventsOf, orchestratorPerTest, poolTask} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

const tasks = 60;
const kills = 8;

// A seeded generator: the kills are random, and the same on every run.
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/**
 * Kills a random busy worker of `pool` with SIGKILL after every few finished tasks, up to
 * `kills` times. Returns how many it killed.
 */
function killAtRandom(target: Orchestrator, pool: Pool, seed: number): () => number {
	const next = random(seed);
	const busy = new Set<number>();
	let done = 0;
	let killed = 0;
	target.bus.subscribe((event) => {
		if (!('poolId' in event) || event.poolId !== pool.id) return;
		if (event.type === 'pool:task-started') busy.add(event.processId);
		if (event.type === 'pool:worker-died') busy.delete(event.processId);
		if (event.type !== 'pool:task-done') return;
		busy.delete(event.processId);
		if (++done % 4 !== 0 || killed >= kills || busy.size === 0) return;
		const workers = [...busy];
		const victim = workers[Math.floor(next() * workers.length)] as number;
		if (target.find(victim)?.kill()) killed++;
	});
	return () => killed;
}

const items = Array.from({length: tasks}, (_, index) => ({index, ms: 30 + (index % 5) * 10}));

test('workers killed at random during many tasks: each task succeeds or fails with WorkerDiedError; none lost', async () => {
	// Given a pool of 3 and a killer of busy workers
	const pool = new Pool({processes: 3, orchestrator: orchestrator()});
	const killed = killAtRandom(orchestrator(), pool, 7);

	// When 60 tasks run, each its own call
	const outcomes = await Promise.allSettled(
		items.map((item) => pool.apply(poolTask('nap'), [item])),
	);

	// Then every task settled: a result, or a WorkerDiedError for those whose worker was killed
	const values = outcomes.flatMap((outcome) =>
		outcome.status === 'fulfilled' ? [outcome.value] : [],
	);
	const errors = outcomes.flatMap((outcome) =>
		outcome.status === 'rejected' ? [outcome.reason] : [],
	);
	expect(killed()).toBeGreaterThanOrEqual(kills - 2);
	expect(errors.length).toBeGreaterThan(0);
	expect(errors.every((error) => error instanceof WorkerDiedError)).toBe(true);
	expect(values.length + errors.length).toBe(tasks);
	// The pool's own count agrees: done + failed is every task
	const finished = eventsOf(orchestrator().bus, 'pool:task-done');
	expect(finished.filter((event) => event.ok).length).toBe(values.length);
	expect(finished.filter((event) => !event.ok).length).toBe(errors.length);

	// And the pool goes on, then closes without hanging
	expect(await pool.map(poolTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
	pool.close();
	await pool.join();
});

test('with retries, a long map survives random kills: every item comes back, in order', async () => {
	const pool = new Pool({processes: 3, orchestrator: orchestrator()});
	const killed = killAtRandom(orchestrator(), pool, 11);

	const results = await pool.map<number>(poolTask('nap'), items, {chunksize: 1, retries: kills});

	expect(results).toEqual(items.map((item) => item.index));
	expect(killed()).toBeGreaterThanOrEqual(kills - 2);
	const retried = eventsOf(orchestrator().bus, 'pool:task-retried');
	expect(retried.length).toBeGreaterThan(0);
	expect(retried.every((event) => event.error.name === 'WorkerDiedError')).toBe(true);
	pool.close();
	await pool.join();
});
