import type {PoolRow, ProcessRow} from '../core/snapshot/index.js';

/** What a task holds, for a person: `map item 5`, `map items 5–9`, `apply`. */
export function taskLabel(call: string, first: number, count: number): string {
	if (call === 'apply') return call;
	return count === 1 ? `${call} item ${first}` : `${call} items ${first}–${first + count - 1}`;
}

/** The pool each worker process belongs to, by process id. */
export function poolsByWorker(pools: readonly PoolRow[]): Map<number, PoolRow> {
	const byWorker = new Map<number, PoolRow>();
	for (const pool of pools) for (const worker of pool.workers) byWorker.set(worker.processId, pool);
	return byWorker;
}

/**
 * The processes in table order: each pool's workers together, where its first worker would
 * be, so that they show under their pool; every other process where it was.
 */
export function orderByPool(
	processes: readonly ProcessRow[],
	pools: readonly PoolRow[],
): readonly ProcessRow[] {
	if (pools.length === 0) return processes;
	const byWorker = poolsByWorker(pools);
	const placed = new Set<number>();
	const ordered: ProcessRow[] = [];
	for (const row of processes) {
		const pool = byWorker.get(row.id);
		if (!pool) ordered.push(row);
		else if (!placed.has(pool.id)) {
			placed.add(pool.id);
			ordered.push(...processes.filter((other) => byWorker.get(other.id) === pool));
		}
	}
	return ordered;
}
