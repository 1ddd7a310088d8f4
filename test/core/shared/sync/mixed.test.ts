import {describe, expect, it} from 'vitest';
import {
	Barrier,
	Condition,
	Event,
	type EventOf,
	Manager,
	Pipe,
	Process,
	RLock,
	Semaphore,
	Thread,
	task,
} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

// One object shared by processes and threads at once: the broker serves both kinds alike.
describe('sync objects shared by processes and threads', () => {
	const orchestrator = useOrchestrator();

	function aProcess(name: string, ...args: unknown[]) {
		return new Process({target: task(tasks, name), args, orchestrator: orchestrator()});
	}

	function aThread(name: string, ...args: unknown[]) {
		return new Thread({target: task(tasks, name), args, orchestrator: orchestrator()});
	}

	async function run(...children: (Process | Thread)[]) {
		for (const each of children) await each.start();
		return Promise.all(children.map((each) => each.join()));
	}

	it('lets never more than 2 of 2 processes and 2 threads into a Semaphore(2)', async () => {
		const manager = await Manager.start({orchestrator: orchestrator()});
		const log = manager.list();
		const semaphore = new Semaphore(2, {orchestrator: orchestrator()});
		const children = [
			aProcess('enterAndLeave', semaphore, log),
			aThread('enterAndLeaveSync', semaphore, log),
			aProcess('enterAndLeave', semaphore, log),
			aThread('enterAndLeaveSync', semaphore, log),
		];
		expect(await run(...children)).toEqual([0, 0, 0, 0]);
		const entries = (await log.slice()) as string[];
		expect(entries).toHaveLength(8);
		let inside = 0;
		for (const entry of entries) {
			inside += entry === 'in' ? 1 : -1;
			expect(inside).toBeLessThanOrEqual(2);
		}
		const acquired = orchestrator()
			.bus.history()
			.filter(
				(event): event is EventOf<'sync:acquired'> =>
					event.type === 'sync:acquired' && event.id === semaphore.id,
			);
		expect(new Set(acquired.map((event) => event.by.id))).toEqual(
			new Set(children.map((each) => each.id)),
		);
		for (const event of acquired) expect(event.state.permits).toBeGreaterThanOrEqual(0);
		await manager.shutdown();
	});

	it('plays ping-pong between a process and a thread over one pipe', async () => {
		const [a, b] = Pipe({orchestrator: orchestrator()});
		const echo = aThread('echoPlusOneSync', b);
		const pinger = aProcess('ping', a, 5);
		expect(await run(echo, pinger)).toEqual([0, 0]);
		expect(pinger.result).toEqual([1, 2, 3, 4, 5]);
		expect(echo.result).toBe(5);
	});

	it('wakes a waiting process and a waiting thread with one set', async () => {
		const event = new Event({orchestrator: orchestrator()});
		const waiters = [aProcess('waitEvent', event), aThread('waitEventSync', event)];
		for (const waiter of waiters) await waiter.start();
		await waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(change) => change.id === event.id && change.state.waiters.length === 2,
		);
		await event.set();
		expect(await Promise.all(waiters.map((waiter) => waiter.join()))).toEqual([0, 0]);
		expect(waiters.map((waiter) => waiter.result)).toEqual([true, true]);
	});

	it('refuses a thread’s release of a process’s RLock, and hands it to the thread when the process is killed', async () => {
		const lock = new RLock({orchestrator: orchestrator()});
		const holder = aProcess('holdRLockForever', lock);
		await holder.start();
		const {bus} = orchestrator();
		await waitForEvent(bus, 'sync:acquired', (event) => event.by.id === holder.id);
		const foreign = aThread('releaseForeignSync', lock);
		expect(await run(foreign)).toEqual([0]);
		expect(foreign.result).toBe('LockReleaseError');
		const next = aThread('takeRLock', lock);
		await next.start();
		await waitForEvent(bus, 'sync:waiting', (event) => event.by.id === next.id);
		holder.kill();
		await holder.join();
		expect(await next.join()).toBe(0);
		expect(next.result).toBe(true);
		await waitForEvent(bus, 'sync:abandoned', (event) => event.by.id === holder.id);
	});

	it('meets a process, a thread and the owner at one barrier with distinct indices', async () => {
		const barrier = new Barrier(3, {orchestrator: orchestrator()});
		const parties = [aProcess('meet', barrier), aThread('meetSync', barrier)];
		for (const party of parties) await party.start();
		await waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(event) => event.id === barrier.id && event.state.waiters.length === 2,
		);
		const mine = await barrier.wait();
		expect(await Promise.all(parties.map((party) => party.join()))).toEqual([0, 0]);
		expect([mine, ...parties.map((party) => party.result as number)].sort()).toEqual([0, 1, 2]);
	});

	it('wakes a process and a thread waiting on one condition with notifyAll', async () => {
		const condition = new Condition(undefined, {orchestrator: orchestrator()});
		const waiters = [aProcess('waitCondition', condition), aThread('waitConditionSync', condition)];
		for (const waiter of waiters) await waiter.start();
		await waitForEvent(
			orchestrator().bus,
			'sync:waiting',
			(event) =>
				event.id === condition.id &&
				event.state.waiters.length === 2 &&
				event.state.holders.length === 0,
		);
		expect(await condition.with(() => condition.notifyAll())).toBe(2);
		expect(await Promise.all(waiters.map((waiter) => waiter.join()))).toEqual([0, 0]);
		expect(waiters.map((waiter) => waiter.result)).toEqual([true, true]);
	});
});
