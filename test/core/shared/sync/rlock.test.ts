import {describe, expect, it} from 'vitest';
import {LockReleaseError, Process, RLock, Thread, task} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('RLock', () => {
	const orchestrator = useOrchestrator();

	function child(kind: 'process' | 'thread', args: unknown[], name: string, syncName = name) {
		const options = {
			target: task(tasks, kind === 'thread' ? syncName : name),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`lets a ${kind} take it 5 deep and frees it after 5 releases`, async () => {
			const lock = new RLock({orchestrator: orchestrator()});
			const recurser = child(kind, [lock, 5], 'recurse', 'recurseSync');
			await recurser.start();
			expect(await recurser.join()).toBe(0);
			expect(recurser.result).toBe(5);
			const {bus} = orchestrator();
			const deepest = await waitForEvent(
				bus,
				'sync:acquired',
				(event) => event.id === lock.id && event.state.holders[0]?.count === 5,
			);
			expect(deepest.by.id).toBe(recurser.id);
			const freed = await waitForEvent(
				bus,
				'sync:released',
				(event) => event.id === lock.id && event.state.holders.length === 0,
			);
			expect(freed.by.id).toBe(recurser.id);
			expect(await lock.acquire({block: false})).toBe(true);
			await lock.release();
		});

		// As python3 multiprocessing does on this machine: releasing an RLock another holds raises AssertionError (threading's RuntimeError).
		it(`throws LockReleaseError to a ${kind} releasing an RLock the owner holds`, async () => {
			const lock = new RLock({orchestrator: orchestrator()});
			await expect(lock.release()).rejects.toBeInstanceOf(LockReleaseError);
			await lock.acquire();
			await lock.acquire();
			const foreign = child(kind, [lock], 'releaseForeign', 'releaseForeignSync');
			await foreign.start();
			await foreign.join();
			expect(foreign.result).toBe('LockReleaseError');
			await lock.release();
			await lock.release();
			await expect(lock.release()).rejects.toBeInstanceOf(LockReleaseError);
		});
	}

	it('releases an RLock whose holding process is killed, and hands it to the next waiter', async () => {
		const lock = new RLock({orchestrator: orchestrator()});
		const holder = child('process', [lock], 'holdRLockForever');
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === holder.id);
		const next = child('process', [lock], 'takeRLock');
		await next.start();
		await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === next.id);
		holder.kill();
		await holder.join();
		const abandoned = await waitForEvent(bus, 'sync:abandoned', (event) => event.id === lock.id);
		expect(abandoned).toMatchObject({count: 1, by: {id: holder.id}});
		expect(abandoned.state.holders).toEqual([]);
		expect(await next.join()).toBe(0);
		expect(next.result).toBe(true);
		// The next waiter got it, and ended holding it: released in turn.
		await waitForEvent(bus, 'sync:abandoned', (event) => event.by.id === next.id);
	});

	it('releases an RLock that a thread ends holding, and hands it to the waiting owner', async () => {
		const lock = new RLock({orchestrator: orchestrator()});
		await lock.acquire();
		const holder = child('thread', [lock], 'takeRLock');
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === holder.id);
		await lock.release();
		expect(await holder.join()).toBe(0);
		await waitForEvent(bus, 'sync:abandoned', (event) => event.by.id === holder.id);
		expect(await lock.acquire({timeoutMs: 10_000})).toBe(true);
		await lock.release();
	});
});
