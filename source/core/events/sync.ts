import type {Actor} from './types.js';

/** The kinds of queue: Queue, JoinableQueue, SimpleQueue. */
export type QueueKind = 'queue' | 'joinable' | 'simple';

/** A queue as the broker has it after a change: every queue event carries it whole. */
export type QueueState = {
	/** Items in the queue now. */
	readonly depth: number;
	/** 0: unbounded. */
	readonly maxsize: number;
	/** Items put and got since it was made. */
	readonly puts: number;
	readonly gets: number;
	/** Who waits to put (the queue is full), first in line first. */
	readonly putters: readonly Actor[];
	/** Who waits to get (the queue is empty), first in line first. */
	readonly getters: readonly Actor[];
	/** A JoinableQueue's items put and not yet marked done; absent for other kinds. */
	readonly unfinished?: number;
	/** Who waits in `join()` of a JoinableQueue. */
	readonly joiners?: readonly Actor[];
	readonly closed: boolean;
};

/** What every queue event carries. */
type QueueRef = {
	readonly id: number;
	readonly name: string;
	readonly kind: QueueKind;
	readonly state: QueueState;
};

/** A pipe's two ends, `a` and `b`, as the broker has them after a change. */
export type PipeState = {
	readonly duplex: boolean;
	/** Messages sent and not yet received, by the end that will receive them: `a` holds what b sent. */
	readonly inFlight: {readonly a: number; readonly b: number};
	/** Messages sent by each end since it was made. */
	readonly sent: {readonly a: number; readonly b: number};
	/** Who waits in `recv()` (or `poll`) on each end. */
	readonly receivers: {readonly a: readonly Actor[]; readonly b: readonly Actor[]};
	readonly closed: {readonly a: boolean; readonly b: boolean};
};

type PipeRef = {readonly id: number; readonly name: string; readonly state: PipeState};

/** The kinds of waiting object besides Lock and the queues. */
export type SyncKind =
	| 'rlock'
	| 'semaphore'
	| 'bounded-semaphore'
	| 'event'
	| 'condition'
	| 'barrier';

/** Who holds a waiting object, and how many times (an RLock's depth, a semaphore's permits). */
export type SyncHolder = Actor & {readonly count: number};

/** A waiting object as the broker has it after a change: every sync event carries it whole. */
export type SyncState = {
	/** RLock (depth in `count`), Semaphore (permits in `count`), Condition (its lock's holder). */
	readonly holders: readonly SyncHolder[];
	/** Who waits, first in line first. */
	readonly waiters: readonly Actor[];
	/** A semaphore's permits left, and its initial value. */
	readonly permits?: number;
	readonly initial?: number;
	/** An event's flag. */
	readonly set?: boolean;
	/** A barrier's parties, how many wait now, whether it is broken, and how many times it filled. */
	readonly parties?: number;
	readonly broken?: boolean;
	readonly passed?: number;
};

/** What every sync event carries: the object and its state. */
type SyncRef = {
	readonly id: number;
	readonly name: string;
	readonly kind: SyncKind;
	readonly state: SyncState;
};

/** A sync event of something `by` did, or that happened to `by`. */
type SyncAct = SyncRef & {readonly by: Actor};

/** A Manager's dict, list or namespace. */
export type ManagedKind = 'dict' | 'list' | 'namespace';

/** The events of queues, pipes, the other waiting objects and managed objects. */
export type SyncEventMap = {
	'queue:created': QueueRef;
	/** `by` put `count` items (one unless a batch). */
	'queue:put': QueueRef & {readonly by: Actor; readonly count: number};
	/** `by` got `count` items. */
	'queue:got': QueueRef & {readonly by: Actor; readonly count: number};
	/** `by` must wait to put (full) or to get (empty), or in `join()`. */
	'queue:waiting': QueueRef & {readonly by: Actor; readonly side: 'put' | 'get' | 'join'};
	/** A waiter stopped waiting without being served: its timeout ran out, or it died. */
	'queue:gave-up': QueueRef & {
		readonly by: Actor;
		readonly side: 'put' | 'get' | 'join';
		readonly reason: 'timed-out' | 'exited';
	};
	'queue:task-done': QueueRef & {readonly by: Actor};
	/** Every item put was marked done: `join()` returns. */
	'queue:joined': QueueRef;
	'queue:closed': QueueRef & {readonly by: Actor};

	'pipe:created': PipeRef;
	'pipe:sent': PipeRef & {readonly by: Actor; readonly end: 'a' | 'b'};
	'pipe:received': PipeRef & {readonly by: Actor; readonly end: 'a' | 'b'};
	'pipe:waiting': PipeRef & {readonly by: Actor; readonly end: 'a' | 'b'};
	'pipe:closed': PipeRef & {readonly by: Actor; readonly end: 'a' | 'b'};

	'sync:created': SyncRef;
	/** `by` must wait: for an RLock, a permit, an event, a notify, or the barrier's other parties. */
	'sync:waiting': SyncAct;
	/** `by` took an RLock (again), a permit, or a Condition's lock. */
	'sync:acquired': SyncAct & {readonly waitedMs: number};
	'sync:released': SyncAct;
	/** A waiter's timeout ran out. */
	'sync:timed-out': SyncAct;
	/** A waiter died while it waited; it left the line. */
	'sync:waiter-exited': SyncAct;
	/** `by` died holding it; what it held was released. */
	'sync:abandoned': SyncAct & {readonly count: number};
	'event:set': SyncAct;
	'event:cleared': SyncAct;
	/** A Condition woke `woken` waiters. */
	'condition:notified': SyncAct & {readonly woken: number};
	/** A barrier filled: its parties leave together. */
	'barrier:passed': SyncAct & {readonly parties: readonly Actor[]};
	/**
	 * A barrier broke: `by` aborted it, or its timeout ran out, or `by` was the last party that could
	 * still have come and died.
	 */
	'barrier:broken': SyncAct & {readonly reason: string};
	'barrier:reset': SyncAct;

	'managed:created': {
		readonly id: number;
		readonly name: string;
		readonly kind: ManagedKind;
		readonly size: number;
	};
	'managed:changed': {
		readonly id: number;
		readonly name: string;
		readonly kind: ManagedKind;
		readonly size: number;
		readonly by: Actor;
		readonly op: string;
	};
};
