import {describe, expect, it} from 'vitest';
import {Barrier, BrokenBarrierError, Process, Thread, task} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Barrier', () => {
	const orchestrator = useOrchestrator();

	function child(
		kind: 'process' | 'thread',
		args: unknown[],
		name = 'meet',
		syncName = 'meetSync',
	) {
		const options = {
			target: task(tasks, kind === 'thread' ? syncName : name),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	// Resolves once `count` parties wait at `barrier`.
	function waiting(barrier: Barrier, count: number, after = 0) {
		return waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(event) =>
				event.id === barrier.id && event.seq > after && event.state.waiters.length === count,
		);
	}

	function bus() {
		return orchestrator().bus;
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`gives 3 ${kind === 'process' ? 'processes' : 'threads'} and the owner the distinct indices 0 … 3`, async () => {
			const barrier = new Barrier(4, {orchestrator: orchestrator()});
			expect(barrier.parties).toBe(4);
			const parties = [0, 1, 2].map(() => child(kind, [barrier]));
			for (const party of parties) await party.start();
			await waiting(barrier, 3);
			expect(await barrier.nWaiting()).toBe(3);
			const mine = await barrier.wait();
			expect(await Promise.all(parties.map((party) => party.join()))).toEqual([0, 0, 0]);
			const indices = [mine, ...parties.map((party) => party.result as number)];
			expect(indices.sort()).toEqual([0, 1, 2, 3]);
			expect(await barrier.nWaiting()).toBe(0);
		});

		it(`throws BrokenBarrierError to every waiting ${kind} on abort, and to later waits`, async () => {
			const barrier = new Barrier(3, {orchestrator: orchestrator()});
			const parties = [0, 1].map(() => child(kind, [barrier]));
			for (const party of parties) await party.start();
			await waiting(barrier, 2);
			await barrier.abort();
			await Promise.all(parties.map((party) => party.join()));
			expect(parties.map((party) => party.result)).toEqual([
				'BrokenBarrierError',
				'BrokenBarrierError',
			]);
			expect(await barrier.broken()).toBe(true);
			await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
		});

		// As python3 multiprocessing does on this machine: reset() while parties wait raises BrokenBarrierError in them; the barrier is usable again.
		it(`throws BrokenBarrierError to waiting ${kind === 'process' ? 'processes' : 'threads'} on reset, then fills again`, async () => {
			const barrier = new Barrier(3, {orchestrator: orchestrator()});
			const early = [0, 1].map(() => child(kind, [barrier]));
			for (const party of early) await party.start();
			await waiting(barrier, 2);
			await barrier.reset();
			await Promise.all(early.map((party) => party.join()));
			expect(early.map((party) => party.result)).toEqual([
				'BrokenBarrierError',
				'BrokenBarrierError',
			]);
			expect(await barrier.broken()).toBe(false);
			const late = [0, 1].map(() => child(kind, [barrier]));
			for (const party of late) await party.start();
			const mine = await barrier.wait();
			await Promise.all(late.map((party) => party.join()));
			expect([mine, ...late.map((party) => party.result as number)].sort()).toEqual([0, 1, 2]);
		});

		it(`breaks for every ${kind} when one's timeout runs out, not before it`, async () => {
			const barrier = new Barrier(3, {orchestrator: orchestrator()});
			const patient = child(kind, [barrier]);
			await patient.start();
			await waiting(barrier, 1);
			const hasty = child(kind, [barrier, 100]);
			await hasty.start();
			await Promise.all([patient.join(), hasty.join()]);
			expect([patient.result, hasty.result]).toEqual(['BrokenBarrierError', 'BrokenBarrierError']);
			const since = await waitForEvent(bus(), 'sync:waiting', (event) => event.by.id === hasty.id);
			const broken = await waitForEvent(
				bus(),
				'barrier:broken',
				(event) => event.id === barrier.id,
			);
			expect(broken.at - since.at).toBeGreaterThanOrEqual(99);
			expect(await barrier.broken()).toBe(true);
		});

		it(`breaks at once, with no timeout, when a ${kind} it needs exits without arriving`, async () => {
			const barrier = new Barrier(3, {orchestrator: orchestrator()});
			const parties = [0, 1].map(() => child(kind, [barrier]));
			for (const party of parties) await party.start();
			await waiting(barrier, 2);
			const leaver = child(kind, [barrier, 0], 'leave', 'leave');
			await leaver.start();
			await leaver.join();
			await Promise.all(parties.map((party) => party.join()));
			expect(parties.map((party) => party.result)).toEqual([
				'BrokenBarrierError',
				'BrokenBarrierError',
			]);
			const broken = await waitForEvent(
				bus(),
				'barrier:broken',
				(event) => event.id === barrier.id,
			);
			expect(broken.by.id).toBe(leaver.id);
		});
	}

	it('runs the action once per fill, in the owner, before the parties leave', async () => {
		const fills: number[] = [];
		const barrier = new Barrier(3, {
			orchestrator: orchestrator(),
			action: () => {
				fills.push(process.pid);
			},
		});
		const parties = [
			child('process', [barrier], 'meetTwice'),
			child('thread', [barrier], 'meetTwice', 'meetTwice'),
		];
		for (const party of parties) await party.start();
		await waiting(barrier, 2);
		const first = await barrier.wait();
		expect(fills).toEqual([process.pid]);
		const passed = await waitForEvent(bus(), 'barrier:passed');
		await waiting(barrier, 2, passed.seq);
		expect(fills).toEqual([process.pid]);
		const second = await barrier.wait();
		expect(await Promise.all(parties.map((party) => party.join()))).toEqual([0, 0]);
		expect(fills).toEqual([process.pid, process.pid]);
		// The owner came last both times: the last index; the children share 0 and 1 each round.
		expect([first, second]).toEqual([2, 2]);
		const [processIndices, threadIndices] = parties.map((party) => party.result as number[]);
		for (const round of [0, 1])
			expect([processIndices?.[round], threadIndices?.[round]].sort()).toEqual([0, 1]);
		expect(
			bus()
				.history()
				.filter((event) => event.type === 'barrier:passed'),
		).toHaveLength(2);
	});

	it('breaks at its own timeoutMs when the parties wait without one', async () => {
		const barrier = new Barrier(3, {timeoutMs: 100, orchestrator: orchestrator()});
		const parties = [child('process', [barrier]), child('thread', [barrier])];
		for (const party of parties) await party.start();
		await Promise.all(parties.map((party) => party.join()));
		expect(parties.map((party) => party.result)).toEqual([
			'BrokenBarrierError',
			'BrokenBarrierError',
		]);
		const first = await waitForEvent(bus(), 'sync:waiting', (event) => event.id === barrier.id);
		const broken = await waitForEvent(bus(), 'barrier:broken', (event) => event.id === barrier.id);
		expect(broken.at - first.at).toBeGreaterThanOrEqual(99);
	});

	// Python's waiters would hang here (or wait out a timeout); procdash promises to break at once.
	for (const kind of ['process', 'thread'] as const) {
		it(`breaks at once for ${kind === 'process' ? 'processes' : 'threads'} that arrive after a party it needs has exited`, async () => {
			const barrier = new Barrier(3, {orchestrator: orchestrator()});
			const leaver = child(kind, [barrier, 0], 'leave', 'leave');
			await leaver.start();
			await leaver.join();
			const parties = [0, 1].map(() => child(kind, [barrier]));
			for (const party of parties) await party.start();
			await Promise.all(parties.map((party) => party.join()));
			expect(parties.map((party) => party.result)).toEqual([
				'BrokenBarrierError',
				'BrokenBarrierError',
			]);
		});
	}
});
