import {describe, expect, it} from 'vitest';
import {fold, Lock, type Process, Value} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {startSharedTask} from '../../helpers/shared.js';

describe('deadlock detection', () => {
	const orchestrator = useOrchestrator();

	/**
	 * Two children take the locks A and B in opposite orders. Each takes its first lock and waits
	 * at a shared barrier until the other has taken its own, so both then block on the second.
	 */
	async function deadlock(): Promise<{a: Lock; b: Lock; first: Process; second: Process}> {
		const a = new Lock({name: 'A', orchestrator: orchestrator()});
		const b = new Lock({name: 'B', orchestrator: orchestrator()});
		const arrived = new Value('i', 0, {name: 'arrived', orchestrator: orchestrator()});
		const [first, second] = await Promise.all([
			startSharedTask(orchestrator(), 'lockInOrder', [a, b, arrived, 2], 'first'),
			startSharedTask(orchestrator(), 'lockInOrder', [b, a, arrived, 2], 'second'),
		]);
		return {a, b, first, second};
	}

	it('reports the cycle: each process, the lock it waits for, and who holds that', async () => {
		const {a, b, first, second} = await deadlock();

		const {cycle} = await waitForEvent(orchestrator().bus, 'lock:deadlock', undefined, {
			timeoutMs: 10_000,
		});

		expect(cycle).toHaveLength(2);
		expect(cycle).toEqual(
			expect.arrayContaining([
				{process: 'first', pid: first.pid, waitsFor: 'B', lockId: b.id, heldBy: 'second'},
				{process: 'second', pid: second.pid, waitsFor: 'A', lockId: a.id, heldBy: 'first'},
			]),
		);
		expect(a.holder?.name).toBe('first');
		expect(b.holder?.name).toBe('second');
		expect(a.waiters.map((waiter) => waiter.name)).toEqual(['second']);
		expect(b.waiters.map((waiter) => waiter.name)).toEqual(['first']);
		const {locks} = fold(orchestrator().bus.history()).shared;
		expect(locks.map((lock) => [lock.name, lock.deadlock])).toEqual([
			['A', cycle],
			['B', cycle],
		]);
	});

	it('is resolved by killing one of the two: its lock is abandoned, the other finishes', async () => {
		// Given two children deadlocked
		const bus = orchestrator().bus;
		const {a, first, second} = await deadlock();
		await waitForEvent(bus, 'lock:deadlock', undefined, {timeoutMs: 10_000});

		// When the first is killed
		first.kill();
		expect(await first.join()).toBe(-9);

		// Then its lock A is abandoned and passes to the second, which takes both and exits 0
		const abandoned = await waitForEvent(bus, 'lock:abandoned');
		expect(abandoned).toMatchObject({name: 'A', holder: {name: 'first', pid: first.pid}});
		expect(await second.join()).toBe(0);
		expect(second.result).toBe('took both');
		const inherited = await waitForEvent(
			bus,
			'lock:acquired',
			(event) => event.by.id === second.id && event.id === a.id,
		);
		expect(inherited.abandonedBy).toEqual({name: 'first', pid: first.pid});
		expect(a.holder).toBeUndefined();
		const {locks} = fold(bus.history()).shared;
		expect(locks.map((lock) => [lock.name, lock.deadlock])).toEqual([
			['A', undefined],
			['B', undefined],
		]);
		expect(
			bus.history().filter((event) => event.type === 'lock:deadlock'),
			'one deadlock, reported once',
		).toHaveLength(1);
	});
});
