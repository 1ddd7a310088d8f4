import {describe, expect, it} from 'vitest';
import {Lock, LockReleaseError} from '../../../source/index.js';
import type {misuseLock} from '../../fixtures/shared-tasks.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: each acquire, wait and timeout is an event of its own only there; test/core/shared/process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

type MisusedLock = Awaited<ReturnType<typeof misuseLock>>;

const mainProcess = {id: 0, name: 'MainProcess', pid: process.pid};

describe('Lock.acquire and release', () => {
	const orchestrator = useOrchestrator();

	it('takes a free lock at once and frees it on release', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		expect(await lock.acquire()).toBe(true);
		expect(lock.holder).toEqual(mainProcess);
		await lock.release();
		expect(lock.holder).toBeUndefined();
		expect(await lock.acquire({block: false})).toBe(true);
	});

	it('answers false at once with block: false while the lock is held, without queueing', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();

		const child = await startSharedTask(orchestrator(), 'tryAcquire', [lock, {block: false}]);

		expect(await child.join()).toBe(0);
		expect(child.result).toMatchObject({acquired: false});
		expect(await lock.acquire({block: false})).toBe(false);
		const types = orchestrator()
			.bus.history()
			.map((event) => event.type);
		expect(types).not.toContain('lock:requested');
		expect(lock.holder).toEqual(mainProcess);
	});

	it('gives up with false once timeoutMs has passed with the lock still held', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();

		const child = await startSharedTask(orchestrator(), 'tryAcquire', [lock, {timeoutMs: 400}]);

		expect(await child.join()).toBe(0);
		const {acquired, tookMs} = child.result as {acquired: boolean; tookMs: number};
		expect(acquired).toBe(false);
		// A behaviour about time: generous tolerance, and only a floor that matters.
		expect(tookMs).toBeGreaterThanOrEqual(350);
		expect(tookMs).toBeLessThan(10_000);
		const timedOut = await waitForEvent(orchestrator().bus, 'lock:timed-out');
		expect(timedOut).toMatchObject({name: lock.name, by: {id: child.id, name: child.name}});
		expect(timedOut.waitedMs).toBeGreaterThanOrEqual(350);
		expect(lock.waiters).toEqual([]);
		expect(lock.holder).toEqual(mainProcess);
	});

	it('is not re-entrant: the holder asking again gets false after its timeout', async () => {
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();

		const started = performance.now();
		const again = await lock.acquire({timeoutMs: 300});
		const tookMs = performance.now() - started;

		expect(again).toBe(false);
		expect(tookMs).toBeGreaterThanOrEqual(250);
		expect(tookMs).toBeLessThan(10_000);
		expect(lock.holder).toEqual(mainProcess);
	});

	it('is not re-entrant in a child either', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'acquireTwice', [lock, 300]);

		expect(await child.join()).toBe(0);
		const {again, tookMs} = child.result as {again: boolean; tookMs: number};
		expect(again).toBe(false);
		expect(tookMs).toBeGreaterThanOrEqual(250);
		expect(tookMs).toBeLessThan(10_000);
		expect(lock.holder).toBeUndefined();
	});

	it('rejects a non-blocking acquire with a timeout, and a bad timeout, with TypeErrors', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		await expect(lock.acquire({block: false, timeoutMs: 100})).rejects.toBeInstanceOf(TypeError);
		await expect(lock.acquire({timeoutMs: -1})).rejects.toBeInstanceOf(TypeError);
		await expect(lock.acquire({timeoutMs: Number.NaN})).rejects.toBeInstanceOf(TypeError);
		expect(lock.holder).toBeUndefined();
	});

	it('rejects releasing a lock nobody holds with LockReleaseError', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		await expect(lock.release()).rejects.toBeInstanceOf(LockReleaseError);
		await lock.acquire();
		await lock.release();
		await expect(lock.release()).rejects.toThrow('lock released too many times');
	});

	it('rejects releasing a lock nobody holds with LockReleaseError in a child too', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'misuseLock', [lock]);

		expect(await child.join()).toBe(0);
		expect((child.result as MisusedLock).releaseUnheld).toEqual({
			class: 'LockReleaseError',
			message: expect.stringContaining('lock released too many times'),
		});
	});

	it('carries waitedMs in lock:acquired and heldMs in lock:released', async () => {
		// Given a lock the test holds, and a child waiting for it
		const bus = orchestrator().bus;
		const lock = new Lock({orchestrator: orchestrator()});
		await lock.acquire();
		const child = await startSharedTask(orchestrator(), 'takeLockOnce', [lock]);
		const requested = await waitForEvent(
			bus,
			'lock:requested',
			(event) => event.by.id === child.id,
		);

		// When the test releases it and the child takes it
		await lock.release();
		expect(await child.join()).toBe(0);

		// Then the times agree with the events' own clock (each rounded, hence ±1)
		const by = (id: number) => (event: {readonly by: {readonly id: number}}) => event.by.id === id;
		const ownAcquired = await waitForEvent(bus, 'lock:acquired', by(0));
		const ownReleased = await waitForEvent(bus, 'lock:released', by(0));
		const childAcquired = await waitForEvent(bus, 'lock:acquired', by(child.id));
		const childReleased = await waitForEvent(bus, 'lock:released', by(child.id));
		expect(ownAcquired.waitedMs).toBe(0);
		expect(childAcquired.by).toEqual({id: child.id, name: child.name, pid: child.pid});
		// The durations and the events' times come from the same clock readings: they agree exactly
		expect(childAcquired.waitedMs).toBe(childAcquired.at - requested.at);
		expect(ownReleased.heldMs).toBe(ownReleased.at - ownAcquired.at);
		expect(childReleased.heldMs).toBe(childReleased.at - childAcquired.at);
	});
});

describe('Lock.with', () => {
	const orchestrator = useOrchestrator();

	it('holds the lock while fn runs and resolves to what fn returns', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		const result = await lock.with(() => lock.holder?.name);

		expect(result).toBe('MainProcess');
		expect(lock.holder).toBeUndefined();
	});

	it('releases the lock when fn throws, and rethrows', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		await expect(
			lock.with(async () => {
				throw new Error('inside');
			}),
		).rejects.toThrow('inside');
		expect(lock.holder).toBeUndefined();
		expect(await lock.acquire({block: false})).toBe(true);
	});

	it('releases when fn throws in a child too; holder and waiters are the owner’s alone', async () => {
		const lock = new Lock({orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'misuseLock', [lock]);

		expect(await child.join()).toBe(0);
		const seen = child.result as MisusedLock;
		expect(seen.withThrowing).toEqual({class: 'other (Error)', message: 'thrown inside with'});
		expect(seen.freeAfterwards).toBe(true);
		expect(seen.holder?.class).toBe('TypeError');
		expect(seen.waiters?.class).toBe('TypeError');
		expect(lock.holder).toBeUndefined();
	});
});
