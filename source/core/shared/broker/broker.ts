import {toErrorInfo} from '../../errors.js';
import type {Actor, EventBus} from '../../events/index.js';
import type {SharedReply, SharedRequest} from '../../ipc/messages.js';
import {
	add,
	allocateCells,
	type Cells,
	compareAndSet,
	load,
	loadAll,
	store,
} from '../memory/cells.js';
import type {RegionPlace} from '../memory/region.js';
import {type Scalar, type Typecode, toScalar} from '../memory/typecodes.js';
import {lockAsConditionLock} from './lock-adapter.js';
import type {ResolveTag} from './lock-sampling.js';
import {type LockEntry, LockTable} from './lock-table.js';
import {SyncTable} from './sync-table.js';

/** A Value's or SharedArray's entry in the broker. */
export type CellsEntry = {
	readonly kind: 'value' | 'array';
	readonly id: number;
	readonly name: string;
	readonly typecode: Typecode;
	readonly cells: Cells;
	/**
	 * Set once the memory was handed to a thread or to a process that maps it, whose changes the
	 * broker never sees: it samples them.
	 */
	shared: boolean;
	/** What the bus last said each element was, to tell others' changes from the broker's. */
	readonly published: Scalar[];
	/** Who the sampled changes are told as made by: `threads`, `processes`, or both. */
	changedBy?: Pick<Actor, 'id' | 'name'>;
};

type CellsRequest = Exclude<SharedRequest, {op: 'acquire' | 'release' | 'call'}>;

type Change = {
	readonly entry: CellsEntry;
	readonly index: number;
	readonly actor: Pick<Actor, 'id' | 'name'>;
	value: Scalar;
	changes: number;
};

// The actor of changes found by sampling memory that threads and processes write: the broker
// cannot know which.
const threadsActor = {id: 0, name: 'threads'} as const;
const processesActor = {id: 0, name: 'processes'} as const;
const sharersActor = {id: 0, name: 'threads and processes'} as const;

/**
 * The parent's side of shared state: owns the memory of every Value and SharedArray and the
 * state of every Lock, and applies operations one at a time — which is what makes them atomic
 * across processes. Children reach it over IPC; the owning process calls it directly; threads
 * work on the same memory with Atomics, so the broker's own writes are atomic too.
 */
export class SharedBroker {
	readonly #bus: EventBus;
	readonly #cells = new Map<number, CellsEntry>();
	readonly #locks: LockTable;
	/** Queues, pipes, events, semaphores, RLocks, conditions, barriers and managed objects. */
	readonly sync: SyncTable;
	readonly #counters = {value: 0, array: 0, lock: 0};
	#nextId = 1;
	// While a batch is applied: the changes to tell once it is done, one per element.
	#batch: Map<string, Change> | undefined;

	constructor(bus: EventBus) {
		this.#bus = bus;
		this.#locks = new LockTable(bus, (actorId) => this.sync.waitingOn(actorId));
		this.sync = new SyncTable(
			bus,
			() => this.#nextId++,
			(id) => lockAsConditionLock(this.#locks, id),
			(actor) => this.#locks.detectDeadlock(actor),
		);
	}

	/** Registers a value; returns its id, name and memory (the owner reads `.value` from it). */
	createValue(typecode: Typecode, initial: Scalar, name?: string): CellsEntry {
		const entry = this.#addCells(
			'value',
			typecode,
			[initial],
			name ?? `Value-${++this.#counters.value}`,
		);
		const value = load(entry.cells, 0);
		this.#bus.emit('value:created', {id: entry.id, name: entry.name, typecode, value});
		return entry;
	}

	/** Registers an array of `values`. */
	createArray(typecode: Typecode, values: readonly Scalar[], name?: string): CellsEntry {
		const entry = this.#addCells(
			'array',
			typecode,
			values,
			name ?? `SharedArray-${++this.#counters.array}`,
		);
		this.#bus.emit('array:created', {
			id: entry.id,
			name: entry.name,
			typecode,
			values: [...entry.published],
		});
		return entry;
	}

	/** Registers a lock; returns its id and name. */
	createLock(name?: string): LockEntry {
		return this.#locks.create(this.#nextId++, name ?? `Lock-${++this.#counters.lock}`);
	}

	/** The lock with this id, for the owner's `holder` and `waiters`. */
	lock(id: number): LockEntry | undefined {
		return this.#locks.get(id);
	}

	/**
	 * The memory of a value or array, for a thread to map: from now on the broker samples it for
	 * changes the threads make (`sampleMemory`).
	 */
	shareCells(id: number): SharedArrayBuffer {
		const entry = this.#entry(id);
		entry.shared = true;
		entry.changedBy =
			entry.changedBy === processesActor ? sharersActor : (entry.changedBy ?? threadsActor);
		return entry.cells.buffer;
	}

	/**
	 * Where a child process maps the memory of a value or array (from now on the broker samples
	 * it), or of a lock's word; undefined where processes do not share memory and ask the broker.
	 */
	placeFor(kind: 'cells' | 'lock', id: number): RegionPlace | undefined {
		if (kind === 'lock') return this.#locks.place(id);
		const entry = this.#entry(id);
		const place = entry.cells.place;
		if (place) {
			entry.shared = true;
			entry.changedBy = entry.changedBy === threadsActor ? sharersActor : processesActor;
		}
		return place;
	}

	/** The memory of a lock's futex word, for a thread to map. */
	shareLock(id: number): SharedArrayBuffer {
		return this.#locks.share(id);
	}

	/**
	 * Emits `value:changed` / `array:changed` for what threads and processes sharing memory changed
	 * since the bus last spoke of it (they change memory directly, unseen); `by` is `threads` or
	 * `processes` and `sampled` is set. Many changes between two calls are one event: the dashboard
	 * sees them move, not each step. Tells the holders and waiters of locks taken in memory likewise
	 * (`resolve` names whose tag is on a word), and looks for deadlocks through them.
	 */
	sampleMemory(resolve: ResolveTag = () => undefined): void {
		for (const entry of this.#cells.values()) {
			if (!entry.shared) continue;
			for (let index = 0; index < entry.published.length; index++) {
				const value = load(entry.cells, index);
				if (Object.is(value, entry.published[index])) continue;
				this.#changed(entry, index, entry.changedBy ?? threadsActor, value, true);
			}
		}
		this.#locks.sample(resolve);
	}

	/** A process ended: every lock it held is abandoned and passed on; it waits for nothing now. */
	processExited(actorId: number): void {
		this.#locks.actorExited(actorId);
		this.sync.actorExited(actorId);
	}

	/**
	 * A thread, or a process sharing memory, ended: a lock it held (its futex word carries its
	 * `tag`: a thread's actor id, minus a process's pid) is abandoned and passed on.
	 */
	memoryHolderExited(actor: Actor, tag: number): void {
		this.#locks.memoryHolderExited(actor, tag);
	}

	/** Applies one request from `actor`; never throws: errors come back in the reply. */
	async handle(request: SharedRequest, actor: Actor): Promise<SharedReply> {
		try {
			const result = await this.apply(request, actor);
			return {type: 'shared-reply', requestId: request.requestId, ok: true, result};
		} catch (error) {
			return {
				type: 'shared-reply',
				requestId: request.requestId,
				ok: false,
				error: toErrorInfo(error),
			};
		}
	}

	/**
	 * Applies a batch of requests from `actor`, in order: value and array operations at once,
	 * each atomic, then one event per element changed (its last value, and how many changes it
	 * stands for); their replies go to `reply` together. A lock operation is handled as `handle`
	 * does, and its reply goes to `reply` alone, once it has one.
	 */
	handleBatch(
		requests: readonly SharedRequest[],
		actor: Actor,
		reply: (replies: SharedReply[]) => void,
	): void {
		const replies: SharedReply[] = [];
		const changes = new Map<string, Change>();
		this.#batch = changes;
		try {
			for (const request of requests) {
				if (request.op === 'acquire' || request.op === 'release') {
					void this.handle(request, actor).then((answer) => reply([answer]));
					continue;
				}
				if (request.op === 'call') {
					this.#callInBatch(request, actor, replies, reply);
					continue;
				}
				try {
					const result = this.applyNow(request, actor);
					replies.push({type: 'shared-reply', requestId: request.requestId, ok: true, result});
				} catch (error) {
					const info = toErrorInfo(error);
					replies.push({
						type: 'shared-reply',
						requestId: request.requestId,
						ok: false,
						error: info,
					});
				}
			}
		} finally {
			this.#batch = undefined;
			for (const change of changes.values()) {
				this.#changed(
					change.entry,
					change.index,
					change.actor,
					change.value,
					false,
					change.changes,
				);
			}
		}
		if (replies.length > 0) reply(replies);
	}

	/** Applies one request from `actor`; rejects with the error a caller should see. */
	async apply(request: SharedRequest, actor: Actor): Promise<unknown> {
		switch (request.op) {
			case 'acquire':
				return this.#locks.acquire(request.id, actor, request.block, request.timeoutMs);
			case 'release':
				this.#locks.release(request.id, actor);
				return undefined;
			case 'call':
				return this.sync.call(request.id, request.method, request.args, actor);
			default:
				return this.applyNow(request, actor);
		}
	}

	/** Applies an operation on a value or array at once; throws the error a caller should see. */
	applyNow(request: CellsRequest, actor: Actor): unknown {
		const entry = this.#entry(request.id);
		const {cells} = entry;
		switch (request.op) {
			case 'read':
				return load(cells, this.#index(entry, request.index));
			case 'slice':
				return loadAll(cells).slice(request.start, request.end);
			case 'write': {
				const index = this.#index(entry, request.index);
				const value = store(cells, index, toScalar(entry.typecode, request.value, entry.name));
				return this.#changed(entry, index, actor, value);
			}
			case 'add': {
				const index = this.#index(entry, request.index);
				const value = add(cells, index, toScalar(entry.typecode, request.value, entry.name));
				return this.#changed(entry, index, actor, value);
			}
			case 'cas': {
				const index = this.#index(entry, request.index);
				const expected = toScalar(entry.typecode, request.expected, entry.name);
				const value = toScalar(entry.typecode, request.value, entry.name);
				if (!compareAndSet(cells, index, expected, value)) return false;
				this.#changed(entry, index, actor, load(cells, index));
				return true;
			}
		}
	}

	// A call answered at once joins the batch's replies; one that waits is answered alone.
	#callInBatch(
		request: SharedRequest & {op: 'call'},
		actor: Actor,
		replies: SharedReply[],
		reply: (replies: SharedReply[]) => void,
	): void {
		const {requestId} = request;
		let result: unknown;
		try {
			result = this.sync.call(request.id, request.method, request.args, actor);
		} catch (error) {
			// A send has nobody to tell: the object keeps what went wrong for the sender's next call.
			if (request.noReply) return;
			replies.push({type: 'shared-reply', requestId, ok: false, error: toErrorInfo(error)});
			return;
		}
		if (request.noReply) return;
		if (!(result instanceof Promise)) {
			replies.push({type: 'shared-reply', requestId, ok: true, result});
			return;
		}
		result.then(
			(value) => reply([{type: 'shared-reply', requestId, ok: true, result: value}]),
			(error) => reply([{type: 'shared-reply', requestId, ok: false, error: toErrorInfo(error)}]),
		);
	}

	/** The memory of the value or array with this id. */
	cellsOf(id: number): Cells {
		return this.#entry(id).cells;
	}

	#entry(id: number): CellsEntry {
		const entry = this.#cells.get(id);
		if (!entry) throw new ReferenceError(`no shared value or array with id ${id}`);
		return entry;
	}

	#addCells(
		kind: 'value' | 'array',
		typecode: Typecode,
		values: readonly Scalar[],
		name: string,
	): CellsEntry {
		const cells = allocateCells(typecode, values.length);
		values.forEach((value, index) => {
			store(cells, index, value);
		});
		const entry: CellsEntry = {
			kind,
			id: this.#nextId++,
			name,
			typecode,
			cells,
			shared: false,
			published: loadAll(cells),
		};
		this.#cells.set(entry.id, entry);
		return entry;
	}

	#index(entry: CellsEntry, index: number | undefined): number {
		const at = index ?? 0;
		if (!Number.isInteger(at) || at < 0 || at >= entry.published.length) {
			throw new RangeError(
				`${entry.name}: index ${at} out of range (length ${entry.published.length})`,
			);
		}
		return at;
	}

	#changed(
		entry: CellsEntry,
		index: number,
		actor: Pick<Actor, 'id' | 'name'>,
		value: Scalar,
		sampled = false,
		changes = 1,
	): Scalar {
		const batch = this.#batch;
		if (batch) {
			const key = `${entry.id}:${index}`;
			const change = batch.get(key);
			if (change) {
				change.value = value;
				change.changes++;
			} else batch.set(key, {entry, index, actor, value, changes: 1});
			return value;
		}
		entry.published[index] = value;
		const by = {id: actor.id, name: actor.name};
		const how = {...(sampled ? {sampled: true as const} : {}), ...(changes > 1 ? {changes} : {})};
		if (entry.kind === 'value')
			this.#bus.emit('value:changed', {id: entry.id, name: entry.name, value, by, ...how});
		else
			this.#bus.emit('array:changed', {id: entry.id, name: entry.name, index, value, by, ...how});
		return value;
	}
}
