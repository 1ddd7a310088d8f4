import type {BusEvent, ManagedKind, SyncKind, SyncState} from '../events/index.js';
import {type PipeRow, type QueueRow, reducePipes, reduceQueues} from './queues.js';
import {upsert} from './upsert.js';

/**
 * An RLock, a semaphore, an event, a condition or a barrier as of its last event: the broker's
 * state whole, and what the state alone does not keep.
 */
export type SyncRow = SyncState & {
	readonly id: number;
	readonly name: string;
	readonly kind: SyncKind;
	/** The last holder that died holding it, until someone else takes it. */
	readonly abandoned:
		| {readonly name: string; readonly pid: number; readonly at: number}
		| undefined;
	/** Why a barrier broke, until it is reset. */
	readonly brokenReason: string | undefined;
};

/** A Manager's dict, list or namespace as of its last event. */
export type ManagedRow = {
	readonly id: number;
	readonly name: string;
	readonly kind: ManagedKind;
	/** Entries, items or fields. */
	readonly size: number;
	/** Operations that changed it, and the last one: who, and which (`set`, `append`…). */
	readonly changes: number;
	readonly last: {readonly by: string; readonly op: string} | undefined;
};

/** The queues, pipes, other waiting objects and managed objects: the snapshot's part of them. */
export type SyncSnapshot = {
	readonly queues: readonly QueueRow[];
	readonly pipes: readonly PipeRow[];
	/** RLocks, semaphores, events, conditions and barriers, in creation order. */
	readonly objects: readonly SyncRow[];
	readonly managed: readonly ManagedRow[];
};

/** Before any event. */
export const emptySync: SyncSnapshot = {queues: [], pipes: [], objects: [], managed: []};

/** Folds one event in; the same object back when the event is about none of these. */
export function reduceSync(sync: SyncSnapshot, event: BusEvent): SyncSnapshot {
	const queues = reduceQueues(sync.queues, event);
	if (queues !== sync.queues) return {...sync, queues};
	const pipes = reducePipes(sync.pipes, event);
	if (pipes !== sync.pipes) return {...sync, pipes};
	const objects = reduceObjects(sync.objects, event);
	if (objects !== sync.objects) return {...sync, objects};
	const managed = reduceManaged(sync.managed, event);
	return managed === sync.managed ? sync : {...sync, managed};
}

type SyncEvent = Extract<
	BusEvent,
	{type: `sync:${string}` | `event:${string}` | `condition:${string}` | `barrier:${string}`}
>;

const syncPrefixes = ['sync:', 'event:', 'condition:', 'barrier:'];

function reduceObjects(objects: readonly SyncRow[], event: BusEvent): readonly SyncRow[] {
	if (!syncPrefixes.some((prefix) => event.type.startsWith(prefix))) return objects;
	const syncEvent = event as SyncEvent;
	return upsert(objects, syncEvent.id, (row) => syncRow(row, syncEvent));
}

function syncRow(row: SyncRow | undefined, event: SyncEvent): SyncRow {
	return {
		id: event.id,
		name: event.name,
		kind: event.kind,
		...event.state,
		abandoned: abandoned(row, event),
		brokenReason: brokenReason(row, event),
	};
}

function abandoned(row: SyncRow | undefined, event: SyncEvent): SyncRow['abandoned'] {
	if (event.type === 'sync:abandoned')
		return {name: event.by.name, pid: event.by.pid, at: event.at};
	// Someone else took it over: the mark has done its job.
	if (event.type === 'sync:acquired' && event.by.name !== row?.abandoned?.name) return undefined;
	return row?.abandoned;
}

function brokenReason(row: SyncRow | undefined, event: SyncEvent): string | undefined {
	if (event.type === 'barrier:broken') return event.reason;
	if (event.type === 'barrier:reset' || event.state.broken === false) return undefined;
	return row?.brokenReason;
}

function reduceManaged(managed: readonly ManagedRow[], event: BusEvent): readonly ManagedRow[] {
	if (event.type !== 'managed:created' && event.type !== 'managed:changed') return managed;
	return upsert(managed, event.id, (row) => ({
		id: event.id,
		name: event.name,
		kind: event.kind,
		size: event.size,
		changes: (row?.changes ?? 0) + (event.type === 'managed:changed' ? 1 : 0),
		last: event.type === 'managed:changed' ? {by: event.by.name, op: event.op} : row?.last,
	}));
}
