import type {Actor, EventBus, ManagedKind, QueueKind} from '../../events/index.js';
import {BrokerBarrier} from './objects/barrier.js';
import {BrokerCondition} from './objects/condition.js';
import {BrokerEvent} from './objects/event.js';
import {BrokerManaged} from './objects/managed.js';
import type {BrokerObject, ObjectContext} from './objects/object.js';
import {BrokerPipe, type End} from './objects/pipe.js';
import {BrokerQueue} from './objects/queue.js';
import {BrokerRLock, type ConditionLock} from './objects/rlock.js';
import {BrokerSemaphore} from './objects/semaphore.js';

/** What to make: one of the waiting objects, with its settings. */
export type SyncSpec =
	| {readonly kind: 'queue'; readonly queue: QueueKind; readonly maxsize: number}
	| {readonly kind: 'pipe'; readonly duplex: boolean}
	| {readonly kind: 'event'}
	| {readonly kind: 'semaphore'; readonly value: number; readonly bounded: boolean}
	| {readonly kind: 'rlock'}
	| {readonly kind: 'condition'; readonly lockId?: number}
	| {readonly kind: 'barrier'; readonly parties: number; readonly timeoutMs?: number}
	| {readonly kind: 'managed'; readonly managed: ManagedKind; readonly initial: unknown};

const defaultNames: Record<string, string> = {
	queue: 'Queue',
	joinable: 'JoinableQueue',
	simple: 'SimpleQueue',
	pipe: 'Pipe',
	event: 'Event',
	semaphore: 'Semaphore',
	'bounded-semaphore': 'BoundedSemaphore',
	rlock: 'RLock',
	condition: 'Condition',
	barrier: 'Barrier',
	dict: 'dict',
	list: 'list',
	namespace: 'Namespace',
};

/**
 * Every queue, pipe, event, semaphore, RLock, condition, barrier and managed object of a broker:
 * makes them, routes their proxies' calls, and tells them when a process or thread is gone.
 */
export class SyncTable {
	readonly #bus: EventBus;
	readonly #nextId: () => number;
	readonly #lockOf: (id: number) => ConditionLock | undefined;
	readonly #objects = new Map<number, BrokerObject>();
	readonly #counters = new Map<string, number>();
	readonly #waited: (actor: Actor) => void;

	constructor(
		bus: EventBus,
		nextId: () => number,
		lockOf: (id: number) => ConditionLock | undefined,
		waited: (actor: Actor) => void,
	) {
		this.#bus = bus;
		this.#nextId = nextId;
		this.#lockOf = lockOf;
		this.#waited = waited;
	}

	/** Makes an object; returns its id and name. */
	create(spec: SyncSpec, name?: string): {readonly id: number; readonly name: string} {
		const id = this.#nextId();
		const label =
			spec.kind === 'queue'
				? spec.queue
				: spec.kind === 'managed'
					? spec.managed
					: spec.kind === 'semaphore' && spec.bounded
						? 'bounded-semaphore'
						: spec.kind;
		const count = (this.#counters.get(label) ?? 0) + 1;
		this.#counters.set(label, count);
		const context: ObjectContext = {
			bus: this.#bus,
			id,
			name: name ?? `${defaultNames[label]}-${count}`,
			waited: this.#waited,
		};
		this.#objects.set(id, this.#make(spec, context));
		return {id, name: context.name};
	}

	/** The object with this id. */
	get(id: number): BrokerObject {
		const object = this.#objects.get(id);
		if (!object) throw new ReferenceError(`no shared object with id ${id}`);
		return object;
	}

	/** Applies a proxy's call: a value, or a promise for a call that waits. */
	call(id: number, method: string, args: readonly unknown[], actor: Actor): unknown {
		return this.get(id).call(method, args, actor);
	}

	/** The object `id` (a pipe's `end`) was handed to `actorId`; undefined: to a pool's tasks. */
	handedTo(id: number, actorId: number | undefined, end?: End): void {
		const object = this.#objects.get(id);
		if (object instanceof BrokerBarrier) {
			if (actorId === undefined) object.recipients.openEnded = true;
			else object.recipients.alive.add(actorId);
		} else if (object instanceof BrokerPipe && end && actorId !== undefined) {
			object.handedTo(end, actorId);
		}
	}

	/** The owner's barrier action. */
	setBarrierAction(id: number, action: (() => unknown) | undefined): void {
		const object = this.get(id);
		if (object instanceof BrokerBarrier) object.setAction(action);
	}

	/** Every object of a manager that shut down refuses further calls. */
	shutDown(ids: readonly number[]): void {
		for (const id of ids) {
			const object = this.#objects.get(id);
			if (object instanceof BrokerManaged) object.shutDown();
		}
	}

	/** A process or thread is gone: it waits for nothing now; what it held is released. */
	actorExited(actorId: number): void {
		for (const object of this.#objects.values()) object.actorExited(actorId);
	}

	/** What `actorId` waits for through an object with holders, and who holds it. */
	waitingOn(actorId: number): {id: number; name: string; holder: Actor | undefined} | undefined {
		for (const object of this.#objects.values()) {
			const holder = object.holderFor?.(actorId);
			if (holder) return {id: object.id, name: object.name, holder};
		}
		return undefined;
	}

	#make(spec: SyncSpec, context: ObjectContext): BrokerObject {
		switch (spec.kind) {
			case 'queue':
				return new BrokerQueue(context, spec.queue, spec.maxsize);
			case 'pipe':
				return new BrokerPipe(context, spec.duplex);
			case 'event':
				return new BrokerEvent(context);
			case 'semaphore':
				return new BrokerSemaphore(context, spec.value, spec.bounded);
			case 'rlock':
				return new BrokerRLock(context);
			case 'condition':
				return new BrokerCondition(
					context,
					spec.lockId === undefined ? undefined : this.#conditionLock(spec.lockId),
				);
			case 'barrier':
				return new BrokerBarrier(context, spec.parties, spec.timeoutMs);
			case 'managed':
				return new BrokerManaged(context, spec.managed, spec.initial);
		}
	}

	#conditionLock(id: number): ConditionLock {
		const object = this.#objects.get(id);
		if (object instanceof BrokerRLock) return object;
		const lock = this.#lockOf(id);
		if (!lock) throw new TypeError(`Condition(lock): no Lock or RLock with id ${id}`);
		return lock;
	}
}
