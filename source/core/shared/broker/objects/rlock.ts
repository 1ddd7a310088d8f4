import {LockReleaseError} from '../../../errors.js';
import type {Actor, SyncHolder, SyncKind, SyncState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {emitSync} from './sync-emit.js';
import {ref, WaitLine} from './wait-line.js';

/** The lock under a Condition: an RLock of its own, or a Lock or RLock the user gave it. */
export interface ConditionLock {
	acquire(actor: Actor, block: boolean, timeoutMs: number | undefined): unknown;
	release(actor: Actor): void;
	holds(actorId: number): boolean;
	/** Lets go however deep `actor` holds it; returns the depth, for `restore`. */
	releaseAll(actor: Actor): number;
	/** Takes it again for `actor`, as deep as it was. */
	restore(actor: Actor, depth: number): Promise<void>;
	holders(): SyncHolder[];
	waiters(): Actor[];
}

type Owner = {actor: Actor; count: number; since: number};

/**
 * An RLock in the broker: one owner at a time (a process or a thread), taken again by its owner
 * as often as it likes (a recursion count), released only by its owner. An owner that dies
 * releases it (reported as abandoned).
 */
export class BrokerRLock implements BrokerObject, ConditionLock {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #kind: SyncKind;
	readonly #moreWaiters: () => Actor[];
	#owner: Owner | undefined;
	readonly #waiters = new WaitLine<boolean, number>();

	/**
	 * `kind` and `moreWaiters` let a Condition's own lock speak as the Condition (its rows show the
	 * Condition's waiters too).
	 */
	constructor(
		context: ObjectContext,
		kind: SyncKind = 'rlock',
		moreWaiters: () => Actor[] = () => [],
	) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#kind = kind;
		this.#moreWaiters = moreWaiters;
		if (kind === 'rlock') emitSync(context, 'sync:created', kind, this.state(), {});
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'acquire':
				return this.acquire(actor, args[0] !== false, args[1] as number | undefined);
			case 'release':
				return this.release(actor);
		}
		throw noSuchMethod(this.name, method);
	}

	acquire(actor: Actor, block: boolean, timeoutMs: number | undefined, depth = 1): unknown {
		const since = this.#context.bus.now();
		const owner = this.#owner;
		if (owner?.actor.id === actor.id) {
			owner.count += depth;
			this.#emit('sync:acquired', actor, {waitedMs: 0});
			return true;
		}
		if (!owner && this.#waiters.length === 0) {
			this.#grant(actor, since, depth);
			return true;
		}
		if (!block || timeoutMs === 0) return false;
		const wait = this.#waiters.wait(actor, since, depth, timeoutMs, (waiter) => {
			this.#emit('sync:timed-out', waiter.actor, {});
			waiter.resolve(false);
		});
		this.#emit('sync:waiting', actor, {});
		this.#context.waited(actor);
		return wait;
	}

	release(actor: Actor): void {
		const owner = this.#owner;
		if (!owner) throw new LockReleaseError(`${this.name}: cannot release an un-acquired lock`);
		if (owner.actor.id !== actor.id) {
			throw new LockReleaseError(
				`${this.name}: cannot release a lock held by ${owner.actor.name} (pid ${owner.actor.pid}): only its owner can`,
			);
		}
		owner.count--;
		if (owner.count > 0) {
			this.#emit('sync:released', actor, {});
			return;
		}
		this.#owner = undefined;
		this.#emit('sync:released', actor, {});
		this.#handOn();
	}

	holds(actorId: number): boolean {
		return this.#owner?.actor.id === actorId;
	}

	releaseAll(actor: Actor): number {
		const depth = this.#owner?.count ?? 0;
		if (this.#owner) this.#owner.count = 1;
		this.release(actor);
		return depth;
	}

	async restore(actor: Actor, depth: number): Promise<void> {
		await this.acquire(actor, true, undefined, depth);
	}

	holderFor(actorId: number): Actor | undefined {
		if (!this.#waiters.list().some((waiter) => waiter.actor.id === actorId)) return undefined;
		return this.#owner?.actor;
	}

	holders(): SyncHolder[] {
		const owner = this.#owner;
		return owner ? [{...ref(owner.actor), count: owner.count}] : [];
	}

	waiters(): Actor[] {
		return this.#waiters.actors();
	}

	actorExited(actorId: number): void {
		for (const waiter of this.#waiters.removeActor(actorId)) {
			this.#emit('sync:waiter-exited', waiter.actor, {});
		}
		const owner = this.#owner;
		if (owner?.actor.id !== actorId) return;
		this.#owner = undefined;
		this.#emit('sync:abandoned', owner.actor, {count: owner.count});
		this.#handOn();
	}

	state(): SyncState {
		return {holders: this.holders(), waiters: [...this.waiters(), ...this.#moreWaiters()]};
	}

	#grant(actor: Actor, since: number, depth: number): void {
		this.#owner = {actor: ref(actor), count: depth, since};
		const now = this.#context.bus.now();
		this.#emit('sync:acquired', actor, {waitedMs: now - since}, now);
	}

	#handOn(): void {
		const next = this.#waiters.shift();
		if (!next) return;
		this.#grant(next.actor, next.since, next.data);
		next.resolve(true);
	}

	#emit(
		type:
			| 'sync:acquired'
			| 'sync:released'
			| 'sync:waiting'
			| 'sync:timed-out'
			| 'sync:waiter-exited'
			| 'sync:abandoned',
		actor: Actor,
		extra: {waitedMs?: number; count?: number},
		at?: number,
	): void {
		(emitSync as (...args: unknown[]) => void)(
			this.#context,
			type,
			this.#kind,
			this.state(),
			{by: ref(actor), ...extra},
			at,
		);
	}
}
