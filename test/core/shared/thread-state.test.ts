import {describe, expect, it} from 'vitest';
import {
	Lock,
	type Orchestrator,
	Process,
	type Scalar,
	Thread,
	task,
	Value,
} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {waitFor} from '../../helpers/processes.js';

const threadTasks = new URL('../../fixtures/thread-tasks.js', import.meta.url);
const count = 4;

/** Starts `count` threads (or processes) running `exportName` with `args`; resolves with their exit codes. */
async function runAll(
	orchestrator: Orchestrator,
	exportName: string,
	args: readonly unknown[],
	kinds: readonly ('thread' | 'process')[] = Array(count).fill('thread'),
): Promise<(number | null)[]> {
	const target = task(threadTasks, exportName);
	const workers = kinds.map((kind) =>
		kind === 'thread'
			? new Thread({target, args, orchestrator})
			: new Process({target, args, orchestrator}),
	);
	for (const worker of workers) await worker.start();
	return Promise.all(workers.map((worker) => worker.join()));
}

describe('Values and Locks in threads: the same memory, with Atomics', () => {
	const orchestrator = useOrchestrator();
	const value = (typecode: 'i' | 'd' | 'q', initial: Scalar = 0) =>
		new Value(typecode, initial, {orchestrator: orchestrator()});

	it('4 threads × 10,000 read-then-write increments under a Lock make exactly 40,000', async () => {
		const counter = value('i');
		const arrived = value('i');
		const lock = new Lock({orchestrator: orchestrator()});

		const exitcodes = await runAll(orchestrator(), 'incrementUnderLock', [
			counter,
			lock,
			arrived,
			count,
			10_000,
		]);

		expect(exitcodes).toEqual([0, 0, 0, 0]);
		expect(counter.value).toBe(40_000);
	});

	it('loses updates when the threads read then write without the lock', async () => {
		// Four threads released together at a barrier, each doing 2,000,000 load-then-store
		// increments (several scheduler time slices each): on two cores, two of them run at the
		// same instant for most of that, and every time both load the same value one increment is
		// lost; even on one core, a switch between a load and its store loses the others' work.
		const counter = value('i');
		const arrived = value('i');

		await runAll(orchestrator(), 'incrementRacily', [counter, arrived, count, 2_000_000]);

		expect(counter.value).toBeGreaterThan(0);
		expect(counter.value).toBeLessThan(count * 2_000_000);
	});

	it('addSync is atomic without a lock, for ints, bigints and doubles alike', async () => {
		const int = value('i');
		const big = value('q', 2n ** 40n);
		const double = value('d', 0.5);
		const arrivals = [value('i'), value('i'), value('i')];

		await runAll(orchestrator(), 'addMany', [int, arrivals[0], count, 10_000, 3]);
		await runAll(orchestrator(), 'addMany', [big, arrivals[1], count, 10_000, 1n]);
		await runAll(orchestrator(), 'addMany', [double, arrivals[2], count, 10_000, 0.25]);

		expect(int.value).toBe(120_000);
		expect(big.value).toBe(2n ** 40n + 40_000n);
		// Quarters add exactly in binary floating point: any lost or torn update would show.
		expect(double.value).toBe(10_000.5);
	});

	it('wraps and rounds in a thread as the broker does: 2**31 − 1 + 1 and 0.1 as a float', async () => {
		const int = value('i', 2 ** 31 - 1);
		const float = new Value('f', 0, {orchestrator: orchestrator()});

		const add = new Thread({
			target: task(threadTasks, 'setAndRead'),
			args: [float, 0.1],
			orchestrator: orchestrator(),
		});
		await add.start();
		await add.join();
		int.value = (int.value as number) + 1;

		expect(add.result).toBe(Math.fround(0.1));
		expect(float.value).toBe(Math.fround(0.1));
		expect(int.value).toBe(-(2 ** 31));
	});

	it('one Value and one Lock shared by 2 threads and 2 processes lose no update', async () => {
		const counter = value('i');
		const lock = new Lock({orchestrator: orchestrator()});

		const exitcodes = await runAll(
			orchestrator(),
			'incrementAsync',
			[counter, lock, 500],
			['thread', 'process', 'thread', 'process'],
		);

		expect(exitcodes).toEqual([0, 0, 0, 0]);
		expect(counter.value).toBe(2000);
		expect(lock.holder).toBeUndefined();
	});

	it('publishes what threads changed on the bus, marked sampled, by the end of the thread', async () => {
		const counter = value('i');
		const arrived = value('i');

		await runAll(orchestrator(), 'addMany', [counter, arrived, 1, 1000, 1], ['thread']);

		const published = await waitForEvent(
			orchestrator().bus,
			'value:changed',
			(event) => event.id === counter.id && event.value === 1000,
		);
		expect(published).toMatchObject({sampled: true, by: {name: 'threads'}});
	});

	it('frees a lock whose thread was terminated holding it, and reports it abandoned', async () => {
		const lock = new Lock({name: 'held', orchestrator: orchestrator()});
		const held = value('i');
		const holder = new Thread({
			target: task(threadTasks, 'holdForever'),
			args: [lock, held],
			orchestrator: orchestrator(),
		});
		await holder.start();
		await waitFor(() => held.value === 1, {message: 'the thread holds the lock'});
		const taken = lock.acquire();
		await expect(lock.acquire({block: false})).resolves.toBe(false);

		holder.terminate();

		await expect(taken).resolves.toBe(true);
		expect(held.value).toBe(1);
		expect(lock.abandoned).toEqual({name: holder.name, pid: process.pid});
		await waitForEvent(orchestrator().bus, 'lock:abandoned', (event) => event.id === lock.id);
		await lock.release();
	});

	it('a thread waits for a lock a process holds, and times out or gives up as asked', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();
		const attempt = (block: boolean, timeoutMs?: number) =>
			new Thread({
				target: task(threadTasks, 'tryToTake'),
				args: [lock, block, timeoutMs],
				orchestrator: orchestrator(),
			});
		const refused = attempt(false);
		const timedOut = attempt(true, 50);
		const waiting = attempt(true);
		for (const thread of [refused, timedOut, waiting]) await thread.start();
		await refused.join();
		await timedOut.join();

		await lock.release();
		await waiting.join();

		expect([refused.result, timedOut.result, waiting.result]).toEqual([false, false, true]);
	});

	it('acquireSync() works only in a thread: the owner gets a TypeError naming acquire()', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		expect(() => lock.acquireSync()).toThrow(TypeError);
		expect(() => lock.acquireSync()).toThrow(/only in a Thread.*acquire\(\)/);
		expect(() => lock.releaseSync()).toThrow(/only in a Thread/);
	});
});
