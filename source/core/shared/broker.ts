import {toErrorInfo} from '../errors.js';
import type {Actor, EventBus} from '../events.js';
import type {SharedReply, SharedRequest} from '../ipc.js';
import {type LockEntry, LockTable} from './lock-table.js';
import {
	addScalars,
	allocate,
	asStored,
	type Scalar,
	type ScalarArray,
	type Typecode,
	toScalar,
} from './typecodes.js';

type CellsEntry = {
	readonly kind: 'value' | 'array';
	readonly id: number;
	readonly name: string;
	readonly typecode: Typecode;
	readonly cells: ScalarArray;
};

/**
 * The parent's side of shared state: owns the memory of every Value and SharedArray and the
 * state of every Lock, and applies operations one at a time — which is what makes them atomic
 * across processes. Children reach it over IPC; the owning process calls it directly.
 */
export class SharedBroker {
	readonly #bus: EventBus;
	readonly #cells = new Map<number, CellsEntry>();
	readonly #locks: LockTable;
	readonly #counters = {value: 0, array: 0, lock: 0};
	#nextId = 1;

	constructor(bus: EventBus) {
		this.#bus = bus;
		this.#locks = new LockTable(bus);
	}

	/** Registers a value; returns its id, name and memory (the owner reads `.value` from it). */
	createValue(typecode: Typecode, initial: Scalar, name?: string): CellsEntry {
		const entry = this.#addCells(
			'value',
			typecode,
			[initial],
			name ?? `Value-${++this.#counters.value}`,
		);
		this.#bus.emit('value:created', {id: entry.id, name: entry.name, typecode, value: initial});
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
			values: [...entry.cells],
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

	/** A process ended: every lock it held is abandoned and passed on; it waits for nothing now. */
	processExited(actorId: number): void {
		this.#locks.actorExited(actorId);
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

	/** Applies one request from `actor`; rejects with the error a caller should see. */
	async apply(request: SharedRequest, actor: Actor): Promise<unknown> {
		switch (request.op) {
			case 'acquire':
				return this.#locks.acquire(request.id, actor, request.block, request.timeoutMs);
			case 'release':
				this.#locks.release(request.id, actor);
				return undefined;
			default:
				return this.#applyCells(request, actor);
		}
	}

	#applyCells(request: Exclude<SharedRequest, {op: 'acquire' | 'release'}>, actor: Actor): unknown {
		const entry = this.#cells.get(request.id);
		if (!entry) throw new ReferenceError(`no shared value or array with id ${request.id}`);
		switch (request.op) {
			case 'read':
				return entry.cells[this.#index(entry, request.index)];
			case 'slice':
				return [...entry.cells.slice(request.start, request.end)];
			case 'write': {
				const index = this.#index(entry, request.index);
				entry.cells[index] = toScalar(entry.typecode, request.value, entry.name) as never;
				return this.#changed(entry, index, actor);
			}
			case 'add': {
				const index = this.#index(entry, request.index);
				const delta = toScalar(entry.typecode, request.value, entry.name);
				entry.cells[index] = addScalars(
					entry.typecode,
					entry.cells[index] as Scalar,
					delta,
				) as never;
				return this.#changed(entry, index, actor);
			}
			case 'cas': {
				const index = this.#index(entry, request.index);
				// Compared as stored: 0.1 for 'f' is its single-precision neighbour, 2**32 for 'I' is 0.
				const expected = asStored(
					entry.typecode,
					toScalar(entry.typecode, request.expected, entry.name),
				);
				if (entry.cells[index] !== expected) return false;
				entry.cells[index] = toScalar(entry.typecode, request.value, entry.name) as never;
				this.#changed(entry, index, actor);
				return true;
			}
		}
	}

	#addCells(
		kind: 'value' | 'array',
		typecode: Typecode,
		values: readonly Scalar[],
		name: string,
	): CellsEntry {
		const cells = allocate(typecode, values.length);
		values.forEach((value, index) => {
			cells[index] = value as never;
		});
		const entry = {kind, id: this.#nextId++, name, typecode, cells};
		this.#cells.set(entry.id, entry);
		return entry;
	}

	#index(entry: CellsEntry, index: number | undefined): number {
		const at = index ?? 0;
		if (!Number.isInteger(at) || at < 0 || at >= entry.cells.length) {
			throw new RangeError(
				`${entry.name}: index ${at} out of range (length ${entry.cells.length})`,
			);
		}
		return at;
	}

	#changed(entry: CellsEntry, index: number, actor: Actor): Scalar {
		const value = entry.cells[index] as Scalar;
		const by = {id: actor.id, name: actor.name};
		if (entry.kind === 'value')
			this.#bus.emit('value:changed', {id: entry.id, name: entry.name, value, by});
		else this.#bus.emit('array:changed', {id: entry.id, name: entry.name, index, value, by});
		return value;
	}
}
