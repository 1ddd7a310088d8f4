import {describe, expect, it} from 'vitest';
import {Lock} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {startSharedTask} from '../../helpers/shared.js';

describe('a lock whose holder dies', () => {
	const orchestrator = useOrchestrator();

	it('is reported abandoned, naming the dead holder, and is free again', async () => {
		// Given a child that took the lock and keeps it
		const bus = orchestrator().bus;
		const lock = new Lock({name: 'ledger', orchestrator: orchestrator()});
		const holder = await startSharedTask(orchestrator(), 'holdLockForever', [lock], 'holder');
		await waitForEvent(bus, 'lock:acquired', (event) => event.by.id === holder.id);

		// When it is killed
		holder.kill();
		expect(await holder.join()).toBe(-9);

		// Then the broker says so and frees the lock
		const abandoned = await waitForEvent(bus, 'lock:abandoned');
		expect(abandoned).toMatchObject({
			id: lock.id,
			name: 'ledger',
			holder: {id: holder.id, name: 'holder', pid: holder.pid},
		});
		expect(abandoned.heldMs).toBeGreaterThanOrEqual(0);
		expect(lock.holder).toBeUndefined();
		expect(await lock.acquire({block: false})).toBe(true);
		expect(lock.abandoned).toEqual({name: 'holder', pid: holder.pid});
	});

	it('tells only the next acquirer that it was abandoned', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		const holder = await startSharedTask(orchestrator(), 'holdLockForever', [lock]);
		await waitForEvent(orchestrator().bus, 'lock:acquired', (event) => event.by.id === holder.id);
		holder.kill();
		await holder.join();

		expect(await lock.acquire()).toBe(true);
		expect(lock.abandoned).toEqual({name: holder.name, pid: holder.pid});
		await lock.release();
		expect(await lock.acquire()).toBe(true);
		expect(lock.abandoned).toBeUndefined();
	});

	it('passes to the child waiting for it, which learns whose death it inherited', async () => {
		// Given a holder child and a second child waiting for the lock
		const bus = orchestrator().bus;
		const lock = new Lock({name: 'ledger', orchestrator: orchestrator()});
		const holder = await startSharedTask(orchestrator(), 'holdLockForever', [lock], 'holder');
		await waitForEvent(bus, 'lock:acquired', (event) => event.by.id === holder.id);
		const heir = await startSharedTask(orchestrator(), 'takeLockOnce', [lock], 'heir');
		await waitForEvent(bus, 'lock:requested', (event) => event.by.id === heir.id);
		expect(lock.waiters.map((waiter) => waiter.name)).toEqual(['heir']);

		// When the holder is killed
		holder.kill();

		// Then the waiter gets the lock, told by lock.abandoned and by the event
		expect(await heir.join()).toBe(0);
		expect(heir.result).toEqual({abandoned: {name: 'holder', pid: holder.pid}});
		const acquired = await waitForEvent(bus, 'lock:acquired', (event) => event.by.id === heir.id);
		expect(acquired.abandonedBy).toEqual({name: 'holder', pid: holder.pid});
		const abandoned = await waitForEvent(bus, 'lock:abandoned');
		expect(abandoned.holder).toEqual({id: holder.id, name: 'holder', pid: holder.pid});
		expect(abandoned.seq).toBeLessThan(acquired.seq);
		expect(lock.holder).toBeUndefined();
	});
});
