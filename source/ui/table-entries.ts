import type {DescendantRow, PoolRow, ProcessRow} from '../core/snapshot/index.js';
import {orderByPool, poolsByWorker} from './pool-labels.js';

/** A process procdash started, as a line of the table; a pool's worker is indented under its pool. */
export type ProcessEntry = {
	readonly kind: 'process';
	readonly row: ProcessRow;
	readonly worker: boolean;
};

/** A descendant procdash did not start, under its parent: `depth` 1 for a child of its root. */
export type DescendantEntry = {
	readonly kind: 'descendant';
	readonly row: DescendantRow;
	readonly depth: number;
};

/** A line of the process table that can be selected: a process, or a descendant of one. */
export type RowEntry = ProcessEntry | DescendantEntry;

/** A line of the process table: a row, or the line that heads a pool's workers. */
export type TableEntry = RowEntry | {readonly kind: 'pool'; readonly pool: PoolRow};

/** What the table shows: its processes in order, their descendants, pools, and the `/` filter. */
export type TableContents = {
	/** Every process, in the order chosen (not filtered). */
	readonly processes: readonly ProcessRow[];
	readonly descendants: readonly DescendantRow[];
	readonly pools: readonly PoolRow[];
	/** Rows whose name (a descendant's: its command) holds this, case-insensitive, are shown. */
	readonly filter?: string;
};

/**
 * The table's lines, top to bottom: each pool's workers under a line for their pool, and under
 * each live process its descendants as a tree (a child under its parent, one level deeper). The
 * descendants of a process that has exited are left out: the last sample saw them, not their end.
 */
export function tableEntries({
	processes,
	descendants,
	pools,
	filter = '',
}: TableContents): TableEntry[] {
	const needle = filter.toLowerCase();
	const matches = (text: string) => text.toLowerCase().includes(needle);
	const byWorker = poolsByWorker(pools);
	const headed = new Set<number>();
	const byRoot = groupBy(descendants, (descendant) => descendant.rootId);
	const entries: TableEntry[] = [];
	const push = (entry: RowEntry, pool: PoolRow | undefined) => {
		if (pool && !headed.has(pool.id)) {
			headed.add(pool.id);
			entries.push({kind: 'pool', pool});
		}
		entries.push(entry);
	};
	for (const row of orderByPool(processes, pools)) {
		const pool = byWorker.get(row.id);
		if (matches(row.name)) push({kind: 'process', row, worker: pool !== undefined}, pool);
		if (row.state !== 'running' && row.state !== 'paused') continue;
		for (const entry of treeOf(row, byRoot.get(row.id) ?? []))
			if (matches(entry.row.command)) push(entry, pool);
	}
	return entries;
}

/** The descendants of `root` depth first, each under its parent, siblings in the sampler's order. */
function treeOf(root: ProcessRow, descendants: readonly DescendantRow[]): DescendantEntry[] {
	const pids = new Set(descendants.map((descendant) => descendant.pid));
	const children = groupBy(descendants, (descendant) =>
		// One whose parent is not among them (it was reparented, or sampled in between) goes under the root.
		pids.has(descendant.ppid) ? descendant.ppid : root.pid,
	);
	const entries: DescendantEntry[] = [];
	const visit = (pid: number | undefined, depth: number) => {
		for (const row of (pid === undefined ? undefined : children.get(pid)) ?? []) {
			entries.push({kind: 'descendant', row, depth});
			// A depth bound: a pid cycle (reused pids between samples) must not loop forever.
			if (depth < 32) visit(row.pid, depth + 1);
		}
	};
	visit(root.pid, 1);
	return entries;
}

/** The rows of `entries` that can be selected, in order. */
export function rowEntries(entries: readonly TableEntry[]): RowEntry[] {
	return entries.filter((entry): entry is RowEntry => entry.kind !== 'pool');
}

/** What the view remembers of a selection: the process, and the descendant of it when one is selected. */
export type Selection = {readonly id: number | undefined; readonly pid?: number | undefined};

/** Whether `entry` is the row `selection` names. */
export function isSelected(entry: TableEntry, {id, pid}: Selection): boolean {
	if (entry.kind === 'pool') return false;
	if (entry.kind === 'descendant') return pid !== undefined && entry.row.pid === pid;
	return pid === undefined && entry.row.id === id;
}

/**
 * The selected row: the one `selection` names; when that descendant is gone, its process; else the
 * first row.
 */
export function findSelected(
	rows: readonly RowEntry[],
	selection: Selection,
): RowEntry | undefined {
	return (
		rows.find((entry) => isSelected(entry, selection)) ??
		rows.find((entry) => isSelected(entry, {id: selection.id})) ??
		rows[0]
	);
}

/** The selection `entry` stands for: a descendant is remembered with the process it descends from. */
export function selectionOf(entry: RowEntry | undefined): Selection {
	if (!entry) return {id: undefined};
	return entry.kind === 'process' ? {id: entry.row.id} : {id: entry.row.rootId, pid: entry.row.pid};
}

/** The row `step` rows away from `selected` (clamped), for ↑/↓, PgUp/PgDn, Home/End. */
export function moveEntry(
	rows: readonly RowEntry[],
	selected: RowEntry | undefined,
	step: number,
): RowEntry | undefined {
	if (rows.length === 0) return undefined;
	const index = Math.max(0, selected ? rows.indexOf(selected) : 0);
	return rows[Math.min(rows.length - 1, Math.max(0, index + step))];
}

// Map.groupBy, which Node 20 does not have.
function groupBy<T>(
	items: readonly T[],
	key: (item: T) => number | undefined,
): Map<number | undefined, T[]> {
	const groups = new Map<number | undefined, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}
