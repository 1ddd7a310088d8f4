import type {BusEvent, DeadlockLink, EventOf, SharedScalar} from '../events/index.js';

/** Points kept for a value's sparkline, one per `historyStepMs` at most. */
export const historyLength = 40;
const historyStepMs = 100;

/** A shared value as of the last event. */
export type ValueRow = {
	readonly id: number;
	readonly name: string;
	readonly typecode: string;
	readonly value: SharedScalar;
	/** Recent values, oldest first, at most one per 100 ms (the last one is the latest). */
	readonly history: readonly number[];
	/** `at` of the newest history point. */
	readonly historyAt: number;
	readonly changes: number;
	/** The process that changed it last. */
	readonly lastBy: string | undefined;
};

/** A shared array as of the last event. */
export type ArrayRow = {
	readonly id: number;
	readonly name: string;
	readonly typecode: string;
	readonly values: readonly SharedScalar[];
};

/** Who holds or waits for a lock, and since when (`at` of the event). */
export type LockParty = {readonly name: string; readonly pid: number; readonly since: number};

/** A lock as of the last event. */
export type LockRow = {
	readonly id: number;
	readonly name: string;
	readonly holder: LockParty | undefined;
	/** First in line first. */
	readonly waiters: readonly LockParty[];
	/** The last holder that died holding it, until someone else takes it over. */
	readonly abandoned:
		| {readonly name: string; readonly pid: number; readonly at: number}
		| undefined;
	/** The wait-for cycle this lock is part of, while it lasts. */
	readonly deadlock: readonly DeadlockLink[] | undefined;
	readonly acquisitions: number;
};

/** The shared-state part of the snapshot. */
export type SharedSnapshot = {
	readonly values: readonly ValueRow[];
	readonly arrays: readonly ArrayRow[];
	readonly locks: readonly LockRow[];
};

/** Shared state before any event. */
export const emptyShared: SharedSnapshot = {values: [], arrays: [], locks: []};

/** Folds one event into the shared-state part; returns the same object when the event is not about it. */
export function reduceShared(shared: SharedSnapshot, event: BusEvent): SharedSnapshot {
	switch (event.type) {
		case 'value:created':
			return {
				...shared,
				values: [
					...shared.values,
					{
						id: event.id,
						name: event.name,
						typecode: event.typecode,
						value: event.value,
						history: [Number(event.value)],
						historyAt: event.at,
						changes: 0,
						lastBy: undefined,
					},
				],
			};
		case 'value:changed':
			return {
				...shared,
				values: update(shared.values, event.id, (row) => changedValue(row, event)),
			};
		case 'array:created':
			return {
				...shared,
				arrays: [
					...shared.arrays,
					{id: event.id, name: event.name, typecode: event.typecode, values: event.values},
				],
			};
		case 'array:changed':
			return {
				...shared,
				arrays: update(shared.arrays, event.id, (row) => ({
					...row,
					values: row.values.map((value, index) => (index === event.index ? event.value : value)),
				})),
			};
		case 'lock:created':
			return {
				...shared,
				locks: [
					...shared.locks,
					{
						id: event.id,
						name: event.name,
						holder: undefined,
						waiters: [],
						abandoned: undefined,
						deadlock: undefined,
						acquisitions: 0,
					},
				],
			};
		case 'lock:deadlock': {
			const ids = new Set(event.cycle.map((link) => link.lockId));
			return {
				...shared,
				locks: shared.locks.map((row) => (ids.has(row.id) ? {...row, deadlock: event.cycle} : row)),
			};
		}
		case 'lock:requested':
		case 'lock:acquired':
		case 'lock:released':
		case 'lock:timed-out':
		case 'lock:waiter-exited':
		case 'lock:abandoned':
			return {
				...shared,
				locks: clearBrokenCycles(
					update(shared.locks, event.id, (row) => changedLock(row, event)),
					event.id,
				),
			};
		default:
			return shared;
	}
}

function changedValue(row: ValueRow, event: EventOf<'value:changed'>): ValueRow {
	const point = Number(event.value);
	const history =
		event.at - row.historyAt >= historyStepMs
			? [...row.history, point].slice(-historyLength)
			: [...row.history.slice(0, -1), point];
	return {
		...row,
		value: event.value,
		history,
		historyAt: event.at - row.historyAt >= historyStepMs ? event.at : row.historyAt,
		changes: row.changes + (event.changes ?? 1),
		lastBy: event.by.name,
	};
}

type LockEvent = Extract<
	BusEvent,
	{
		type:
			| 'lock:requested'
			| 'lock:acquired'
			| 'lock:released'
			| 'lock:timed-out'
			| 'lock:waiter-exited'
			| 'lock:abandoned';
	}
>;

function changedLock(row: LockRow, event: LockEvent): LockRow {
	switch (event.type) {
		case 'lock:requested':
			return {
				...row,
				waiters: [...row.waiters, {name: event.by.name, pid: event.by.pid, since: event.at}],
			};
		case 'lock:acquired':
			return {
				...row,
				holder: {name: event.by.name, pid: event.by.pid, since: event.at},
				waiters: withoutFirst(row.waiters, event.by.pid, event.by.name),
				abandoned: event.abandonedBy ? row.abandoned : undefined,
				acquisitions: row.acquisitions + 1,
			};
		case 'lock:released':
			return {...row, holder: undefined};
		case 'lock:timed-out':
		case 'lock:waiter-exited':
			return {...row, waiters: withoutFirst(row.waiters, event.by.pid, event.by.name)};
		case 'lock:abandoned':
			return {
				...row,
				holder: undefined,
				abandoned: {name: event.holder.name, pid: event.holder.pid, at: event.at},
			};
		default:
			return row;
	}
}

// A cycle lasts only while every lock in it keeps its holder and waiters: any change to one of
// them breaks it (a release, an abandonment, a timeout).
function clearBrokenCycles(locks: readonly LockRow[], changedId: number): readonly LockRow[] {
	const changed = locks.find((row) => row.id === changedId);
	const cycle = changed?.deadlock;
	if (!cycle) return locks;
	const ids = new Set(cycle.map((link) => link.lockId));
	const stillWaiting = cycle.every((link) => {
		const lock = locks.find((row) => row.id === link.lockId);
		return (
			lock?.holder?.name === link.heldBy &&
			lock.waiters.some((waiter) => waiter.name === link.process)
		);
	});
	if (stillWaiting) return locks;
	return locks.map((row) => (ids.has(row.id) ? {...row, deadlock: undefined} : row));
}

function withoutFirst(
	waiters: readonly LockParty[],
	pid: number,
	name: string,
): readonly LockParty[] {
	const index = waiters.findIndex((waiter) => waiter.pid === pid && waiter.name === name);
	return index === -1 ? waiters : [...waiters.slice(0, index), ...waiters.slice(index + 1)];
}

function update<T extends {readonly id: number}>(
	rows: readonly T[],
	id: number,
	change: (row: T) => T,
): readonly T[] {
	const index = rows.findIndex((row) => row.id === id);
	if (index === -1) return rows;
	const next = [...rows];
	next[index] = change(rows[index] as T);
	return next;
}
