import type {EventType} from '../events/index.js';

// What each event the report channel carries is made of, field by field: the Node reporter
// encodes by this table and the receiver checks and decodes by it, so that the two cannot drift.

/** The kinds of object a reported id names; ids are mapped to local ones kind by kind. */
export type IdKind = 'process' | 'value' | 'array' | 'lock' | 'pool' | 'task' | 'sync' | 'queue';

/** What one field holds. */
export type FieldKind =
	| IdKind
	/** A name shown in the panels: made printable, bounded, prefixed with the program's. */
	| 'name'
	/** Other text: printable and bounded. */
	| 'text'
	/** A whole number, negative too (an exit code). */
	| 'integer'
	/** A whole number, 0 or more. */
	| 'count'
	/** A whole number or null (`maxTasksPerChild`). */
	| 'limit'
	/** Milliseconds, 0 or more. */
	| 'ms'
	| 'pid'
	| 'bool'
	/** `true` or absent. */
	| 'true'
	/** A number, or `{"bigint": "123"}`. */
	| 'scalar'
	| 'scalars'
	/** A signal's name, or null. */
	| 'signal'
	/** `{name, message, code?}`. */
	| 'error'
	/** `{id, name, pid}`: who did it. */
	| 'actor'
	/** `{id, name}`: who changed a value. */
	| 'changer'
	/** `{name, pid}`: who died holding a lock. */
	| 'party'
	/** A wait-for cycle: `[{process, pid, waitsFor, lockId, heldBy}]`. */
	| 'cycle'
	| 'processKind'
	| 'ending'
	| 'replacement'
	/** A bullmq pool's `{queue, connection}` (the URL redacted again on arrival). */
	| 'remote'
	/** `connected` or `waiting`. */
	| 'redisStatus'
	/** `[{id, name, pid}]`: who waited, who passed. */
	| 'actors'
	/** `semaphore`, `event`…: a SyncKind. */
	| 'syncKind'
	/** `queue`, `joinable` or `simple`. */
	| 'queueKind'
	/**
	 * A waiting object's state, whole (the Node reporter) or in part (the Python one): what is left
	 * out is kept by the receiver from the events (sync-states.ts).
	 */
	| 'syncState'
	/** A queue's state, whole or in part, likewise. */
	| 'queueState'
	/** `put`, `get` or `join`. */
	| 'queueSide'
	/** `timed-out` or `exited`. */
	| 'gaveUpReason';

/** A field's kind, with `?` when the field may be absent. */
export type FieldSpec = FieldKind | `${FieldKind}?`;

const poolRef = {poolId: 'pool', pool: 'name'} as const;
const taskRef = {...poolRef, taskId: 'task', call: 'text', first: 'count', count: 'count'} as const;
const workerRef = {processId: 'process', worker: 'name'} as const;
const lockWait = {id: 'lock', name: 'name', by: 'actor', waitedMs: 'ms'} as const;
const syncRef = {id: 'sync', name: 'name', kind: 'syncKind', state: 'syncState'} as const;
const syncAct = {...syncRef, by: 'actor'} as const;
const queueRef = {id: 'queue', name: 'name', kind: 'queueKind', state: 'queueState'} as const;
const queueAct = {...queueRef, by: 'actor'} as const;

/** Every event type the channel accepts, and its fields. */
export const reportedFields = {
	'process:created': {
		id: 'process',
		name: 'name',
		kind: 'processKind',
		daemon: 'bool',
		target: 'text',
	},
	'process:started': {id: 'process', name: 'name', pid: 'pid', ppid: 'count', threadId: 'count?'},
	'process:exited': {
		id: 'process',
		name: 'name',
		pid: 'pid?',
		exitcode: 'integer',
		signal: 'signal',
	},
	'process:error': {id: 'process', name: 'name', error: 'error'},
	'value:created': {id: 'value', name: 'name', typecode: 'text', value: 'scalar'},
	'value:changed': {
		id: 'value',
		name: 'name',
		value: 'scalar',
		by: 'changer',
		sampled: 'true?',
		changes: 'count?',
	},
	'array:created': {id: 'array', name: 'name', typecode: 'text', values: 'scalars'},
	'array:changed': {
		id: 'array',
		name: 'name',
		index: 'count',
		value: 'scalar',
		by: 'changer',
		sampled: 'true?',
		changes: 'count?',
	},
	'lock:created': {id: 'lock', name: 'name'},
	'lock:requested': {id: 'lock', name: 'name', by: 'actor'},
	'lock:acquired': {...lockWait, abandonedBy: 'party?'},
	'lock:released': {id: 'lock', name: 'name', by: 'actor', heldMs: 'ms'},
	'lock:timed-out': lockWait,
	'lock:waiter-exited': lockWait,
	'lock:abandoned': {id: 'lock', name: 'name', holder: 'actor', heldMs: 'ms'},
	'lock:deadlock': {cycle: 'cycle'},
	'pool:created': {...poolRef, processes: 'count', maxTasksPerChild: 'limit', remote: 'remote?'},
	'pool:redis': {...poolRef, status: 'redisStatus', connection: 'text'},
	'pool:task-queued': {...poolRef, tasks: 'count', count: 'count'},
	'pool:task-started': {...taskRef, ...workerRef},
	'pool:task-done': {...taskRef, ...workerRef, ok: 'bool', ms: 'ms', error: 'error?'},
	'pool:task-retried': {...taskRef, attempt: 'count', error: 'error'},
	'pool:worker-started': {...poolRef, ...workerRef, pid: 'pid'},
	'pool:worker-ready': {...poolRef, ...workerRef},
	'pool:worker-died': {
		...poolRef,
		...workerRef,
		pid: 'pid?',
		exitcode: 'integer',
		signal: 'signal',
		taskId: 'task?',
		requeued: 'count',
	},
	'pool:worker-replaced': {
		...poolRef,
		...workerRef,
		replacementId: 'process',
		replacement: 'name',
		reason: 'replacement',
	},
	'pool:closed': {...poolRef, how: 'ending', reason: 'text?', cancelled: 'count?'},
	'sync:created': syncRef,
	'sync:waiting': syncAct,
	'sync:acquired': {...syncAct, waitedMs: 'ms'},
	'sync:released': syncAct,
	'sync:timed-out': syncAct,
	'sync:waiter-exited': syncAct,
	'sync:abandoned': {...syncAct, count: 'count'},
	'event:set': syncAct,
	'event:cleared': syncAct,
	'condition:notified': {...syncAct, woken: 'count'},
	'barrier:passed': {...syncAct, parties: 'actors?'},
	'barrier:broken': {...syncAct, reason: 'text'},
	'barrier:reset': syncAct,
	'queue:created': queueRef,
	'queue:put': {...queueAct, count: 'count'},
	'queue:got': {...queueAct, count: 'count'},
	'queue:waiting': {...queueAct, side: 'queueSide'},
	'queue:gave-up': {...queueAct, side: 'queueSide', reason: 'gaveUpReason'},
	'queue:task-done': queueAct,
	'queue:joined': queueRef,
	'queue:closed': queueAct,
} as const satisfies {readonly [K in EventType]?: Readonly<Record<string, FieldSpec>>};

/** An event type the channel accepts. */
export type ReportedType = keyof typeof reportedFields;

/** True when `type` is one the channel accepts. */
export function isReported(type: unknown): type is ReportedType {
	return typeof type === 'string' && Object.hasOwn(reportedFields, type);
}

/** One field of an event: its name, its kind, and whether it may be absent. */
export type Field = {readonly field: string; readonly kind: FieldKind; readonly optional: boolean};

const fieldLists = new Map<ReportedType, readonly Field[]>();

/** The fields of `type`, in the table's order. */
export function fieldsOf(type: ReportedType): readonly Field[] {
	let fields = fieldLists.get(type);
	if (!fields) {
		fields = Object.entries(reportedFields[type] as Record<string, FieldSpec>).map(
			([field, spec]) => ({
				field,
				kind: spec.replace('?', '') as FieldKind,
				optional: spec.endsWith('?'),
			}),
		);
		fieldLists.set(type, fields);
	}
	return fields;
}
