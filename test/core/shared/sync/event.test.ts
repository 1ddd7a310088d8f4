import {describe, expect, it} from 'vitest';
import {Event, Process, Thread, task} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Event', () => {
	const orchestrator = useOrchestrator();

	// A thread runs the task's …Sync form.
	function waiter(kind: 'process' | 'thread', args: unknown[]) {
		const options = {
			target: task(tasks, kind === 'thread' ? 'waitEventSync' : 'waitEvent'),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`wakes every waiting ${kind} at once when set`, async () => {
			const event = new Event({orchestrator: orchestrator()});
			const waiters = [0, 1, 2].map(() => waiter(kind, [event]));
			for (const each of waiters) await each.start();
			await waitForEvent(
				orchestrator().bus,
				'sync:waiting',
				(change) => change.id === event.id && change.state.waiters.length === 3,
			);
			await event.set();
			const set = await waitForEvent(orchestrator().bus, 'event:set');
			// One step: the set event already shows nobody waiting.
			expect(set.state).toMatchObject({set: true, waiters: []});
			expect(await Promise.all(waiters.map((each) => each.join()))).toEqual([0, 0, 0]);
			expect(waiters.map((each) => each.result)).toEqual([true, true, true]);
		});

		it(`returns false to a ${kind} whose wait times out, not before the timeout`, async () => {
			const event = new Event({orchestrator: orchestrator()});
			const late = waiter(kind, [event, 100]);
			await late.start();
			expect(await late.join()).toBe(0);
			expect(late.result).toBe(false);
			const {bus} = orchestrator();
			const waiting = await waitForEvent(bus, 'sync:waiting', (change) => change.by.id === late.id);
			const timedOut = await waitForEvent(
				bus,
				'sync:timed-out',
				(change) => change.by.id === late.id,
			);
			expect(timedOut.at - waiting.at).toBeGreaterThanOrEqual(99);
			expect(timedOut.state.waiters).toEqual([]);
		});

		it(`lets a ${kind} through while set, and not after clear`, async () => {
			const event = new Event({orchestrator: orchestrator()});
			expect(await event.isSet()).toBe(false);
			await event.set();
			expect(await event.isSet()).toBe(true);
			const through = waiter(kind, [event, 0]);
			await through.start();
			await through.join();
			expect(through.result).toBe(true);
			await event.clear();
			expect(await event.isSet()).toBe(false);
			const stopped = waiter(kind, [event, 0]);
			await stopped.start();
			await stopped.join();
			expect(stopped.result).toBe(false);
		});
	}

	it('returns false from the owner’s wait(timeoutMs), not before the timeout', async () => {
		const event = new Event({orchestrator: orchestrator()});
		const started = performance.now();
		expect(await event.wait(100)).toBe(false);
		expect(performance.now() - started).toBeGreaterThanOrEqual(99);
		await event.set();
		expect(await event.wait(100)).toBe(true);
	});

	it('is set and cleared by a thread with setSync, clearSync and isSetSync, waking the owner', async () => {
		const event = new Event({orchestrator: orchestrator()});
		const woken = event.wait();
		await waitForEvent(orchestrator().bus, 'sync:waiting', (change) => change.id === event.id);
		const setter = new Thread({
			target: task(tasks, 'setEventSync'),
			args: [event],
			orchestrator: orchestrator(),
		});
		await setter.start();
		expect(await woken).toBe(true);
		expect(await setter.join()).toBe(0);
		expect(setter.result).toEqual([false, true]);
		const clearer = new Thread({
			target: task(tasks, 'clearEventSync'),
			args: [event],
			orchestrator: orchestrator(),
		});
		await clearer.start();
		expect(await clearer.join()).toBe(0);
		expect(clearer.result).toBe(false);
		expect(await event.isSet()).toBe(false);
	});
});
