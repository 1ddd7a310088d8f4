import type {Actor} from '../../events/index.js';
import type {LockTable} from './lock-table.js';
import type {ConditionLock} from './objects/rlock.js';

/** A Lock of the lock table as a Condition's lock: taken and let go through the table. */
export function lockAsConditionLock(table: LockTable, id: number): ConditionLock | undefined {
	const entry = table.get(id);
	if (!entry) return undefined;
	// A Condition's wait lets go of the lock for its caller, which the broker can do only for a
	// holder it knows: processes take this lock through the broker, never in memory.
	entry.brokered = true;
	return {
		acquire: (actor, block, timeoutMs) =>
			table.acquire(id, actor, block, timeoutMs).then((result) => result.acquired),
		release: (actor) => table.release(id, actor),
		holds: (actorId) => entry.holder?.id === actorId,
		releaseAll: (actor) => {
			table.release(id, actor);
			return 1;
		},
		restore: async (actor: Actor) => {
			await table.acquire(id, actor, true);
		},
		holders: () => {
			const holder = entry.holder;
			return holder ? [{id: holder.id, name: holder.name, pid: holder.pid, count: 1}] : [];
		},
		waiters: () =>
			entry.waiters.map(({actor}) => ({id: actor.id, name: actor.name, pid: actor.pid})),
	};
}
