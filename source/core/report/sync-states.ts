import type {
	Actor,
	QueueKind,
	QueueState,
	SyncHolder,
	SyncKind,
	SyncState,
} from '../events/index.js';
import type {DecodedEvent} from './decode.js';

// The bus carries a waiting object's or a queue's state whole in every event. A Node program's
// broker knows it whole and sends it so; a Python program's processes each know only what they
// did, and send that alone. What a reporter leaves out of `state` is kept here from the events, per
// program: who holds and who waits, a semaphore's permits, a queue's depth and counts.
//
// A program's processes report on connections of their own, so their events can come in another
// order than they happened: every rule here gives the same state whatever the order (a count, a
// set of waiters), and an event that a later one has already made moot (a waiter let through
// after the set that freed it) is dropped rather than undoing it.

// Longest line of waiters kept per object: past it, newcomers are not listed.
const maxListed = 4096;

type SyncType = Extract<
	DecodedEvent['type'],
	`sync:${string}` | `event:${string}` | `condition:${string}` | `barrier:${string}`
>;
type QueueType = Extract<DecodedEvent['type'], `queue:${string}`>;
type SyncEvent = Extract<DecodedEvent, {type: SyncType}>;
type QueueEvent = Extract<DecodedEvent, {type: QueueType}>;

type SyncRecord = {
	kind: SyncKind;
	holders: SyncHolder[];
	// What each actor holds, as counted from the events, when the reporter does not say.
	readonly holding: Map<number, {readonly actor: Actor; readonly count: number}>;
	waiters: Actor[];
	permits: number | undefined;
	initial: number | undefined;
	set: boolean | undefined;
	parties: number | undefined;
	broken: boolean | undefined;
	passed: number;
};

type QueueRecord = {
	kind: QueueKind;
	depth: number | undefined;
	maxsize: number;
	puts: number;
	gets: number;
	done: number;
	unfinished: number | undefined;
	putters: Actor[];
	getters: Actor[];
	joiners: Actor[];
	closed: boolean;
};

/** The whole state of one program's reported waiting objects and queues. */
export class SyncStates {
	readonly #objects = new Map<number, SyncRecord>();
	readonly #queues = new Map<number, QueueRecord>();

	/**
	 * `event` with its state made whole, or undefined when it changes nothing that a later event
	 * has not already told; any other event as it is.
	 */
	complete(event: DecodedEvent): DecodedEvent | undefined {
		if (event.type.startsWith('queue:')) return this.#queue(event as QueueEvent);
		if (/^(sync|event|condition|barrier):/.test(event.type)) return this.#sync(event as SyncEvent);
		return event;
	}

	#sync(event: SyncEvent): DecodedEvent | undefined {
		const {payload} = event;
		const told: Partial<SyncState> = payload.state;
		let record = this.#objects.get(payload.id);
		if (!record || event.type === 'sync:created') {
			record = newSyncRecord(payload.kind);
			this.#objects.set(payload.id, record);
		}
		const by = 'by' in payload ? payload.by : undefined;
		const whole = told.holders !== undefined && told.waiters !== undefined;
		if (!whole && by && moot(record, event.type, by)) {
			record.waiters = without(record.waiters, by);
			return undefined;
		}
		const parties =
			event.type === 'barrier:passed' && by ? [...without(record.waiters, by), by] : undefined;
		if (told.waiters) record.waiters = [...told.waiters];
		else if (by) record.waiters = waitersAfter(record.waiters, event.type, by);
		if (told.holders) record.holders = [...told.holders];
		else if (by) {
			holdingAfter(record, event.type, by);
			record.holders = [...record.holding.values()]
				.filter(({count}) => count > 0)
				.map(({actor, count}) => ({...actor, count}));
		}
		if (told.permits !== undefined) record.permits = told.permits;
		else if (record.permits !== undefined && by) record.permits += permitsAfter(event.type);
		else if (event.type === 'sync:created' && told.initial !== undefined)
			record.permits = told.initial;
		record.initial = told.initial ?? record.initial;
		record.set = told.set ?? flagAfter(record.set, event.type);
		record.parties = told.parties ?? record.parties;
		record.broken = told.broken ?? brokenAfter(record.broken, event.type);
		record.passed = told.passed ?? record.passed + (event.type === 'barrier:passed' ? 1 : 0);
		const state = syncState(record);
		if (event.type === 'barrier:passed') {
			// The Python reporter leaves out who passed: those waiting, and the last to come.
			const passed = event.payload.parties ?? parties ?? [];
			return {type: event.type, payload: {...event.payload, state, parties: passed}};
		}
		return {...event, payload: {...payload, state}} as DecodedEvent;
	}

	#queue(event: QueueEvent): DecodedEvent | undefined {
		const {payload} = event;
		const told: Partial<QueueState> = payload.state;
		let record = this.#queues.get(payload.id);
		if (!record || event.type === 'queue:created') {
			record = newQueueRecord(payload.kind);
			this.#queues.set(payload.id, record);
		}
		const lists = told.putters !== undefined && told.getters !== undefined;
		// A joiner's own word that join() returned, after the last task_done told it already.
		if (event.type === 'queue:joined' && !told.joiners && record.joiners.length === 0)
			return undefined;
		const by = 'by' in payload ? payload.by : undefined;
		const count = 'count' in payload ? payload.count : 0;
		if (event.type === 'queue:put') record.puts += count;
		if (event.type === 'queue:got') record.gets += count;
		if (event.type === 'queue:task-done') record.done++;
		if (event.type === 'queue:closed') record.closed = true;
		if (!lists && by) {
			const side = 'side' in payload ? payload.side : undefined;
			record.putters = lineAfter(record.putters, event.type, side, 'put', by);
			record.getters = lineAfter(record.getters, event.type, side, 'get', by);
			record.joiners = lineAfter(record.joiners, event.type, side, 'join', by);
		}
		Object.assign(record, definedOnly(told));
		if (!told.joiners && (event.type === 'queue:joined' || allDone(record))) record.joiners = [];
		return {...event, payload: {...payload, state: queueState(record)}} as DecodedEvent;
	}
}

// Every item put into a JoinableQueue was marked done: who waits in join() goes.
function allDone(record: QueueRecord): boolean {
	return record.kind === 'joinable' && unfinishedOf(record) === 0;
}

// Items put and not yet marked done, as the reporter told it or as counted here.
function unfinishedOf(record: QueueRecord): number {
	return record.unfinished ?? Math.max(0, record.puts - record.done);
}

function newSyncRecord(kind: SyncKind): SyncRecord {
	return {
		kind,
		holders: [],
		holding: new Map(),
		waiters: [],
		permits: undefined,
		initial: undefined,
		set: undefined,
		parties: undefined,
		broken: undefined,
		passed: 0,
	};
}

function newQueueRecord(kind: QueueKind): QueueRecord {
	return {
		kind,
		depth: undefined,
		maxsize: 0,
		puts: 0,
		gets: 0,
		done: 0,
		unfinished: undefined,
		putters: [],
		getters: [],
		joiners: [],
		closed: false,
	};
}

// An event that comes after what made it moot: a wait told after the set or the break that ended
// it, a let-through after the event that freed every waiter, a second word that the barrier broke.
function moot(record: SyncRecord, type: SyncType, by: Actor): boolean {
	const waiting = record.waiters.some((waiter) => waiter.id === by.id);
	if (record.kind === 'event' || record.kind === 'barrier') {
		if (type === 'sync:acquired') return !waiting;
		if (type === 'sync:waiting') return record.kind === 'event' ? record.set === true : false;
	}
	return type === 'barrier:broken' && record.broken === true;
}

function waitersAfter(waiters: readonly Actor[], type: SyncType, by: Actor): Actor[] {
	switch (type) {
		case 'sync:waiting':
			return waiters.some((waiter) => waiter.id === by.id) || waiters.length >= maxListed
				? [...waiters]
				: [...waiters, by];
		case 'sync:acquired':
		case 'sync:timed-out':
		case 'sync:waiter-exited':
			return without(waiters, by);
		case 'event:set':
		case 'barrier:passed':
		case 'barrier:broken':
		case 'barrier:reset':
			return [];
		default:
			return [...waiters];
	}
}

// What `by` holds after the event, counted per actor: a count can fall below 0 when a release is
// told before the acquire it undoes (or for a semaphore released by one that never took it), so
// that the sum is the same whatever the order; only counts above 0 are shown.
function holdingAfter(record: SyncRecord, type: SyncType, by: Actor): void {
	if (record.kind === 'event' || record.kind === 'barrier') return;
	const count = record.holding.get(by.id)?.count ?? 0;
	// A condition's lock is held once, however many times its holder took it again.
	const once = record.kind === 'condition';
	if (type === 'sync:acquired') record.holding.set(by.id, {actor: by, count: once ? 1 : count + 1});
	else if (type === 'sync:released')
		record.holding.set(by.id, {actor: by, count: once ? 0 : count - 1});
	else if (type === 'sync:abandoned') record.holding.delete(by.id);
}

function permitsAfter(type: SyncType): number {
	if (type === 'sync:acquired') return -1;
	if (type === 'sync:released') return 1;
	return 0;
}

function flagAfter(set: boolean | undefined, type: SyncType): boolean | undefined {
	if (type === 'event:set') return true;
	if (type === 'event:cleared') return false;
	return set;
}

function brokenAfter(broken: boolean | undefined, type: SyncType): boolean | undefined {
	if (type === 'barrier:broken') return true;
	if (type === 'barrier:reset' || type === 'barrier:passed') return false;
	return broken;
}

function lineAfter(
	line: readonly Actor[],
	type: QueueType,
	side: 'put' | 'get' | 'join' | undefined,
	mine: 'put' | 'get' | 'join',
	by: Actor,
): Actor[] {
	if (type === 'queue:waiting' && side === mine)
		return line.some((actor) => actor.id === by.id) || line.length >= maxListed
			? [...line]
			: [...line, by];
	const served =
		(type === 'queue:put' && mine === 'put') ||
		(type === 'queue:got' && mine === 'get') ||
		(type === 'queue:gave-up' && side === mine);
	return served ? without(line, by) : [...line];
}

function without(actors: readonly Actor[], by: Actor): Actor[] {
	return actors.filter((actor) => actor.id !== by.id);
}

function definedOnly<T extends object>(told: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(told).filter(([, value]) => value !== undefined),
	) as Partial<T>;
}

function syncState(record: SyncRecord): SyncState {
	return {
		holders: record.holders,
		waiters: record.waiters,
		...(record.permits === undefined ? {} : {permits: Math.max(0, record.permits)}),
		...(record.initial === undefined ? {} : {initial: record.initial}),
		...(record.set === undefined ? {} : {set: record.set}),
		...(record.parties === undefined ? {} : {parties: record.parties}),
		...(record.kind === 'barrier' ? {broken: record.broken ?? false, passed: record.passed} : {}),
	};
}

function queueState(record: QueueRecord): QueueState {
	const joinable = record.kind === 'joinable';
	return {
		depth: record.depth ?? Math.max(0, record.puts - record.gets),
		maxsize: record.maxsize,
		puts: record.puts,
		gets: record.gets,
		putters: record.putters,
		getters: record.getters,
		...(joinable
			? {
					unfinished: unfinishedOf(record),
					joiners: record.joiners,
				}
			: {}),
		closed: record.closed,
	};
}
