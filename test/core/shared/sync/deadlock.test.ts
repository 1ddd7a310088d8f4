import {describe, expect, it} from 'vitest';
import {Barrier, Process, RLock, Semaphore, task} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('the deadlock detector over RLocks and Semaphores', () => {
	const orchestrator = useOrchestrator();

	it('reports two processes each holding what the other waits for', async () => {
		// Given an RLock and a Semaphore(1), and two processes that take them in opposite orders
		const files = new RLock({name: 'files', orchestrator: orchestrator()});
		const printer = new Semaphore(1, {name: 'printer', orchestrator: orchestrator()});
		const ready = new Barrier(2, {orchestrator: orchestrator()});
		const start = (name: string, first: RLock | Semaphore, second: RLock | Semaphore) =>
			new Process({
				target: task(tasks, 'holdThenTake'),
				args: [first, second, ready],
				name,
				orchestrator: orchestrator(),
			});
		const one = start('one', files, printer);
		const two = start('two', printer, files);
		await one.start();
		await two.start();

		// Then the detector names the cycle
		const deadlock = await waitForEvent(orchestrator().bus, 'lock:deadlock');
		expect(deadlock.cycle.map((link) => [link.process, link.waitsFor, link.heldBy]).sort()).toEqual(
			[
				['one', 'printer', 'two'],
				['two', 'files', 'one'],
			],
		);

		// And killing one breaks the knot: what it held is abandoned, and the other goes on
		await one.kill();
		expect(await two.join()).toBe(0);
		expect(
			orchestrator()
				.bus.history()
				.some((event) => event.type === 'sync:abandoned' && event.by.name === 'one'),
		).toBe(true);
	});
});
