import {describe, expect, it} from 'vitest';
import {Lock, type Orchestrator, type Process, Value} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {startSharedTask} from '../../helpers/shared.js';

const processes = 4;
// Read-then-write increments per process, with and without the lock.
const increments = 2000;

/** Starts `processes` children running `exportName` with `args`, and waits for them all to exit. */
async function runAll(
	orchestrator: Orchestrator,
	exportName: string,
	args: readonly unknown[],
): Promise<Process[]> {
	const children = await Promise.all(
		Array.from({length: processes}, () => startSharedTask(orchestrator, exportName, args)),
	);
	const exitcodes = await Promise.all(children.map((child) => child.join()));
	expect(exitcodes).toEqual(children.map(() => 0));
	return children;
}

describe('Value under concurrent updates from several processes', () => {
	const orchestrator = useOrchestrator();

	it('counts every add(1): 4 processes × 10,000 make exactly 40,000', async () => {
		const value = new Value('i', 0, {orchestrator: orchestrator()});

		await runAll(orchestrator(), 'addOne', [value, 10_000]);

		expect(value.value).toBe(40_000);
	});

	it('loses updates when processes read then write without the lock', async () => {
		// Each increment is a get and a set, two IPC round trips; while one process's read is on
		// its way back and its write on its way out, the other three are queueing their own reads
		// at the broker. The children start together at a barrier, so their loops overlap for
		// thousands of iterations: for none of 4 × 2000 windows ever to meet another process's
		// update would take a scheduler that runs the four one after the other, which a 2-core
		// machine with four busy processes does not do (in practice more than half are lost).
		const value = new Value('i', 0, {orchestrator: orchestrator()});
		const arrived = new Value('i', 0, {orchestrator: orchestrator()});

		await runAll(orchestrator(), 'incrementUnlocked', [value, arrived, processes, increments]);

		expect(value.value).toBeGreaterThan(0);
		expect(value.value).toBeLessThan(processes * increments);
	});

	// 8,000 hand-overs of the lock, each waking the next process: ~4 s on an idle 2-core machine,
	// 16 s with two busy loops beside it. The 30 s default left too little room for a busier one.
	it('loses no update when each read-then-write holds the lock', {timeout: 60_000}, async () => {
		const value = new Value('i', 0, {orchestrator: orchestrator()});
		const lock = new Lock({orchestrator: orchestrator()});
		const arrived = new Value('i', 0, {orchestrator: orchestrator()});

		await runAll(orchestrator(), 'incrementLocked', [value, lock, arrived, processes, increments]);

		expect(value.value).toBe(processes * increments);
		expect(lock.holder).toBeUndefined();
	});

	it('loses no update with compare-and-set retries, though some swaps fail on the way', async () => {
		const times = 1000;
		const value = new Value('i', 0, {orchestrator: orchestrator()});
		const arrived = new Value('i', 0, {orchestrator: orchestrator()});

		const children = await runAll(orchestrator(), 'incrementByCompareAndSet', [
			value,
			arrived,
			processes,
			times,
		]);

		expect(value.value).toBe(processes * times);
		// A failed swap is a lost update the retry recovered: proof the processes really raced.
		const failedSwaps = children.reduce((sum, child) => sum + (child.result as number), 0);
		expect(failedSwaps).toBeGreaterThan(0);
	});
});
