import {describe, expect, it} from 'vitest';
import {
	BoundedSemaphore,
	Event,
	type EventOf,
	Process,
	Semaphore,
	Thread,
	task,
} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Semaphore', () => {
	const orchestrator = useOrchestrator();

	function child(kind: 'process' | 'thread', args: unknown[], name: string, syncName = name) {
		const options = {
			target: task(tasks, kind === 'thread' ? syncName : name),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	function changesOf(id: number) {
		return orchestrator()
			.bus.history()
			.filter(
				(event): event is EventOf<'sync:acquired'> =>
					event.type.startsWith('sync:') && 'state' in event && event.id === id,
			);
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`lets never more than 2 of 6 ${kind === 'process' ? 'processes' : 'threads'} in a Semaphore(2), the others in line`, async () => {
			const semaphore = new Semaphore(2, {orchestrator: orchestrator()});
			const release = new Event({orchestrator: orchestrator()});
			const holders = Array.from({length: 6}, () =>
				child(kind, [semaphore, release], 'holdPermit', 'holdPermitSync'),
			);
			for (const holder of holders) await holder.start();
			const full = await waitForEvent(
				orchestrator().bus,
				'sync:waiting',
				(event) => event.id === semaphore.id && event.state.waiters.length === 4,
			);
			expect(full.state.permits).toBe(0);
			expect(full.state.holders.map((holder) => holder.count)).toEqual([1, 1]);
			await release.set();
			expect(await Promise.all(holders.map((holder) => holder.join()))).toEqual([0, 0, 0, 0, 0, 0]);
			const changes = changesOf(semaphore.id);
			for (const change of changes) {
				const inside = change.state.holders.reduce((sum, holder) => sum + holder.count, 0);
				expect(inside).toBeLessThanOrEqual(2);
				expect(change.state.permits).toBe(2 - inside);
			}
			expect(changes.filter((change) => change.type === 'sync:acquired')).toHaveLength(6);
			expect(await semaphore.getValue()).toBe(2);
		});

		// python3 (run here): mp.BoundedSemaphore(1).release() raises ValueError("semaphore or lock released too many times").
		it(`throws RangeError to a ${kind} releasing a BoundedSemaphore past its initial value`, async () => {
			const semaphore = new BoundedSemaphore(1, {orchestrator: orchestrator()});
			await expect(semaphore.release()).rejects.toBeInstanceOf(RangeError);
			expect(await semaphore.acquire()).toBe(true);
			const releaser = child(kind, [semaphore], 'releaseOnce', 'releaseOnceSync');
			await releaser.start();
			await releaser.join();
			expect(releaser.result).toBe('ok');
			const again = child(kind, [semaphore], 'releaseOnce', 'releaseOnceSync');
			await again.start();
			await again.join();
			expect(again.result).toBe('RangeError');
			expect(await semaphore.getValue()).toBe(1);
		});
	}

	it('gives back the permit of a process killed holding it, and lets a waiter in', async () => {
		const semaphore = new Semaphore(1, {orchestrator: orchestrator()});
		const holder = child('process', [semaphore], 'holdPermitForever');
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === holder.id);
		const waiting = semaphore.acquire();
		await waitForEvent(bus, 'sync:waiting', (event) => event.id === semaphore.id);
		holder.kill();
		await holder.join();
		const abandoned = await waitForEvent(
			bus,
			'sync:abandoned',
			(event) => event.id === semaphore.id,
		);
		expect(abandoned).toMatchObject({count: 1, by: {id: holder.id}});
		expect(await waiting).toBe(true);
		await semaphore.release();
	});

	it('gives back the permit of a thread that ends holding it, and lets a waiting process in', async () => {
		const semaphore = new Semaphore(1, {orchestrator: orchestrator()});
		const release = new Event({orchestrator: orchestrator()});
		const holder = child('thread', [semaphore], 'takePermitSync');
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === holder.id);
		const waiter = child('process', [semaphore, release], 'holdPermit');
		await waiter.start();
		await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === waiter.id);
		expect(await holder.join()).toBe(0);
		await waitForEvent(bus, 'sync:abandoned', (event) => event.by.id === holder.id);
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === waiter.id);
		await release.set();
		expect(await waiter.join()).toBe(0);
	});

	for (const kind of ['process', 'thread'] as const) {
		it(`drops a ${kind} killed while it waits, so the permit goes to the next living waiter`, async () => {
			const semaphore = new Semaphore(1, {orchestrator: orchestrator()});
			const release = new Event({orchestrator: orchestrator()});
			expect(await semaphore.acquire()).toBe(true);
			const doomed = child(kind, [semaphore, release], 'holdPermit', 'holdPermitSync');
			await doomed.start();
			const {bus} = orchestrator();
			await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === doomed.id);
			const next = child('process', [semaphore, release], 'holdPermit');
			await next.start();
			await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === next.id);
			doomed.kill();
			await doomed.join();
			const exited = await waitForEvent(
				bus,
				'sync:waiter-exited',
				(event) => event.by.id === doomed.id,
			);
			expect(exited.state.waiters.map((waiter) => waiter.id)).toEqual([next.id]);
			await semaphore.release();
			await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === next.id);
			await release.set();
			expect(await next.join()).toBe(0);
			expect(await semaphore.getValue()).toBe(1);
		});
	}

	it('lets two waiting processes in with one release(2)', async () => {
		const semaphore = new Semaphore(0, {orchestrator: orchestrator()});
		const release = new Event({orchestrator: orchestrator()});
		const waiters = [0, 1].map(() => child('process', [semaphore, release], 'holdPermit'));
		for (const waiter of waiters) await waiter.start();
		await waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(event) => event.id === semaphore.id && event.state.waiters.length === 2,
		);
		await semaphore.release(2);
		// Both are served in the same step (the released event itself shows the state before).
		for (const waiter of waiters)
			await waitForEvent(orchestrator().bus, 'sync:acquired', (event) => event.by.id === waiter.id);
		const granted = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'sync:acquired' && event.id === semaphore.id)
			.at(-1);
		expect(granted).toMatchObject({state: {permits: 0, waiters: []}});
		await release.set();
		expect(await Promise.all(waiters.map((waiter) => waiter.join()))).toEqual([0, 0]);
		expect(await semaphore.getValue()).toBe(2);
	});
});
