import type {Actor, DeadlockLink} from '../../events/index.js';

/** An object someone waits for, and who holds it. */
export type WaitedObject = {
	readonly id: number;
	readonly name: string;
	readonly holder: Actor | undefined;
};

/**
 * Follows the wait-for graph from `start`: the lock it waits for, that lock's holder, the lock
 * the holder waits for, and so on. Returns the cycle when the chain comes back to `start` through
 * at least one other process — the classic deadlock — and undefined otherwise. A process waits
 * for one lock at a time, so the walk is a path and ends within as many steps as there are locks.
 */
export function findWaitCycle(
	start: number,
	waitingOn: (actorId: number) => WaitedObject | undefined,
): DeadlockLink[] | undefined {
	const cycle: DeadlockLink[] = [];
	const seen = new Set<number>();
	let actorId = start;
	let waiterName: string | undefined;
	let waiterPid: number | undefined;
	for (;;) {
		if (seen.has(actorId)) return undefined;
		seen.add(actorId);
		const lock = waitingOn(actorId);
		if (!lock?.holder) return undefined;
		cycle.push({
			process: waiterName ?? '',
			pid: waiterPid ?? 0,
			waitsFor: lock.name,
			lockId: lock.id,
			heldBy: lock.holder.name,
		});
		waiterName = lock.holder.name;
		waiterPid = lock.holder.pid;
		actorId = lock.holder.id;
		if (actorId === start)
			return cycle.length >= 2 ? fillWaiters(cycle, waiterName, waiterPid) : undefined;
	}
}

// The walk learns each waiter's name one step late; the first link's waiter is the start itself,
// which is the last holder met.
function fillWaiters(cycle: DeadlockLink[], startName: string, startPid: number): DeadlockLink[] {
	return cycle.map((link, index) =>
		index === 0 ? {...link, process: startName, pid: startPid} : link,
	);
}
