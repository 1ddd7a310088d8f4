import type {Actor, SyncState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {emitSync, holdersOf} from './sync-emit.js';
import {ref, WaitLine} from './wait-line.js';

/**
 * A Semaphore (or BoundedSemaphore) in the broker: permits left, who holds how many, and FIFO
 * waiters. A holder that dies gives its permits back (reported as abandoned).
 */
export class BrokerSemaphore implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #bounded: boolean;
	readonly #initial: number;
	#value: number;
	readonly #holders = new Map<number, {actor: Actor; count: number}>();
	readonly #waiters = new WaitLine<boolean>();

	constructor(context: ObjectContext, value: number, bounded: boolean) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#bounded = bounded;
		this.#initial = value;
		this.#value = value;
		emitSync(context, 'sync:created', this.#kind(), this.#state(), {});
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'acquire':
				return this.#acquire(actor, args[0] !== false, args[1] as number | undefined);
			case 'release':
				return this.#release(actor, (args[0] as number | undefined) ?? 1);
			case 'getValue':
				return this.#value;
		}
		throw noSuchMethod(this.name, method);
	}

	holderFor(actorId: number): Actor | undefined {
		if (!this.#waiters.list().some((waiter) => waiter.actor.id === actorId)) return undefined;
		// Any holder would free a permit; the first one stands for them in the wait-for graph.
		const first = this.#holders.values().next();
		return first.done ? undefined : first.value.actor;
	}

	actorExited(actorId: number): void {
		for (const waiter of this.#waiters.removeActor(actorId)) {
			emitSync(this.#context, 'sync:waiter-exited', this.#kind(), this.#state(), {
				by: ref(waiter.actor),
			});
		}
		const held = this.#holders.get(actorId);
		if (!held) return;
		this.#holders.delete(actorId);
		this.#value += held.count;
		emitSync(this.#context, 'sync:abandoned', this.#kind(), this.#state(), {
			by: ref(held.actor),
			count: held.count,
		});
		this.#serve();
	}

	#acquire(actor: Actor, block: boolean, timeoutMs: number | undefined): unknown {
		const since = this.#context.bus.now();
		if (this.#value > 0 && this.#waiters.length === 0) {
			this.#grant(actor, since);
			return true;
		}
		if (!block || timeoutMs === 0) return false;
		const wait = this.#waiters.wait(actor, since, undefined, timeoutMs, (waiter) => {
			emitSync(this.#context, 'sync:timed-out', this.#kind(), this.#state(), {
				by: ref(waiter.actor),
			});
			waiter.resolve(false);
		});
		emitSync(this.#context, 'sync:waiting', this.#kind(), this.#state(), {by: ref(actor)});
		this.#context.waited(actor);
		return wait;
	}

	#grant(actor: Actor, since: number): void {
		this.#value--;
		const held = this.#holders.get(actor.id);
		if (held) held.count++;
		else this.#holders.set(actor.id, {actor: ref(actor), count: 1});
		const now = this.#context.bus.now();
		emitSync(
			this.#context,
			'sync:acquired',
			this.#kind(),
			this.#state(),
			{by: ref(actor), waitedMs: now - since},
			now,
		);
	}

	#release(actor: Actor, n: number): void {
		if (!Number.isInteger(n) || n < 1) {
			throw new RangeError(`${this.name}.release(n): n must be an integer of 1 or more, got ${n}`);
		}
		if (this.#bounded && this.#value + n > this.#initial) {
			throw new RangeError(
				`${this.name}: released too many times (a BoundedSemaphore of ${this.#initial}; Python's ValueError)`,
			);
		}
		this.#value += n;
		// A semaphore may be released by anyone; the releaser's own permits go first.
		let left = n;
		const ids = [actor.id, ...[...this.#holders.keys()].filter((id) => id !== actor.id)];
		for (const id of ids) {
			const held = this.#holders.get(id);
			if (!held || left === 0) continue;
			const take = Math.min(left, held.count);
			held.count -= take;
			left -= take;
			if (held.count === 0) this.#holders.delete(id);
		}
		emitSync(this.#context, 'sync:released', this.#kind(), this.#state(), {by: ref(actor)});
		this.#serve();
	}

	#serve(): void {
		while (this.#value > 0) {
			const next = this.#waiters.shift();
			if (!next) return;
			this.#grant(next.actor, next.since);
			next.resolve(true);
		}
	}

	#kind() {
		return this.#bounded ? ('bounded-semaphore' as const) : ('semaphore' as const);
	}

	#state(): SyncState {
		return {
			holders: holdersOf(this.#holders),
			waiters: this.#waiters.actors(),
			permits: this.#value,
			initial: this.#initial,
		};
	}
}
