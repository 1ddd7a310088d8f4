import type {Snapshot} from '../core/snapshot/index.js';

// What a snapshot changes each second at rest: the machine's load, and the number and time of the
// event that brought it. Only the header shows them.
const restless = new Set<keyof Snapshot>(['machine', 'seq', 'at']);

/**
 * True when `next` differs from `shown` in the machine's load and the last event's number and time
 * at most: what the panels below the header show is the same (the reducer keeps each part of the
 * snapshot that did not change, the processes of a sample among them).
 */
export function onlyRestlessChanged(shown: Snapshot, next: Snapshot): boolean {
	for (const key of Object.keys(next) as (keyof Snapshot)[])
		if (!restless.has(key) && shown[key] !== next[key]) return false;
	return Object.keys(shown).length === Object.keys(next).length;
}

/**
 * Whether anything below the header counts time on its own, and so needs a frame each second
 * when no event brings one: a pool, a queue or pipe, a lock or a waiting object (their rates and
 * waits), a stop under way, a process's countdown to its SIGKILL or its restart. Uptimes are not
 * among them: they follow the clock as each frame is drawn (ClockText).
 */
export function countsTime(snapshot: Snapshot): boolean {
	const {pools, shared, sync} = snapshot;
	return (
		pools.length > 0 ||
		sync.queues.length + sync.pipes.length + sync.objects.length + shared.locks.length > 0 ||
		snapshot.stopping !== undefined ||
		snapshot.processes.some(
			(row) =>
				row.killAt !== undefined || (row.restart !== undefined && row.restart.kind !== 'gave-up'),
		)
	);
}
