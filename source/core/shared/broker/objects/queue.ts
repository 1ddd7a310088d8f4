import {QueueEmptyError, QueueFullError} from '../../../errors.js';
import type {Actor, QueueKind, QueueState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {ref, type Waiter, WaitLine} from './wait-line.js';

type Side = 'put' | 'get' | 'join';

/**
 * A queue in the broker: Queue, JoinableQueue or SimpleQueue. Items are kept as they travel (the
 * broker never decodes them), first in first out; a getter waiting on an empty queue is handed
 * the next item put, a putter waiting on a full one puts as soon as a get makes room.
 */
export class BrokerQueue implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #kind: QueueKind;
	readonly #maxsize: number;
	// A deque: items from `#head` on.
	#items: unknown[] = [];
	#head = 0;
	#puts = 0;
	#gets = 0;
	#unfinished = 0;
	#closed = false;
	readonly #putters = new WaitLine<void, unknown>();
	readonly #getters = new WaitLine<unknown>();
	readonly #joiners = new WaitLine<void>();

	constructor(context: ObjectContext, kind: QueueKind, maxsize: number) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#kind = kind;
		this.#maxsize = maxsize;
		this.#emit('queue:created');
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'put':
				return this.#put(args[0], actor, args[1] !== false, args[2] as number | undefined);
			case 'get':
				return this.#get(actor, args[0] !== false, args[1] as number | undefined);
			case 'qsize':
				return this.#depth();
			case 'empty':
				return this.#depth() === 0;
			case 'full':
				return this.#full();
			case 'close':
				this.#closed = true;
				this.#emit('queue:closed', {by: ref(actor)});
				return undefined;
			case 'taskDone':
				return this.#taskDone(actor);
			case 'join':
				return this.#join(actor);
		}
		throw noSuchMethod(this.name, method);
	}

	actorExited(actorId: number): void {
		const lines: [Side, {removeActor(id: number): {actor: Actor}[]}][] = [
			['put', this.#putters],
			['get', this.#getters],
			['join', this.#joiners],
		];
		for (const [side, line] of lines) {
			for (const waiter of line.removeActor(actorId)) {
				this.#emit('queue:gave-up', {by: ref(waiter.actor), side, reason: 'exited'});
			}
		}
	}

	#depth(): number {
		return this.#items.length - this.#head;
	}

	#full(): boolean {
		return this.#maxsize > 0 && this.#depth() >= this.#maxsize;
	}

	#put(item: unknown, actor: Actor, block: boolean, timeoutMs: number | undefined): unknown {
		if (!this.#full() && this.#putters.length === 0) {
			this.#store(item, actor);
			return undefined;
		}
		if (!block || timeoutMs === 0) throw new QueueFullError(`${this.name} is full`);
		const wait = this.#putters.wait(actor, this.#context.bus.now(), item, timeoutMs, (waiter) => {
			this.#emit('queue:gave-up', {by: ref(waiter.actor), side: 'put', reason: 'timed-out'});
			waiter.reject(new QueueFullError(`${this.name} is full (waited ${timeoutMs} ms)`));
		});
		this.#emit('queue:waiting', {by: ref(actor), side: 'put'});
		return wait;
	}

	// Hands the item to the first getter in line, or keeps it.
	#store(item: unknown, actor: Actor): void {
		this.#puts++;
		if (this.#kind === 'joinable') this.#unfinished++;
		const getter = this.#getters.shift();
		if (getter) {
			this.#gets++;
			this.#emit('queue:put', {by: ref(actor), count: 1});
			getter.resolve(item);
			this.#emit('queue:got', {by: ref(getter.actor), count: 1});
			return;
		}
		this.#items.push(item);
		this.#emit('queue:put', {by: ref(actor), count: 1});
	}

	#get(actor: Actor, block: boolean, timeoutMs: number | undefined): unknown {
		if (this.#depth() > 0) {
			const item = this.#items[this.#head];
			this.#items[this.#head++] = undefined;
			if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
				this.#items = this.#items.slice(this.#head);
				this.#head = 0;
			}
			this.#gets++;
			this.#emit('queue:got', {by: ref(actor), count: 1});
			this.#admitPutter();
			return item;
		}
		if (!block || timeoutMs === 0) throw new QueueEmptyError(`${this.name} is empty`);
		const wait = this.#getters.wait(
			actor,
			this.#context.bus.now(),
			undefined,
			timeoutMs,
			(waiter) => {
				this.#emit('queue:gave-up', {by: ref(waiter.actor), side: 'get', reason: 'timed-out'});
				waiter.reject(new QueueEmptyError(`${this.name} is empty (waited ${timeoutMs} ms)`));
			},
		);
		this.#emit('queue:waiting', {by: ref(actor), side: 'get'});
		this.#context.waited(actor);
		return wait;
	}

	// A get made room: the first putter in line puts its item now.
	#admitPutter(): void {
		if (this.#full()) return;
		const putter: Waiter<void, unknown> | undefined = this.#putters.shift();
		if (!putter) return;
		this.#store(putter.data, putter.actor);
		putter.resolve();
	}

	#taskDone(actor: Actor): void {
		if (this.#kind !== 'joinable') throw noSuchMethod(this.name, 'taskDone');
		if (this.#unfinished === 0) {
			throw new RangeError(
				`${this.name}.taskDone() called more times than items were put (Python's ValueError)`,
			);
		}
		this.#unfinished--;
		this.#emit('queue:task-done', {by: ref(actor)});
		if (this.#unfinished > 0) return;
		const joiners = this.#joiners.drain();
		if (joiners.length > 0) this.#emit('queue:joined');
		for (const joiner of joiners) joiner.resolve();
	}

	#join(actor: Actor): unknown {
		if (this.#kind !== 'joinable') throw noSuchMethod(this.name, 'join');
		if (this.#unfinished === 0) return undefined;
		const wait = this.#joiners.wait(actor, this.#context.bus.now(), undefined, undefined, () => {});
		this.#emit('queue:waiting', {by: ref(actor), side: 'join'});
		return wait;
	}

	#state(): QueueState {
		return {
			depth: this.#depth(),
			maxsize: this.#maxsize,
			puts: this.#puts,
			gets: this.#gets,
			putters: this.#putters.actors(),
			getters: this.#getters.actors(),
			...(this.#kind === 'joinable'
				? {unfinished: this.#unfinished, joiners: this.#joiners.actors()}
				: {}),
			closed: this.#closed,
		};
	}

	#emit(type: 'queue:created' | 'queue:joined'): void;
	#emit(type: 'queue:put' | 'queue:got', extra: {by: Actor; count: number}): void;
	#emit(type: 'queue:waiting', extra: {by: Actor; side: Side}): void;
	#emit(
		type: 'queue:gave-up',
		extra: {by: Actor; side: Side; reason: 'timed-out' | 'exited'},
	): void;
	#emit(type: 'queue:task-done' | 'queue:closed', extra: {by: Actor}): void;
	#emit(type: string, extra: object = {}): void {
		const payload = {
			id: this.id,
			name: this.name,
			kind: this.#kind,
			state: this.#state(),
			...extra,
		};
		(this.#context.bus.emit as (type: string, payload: object) => void)(type, payload);
	}
}
