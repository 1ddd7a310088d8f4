import {describe, expect, it} from 'vitest';
import {
	Condition,
	Lock,
	LockReleaseError,
	Manager,
	Process,
	RLock,
	Thread,
	task,
} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Condition', () => {
	const orchestrator = useOrchestrator();

	function child(kind: 'process' | 'thread', args: unknown[], name: string, syncName = name) {
		const options = {
			target: task(tasks, kind === 'thread' ? syncName : name),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	// Resolves once `count` callers wait for a notify on `condition` (not for its lock).
	function notifyWaiters(condition: Condition, count: number, after = 0) {
		return waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(event) =>
				event.id === condition.id &&
				event.seq > after &&
				event.state.waiters.length === count &&
				event.state.holders.length === 0,
		);
	}

	for (const kind of ['process', 'thread'] as const) {
		// As python3 multiprocessing does on this machine: cond.wait() and cond.notify() without the lock raise RuntimeError (AssertionError in multiprocessing).
		it(`throws LockReleaseError to a ${kind} that waits or notifies without the lock`, async () => {
			const condition = new Condition(undefined, {orchestrator: orchestrator()});
			await expect(condition.wait(10)).rejects.toBeInstanceOf(LockReleaseError);
			await expect(condition.notify()).rejects.toBeInstanceOf(LockReleaseError);
			const waiter = child(
				kind,
				[condition, 'wait'],
				'conditionWithoutLock',
				'conditionWithoutLockSync',
			);
			const notifier = child(
				kind,
				[condition, 'notify'],
				'conditionWithoutLock',
				'conditionWithoutLockSync',
			);
			await waiter.start();
			await notifier.start();
			await Promise.all([waiter.join(), notifier.join()]);
			expect([waiter.result, notifier.result]).toEqual(['LockReleaseError', 'LockReleaseError']);
		});

		it(`wakes exactly one waiting ${kind} with notify, and the rest with notifyAll`, async () => {
			const condition = new Condition(undefined, {orchestrator: orchestrator()});
			const waiters = [0, 1, 2].map(() =>
				child(kind, [condition], 'waitCondition', 'waitConditionSync'),
			);
			for (const waiter of waiters) await waiter.start();
			await notifyWaiters(condition, 3);
			await condition.with(async () => expect(await condition.notify()).toBe(1));
			const first = await Promise.race(
				waiters.map(async (waiter) => {
					await waiter.join();
					return waiter;
				}),
			);
			expect(first.result).toBe(true);
			await condition.with(async () => expect(await condition.notifyAll()).toBe(2));
			expect(await Promise.all(waiters.map((waiter) => waiter.join()))).toEqual([0, 0, 0]);
			expect(waiters.map((waiter) => waiter.result)).toEqual([true, true, true]);
		});

		it(`returns false to a ${kind} whose wait times out, not before the timeout`, async () => {
			const condition = new Condition(undefined, {orchestrator: orchestrator()});
			const waiter = child(kind, [condition, 100], 'waitCondition', 'waitConditionSync');
			await waiter.start();
			expect(await waiter.join()).toBe(0);
			expect(waiter.result).toBe(false);
			const {bus} = orchestrator();
			const waiting = await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === waiter.id);
			const timedOut = await waitForEvent(
				bus,
				'sync:timed-out',
				(event) => event.by.id === waiter.id,
			);
			expect(timedOut.at - waiting.at).toBeGreaterThanOrEqual(99);
			// wait took the lock again before it returned, and the waiter released it.
			expect(await condition.acquire({block: false})).toBe(true);
			await condition.release();
		});
	}

	it('lets processes and a thread waitFor a predicate on a ManagedDict, rechecked after each notify', async () => {
		const manager = await Manager.start({orchestrator: orchestrator()});
		const state = manager.dict({ready: false});
		const condition = new Condition(undefined, {orchestrator: orchestrator()});
		const waiters = [
			child('process', [condition, state], 'waitForReady'),
			child('process', [condition, state], 'waitForReady'),
			child('thread', [condition, state], 'waitForReady'),
		];
		for (const waiter of waiters) await waiter.start();
		await notifyWaiters(condition, 3);
		const notified = await condition.with(async () => {
			expect(await condition.notifyAll()).toBe(3);
			return waitForEvent(orchestrator().bus, 'condition:notified');
		});
		// Still not ready: each checks again and waits again.
		await notifyWaiters(condition, 3, notified.seq);
		await condition.with(async () => {
			await state.set('ready', true);
			await condition.notifyAll();
		});
		expect(await Promise.all(waiters.map((waiter) => waiter.join()))).toEqual([0, 0, 0]);
		expect(waiters.map((waiter) => waiter.result)).toEqual([true, true, true]);
		await manager.shutdown();
	});

	for (const given of ['Lock', 'RLock'] as const) {
		it(`waits over a given ${given}: wait lets go of it, and holding it is holding the condition`, async () => {
			const lock =
				given === 'Lock'
					? new Lock({orchestrator: orchestrator()})
					: new RLock({orchestrator: orchestrator()});
			const condition = new Condition(lock, {orchestrator: orchestrator()});
			const waiter = child('process', [condition], 'waitCondition');
			await waiter.start();
			await waitForEvent(orchestrator().bus, 'sync:waiting', (event) => event.by.id === waiter.id);
			expect(await lock.acquire({block: false})).toBe(true);
			expect(await condition.notify()).toBe(1);
			await lock.release();
			expect(await waiter.join()).toBe(0);
			expect(waiter.result).toBe(true);
		});
	}

	it('drops a waiting thread that is killed: notify wakes the next living waiter', async () => {
		const condition = new Condition(undefined, {orchestrator: orchestrator()});
		const doomed = child('thread', [condition], 'waitCondition', 'waitConditionSync');
		const living = child('process', [condition], 'waitCondition');
		await doomed.start();
		await notifyWaiters(condition, 1);
		await living.start();
		await notifyWaiters(condition, 2);
		doomed.kill();
		await doomed.join();
		await waitForEvent(
			orchestrator().bus,
			'sync:waiter-exited',
			(event) => event.by.id === doomed.id,
		);
		await condition.with(async () => expect(await condition.notify()).toBe(1));
		expect(await living.join()).toBe(0);
		expect(living.result).toBe(true);
	});

	it('wakes the waiting owner from a thread with notifyAllSync under withSync', async () => {
		const condition = new Condition(undefined, {orchestrator: orchestrator()});
		await condition.acquire();
		const woken = condition.wait();
		await notifyWaiters(condition, 1);
		const notifier = child('thread', [condition], 'notifyAllFromThread');
		await notifier.start();
		expect(await woken).toBe(true);
		await condition.release();
		expect(await notifier.join()).toBe(0);
		expect(notifier.result).toBe(1);
	});

	it('releases the lock of a process killed holding the condition, and hands it to the next', async () => {
		const condition = new Condition(undefined, {orchestrator: orchestrator()});
		const holder = child('process', [condition], 'holdConditionForever');
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === holder.id);
		const next = condition.acquire();
		await waitForEvent(
			bus,
			'sync:waiting',
			(event) => event.id === condition.id && event.by.id === 0,
		);
		holder.kill();
		await holder.join();
		const abandoned = await waitForEvent(
			bus,
			'sync:abandoned',
			(event) => event.id === condition.id,
		);
		expect(abandoned).toMatchObject({kind: 'condition', count: 1, by: {id: holder.id}});
		expect(await next).toBe(true);
		expect(await condition.notify()).toBe(0);
		await condition.release();
	});
});
