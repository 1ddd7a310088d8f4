import {describe, expect, it} from 'vitest';
import {Lock, type Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: only the broker serves waiters first come, first served; test/core/shared/process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

describe('Lock waiters', () => {
	const orchestrator = useOrchestrator();

	/** Starts children that each take `lock` once, one at a time, each queued before the next starts. */
	async function queueWaiters(lock: Lock, names: readonly string[]): Promise<Process[]> {
		const waiters: Process[] = [];
		for (const name of names) {
			const child = await startSharedTask(orchestrator(), 'takeLockOnce', [lock], name);
			await waitForEvent(orchestrator().bus, 'lock:requested', (event) => event.by.id === child.id);
			waiters.push(child);
		}
		return waiters;
	}

	it('shows the holder and the waiters in the order they asked', async () => {
		const lock = new Lock({name: 'queue', orchestrator: orchestrator()});
		await lock.acquire();

		const waiters = await queueWaiters(lock, ['first', 'second', 'third']);

		expect(lock.holder).toEqual({id: 0, name: 'MainProcess', pid: process.pid});
		expect(lock.waiters).toEqual(
			waiters.map((child) => ({id: child.id, name: child.name, pid: child.pid})),
		);
		await lock.release();
		await Promise.all(waiters.map((child) => child.join()));
	});

	it('grants the lock to the waiters first come, first served', async () => {
		// Given three children queued in a known order behind the test
		const lock = new Lock({name: 'queue', orchestrator: orchestrator()});
		await lock.acquire();
		const waiters = await queueWaiters(lock, ['first', 'second', 'third']);

		// When the test lets go
		await lock.release();
		const exitcodes = await Promise.all(waiters.map((child) => child.join()));

		// Then each took it in turn, in the order it asked
		expect(exitcodes).toEqual([0, 0, 0]);
		const granted = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'lock:acquired')
			.map((event) => event.by.name);
		expect(granted).toEqual(['MainProcess', 'first', 'second', 'third']);
		expect(lock.holder).toBeUndefined();
		expect(lock.waiters).toEqual([]);
	});

	it('names the child that holds it while it holds it', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		const holder = await startSharedTask(orchestrator(), 'holdLockForever', [lock], 'keeper');

		await waitForEvent(orchestrator().bus, 'lock:acquired', (event) => event.by.id === holder.id);

		expect(lock.holder).toEqual({id: holder.id, name: 'keeper', pid: holder.pid});
		expect(await lock.acquire({block: false})).toBe(false);
		holder.kill();
		await holder.join();
	});

	it('drops a waiter that dies while it waits, and the next in line gets the lock', async () => {
		// Given two children queued behind the test
		const bus = orchestrator().bus;
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();
		const [doomed, patient] = (await queueWaiters(lock, ['doomed', 'patient'])) as [
			Process,
			Process,
		];

		// When the first in line is killed, then the test lets go
		doomed.kill();
		await doomed.join();
		const left = await waitForEvent(
			bus,
			'lock:waiter-exited',
			(event) => event.by.id === doomed.id,
		);
		expect(lock.waiters.map((waiter) => waiter.name)).toEqual(['patient']);
		await lock.release();

		// Then the lock went to the one still waiting
		expect(await patient.join()).toBe(0);
		expect(left).toMatchObject({name: lock.name, by: {name: 'doomed', pid: doomed.pid}});
		const granted = bus
			.history()
			.filter((event) => event.type === 'lock:acquired')
			.map((event) => event.by.name);
		expect(granted).toEqual(['MainProcess', 'patient']);
	});
});
