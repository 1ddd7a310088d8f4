import {LockReleaseError} from '../../errors.js';
import type {Actor, EventBus} from '../../events/index.js';
import {lockAsync, tryLock, unlock} from '../memory/futex.js';
import {allocateLockWord, holderIndex, markAbandoned, takeAbandoned} from '../memory/lock-word.js';
import type {RegionPlace} from '../memory/region.js';
import type {Sleep} from '../memory/sleep.js';
import {
	type LockSample,
	newSample,
	type ResolveTag,
	sampledWait,
	sampleLock,
	takerExited,
} from './lock-sampling.js';
import {findWaitCycle, type WaitedObject} from './wait-for.js';

/** What an acquire tells its caller: whether it got the lock, and whose death it inherited. */
export type AcquireResult = {
	readonly acquired: boolean;
	/** Set when the previous holder died holding the lock: its data may be half-changed. */
	readonly abandonedBy?: {readonly name: string; readonly pid: number};
};

type Waiter = {
	readonly actor: Actor;
	/** When it asked: the bus's `now()`, the `at` of its lock:requested. */
	readonly since: number;
	readonly grant: (result: AcquireResult) => void;
	timer?: NodeJS.Timeout;
};

/** One lock's state in the broker. */
export type LockEntry = {
	readonly id: number;
	readonly name: string;
	holder: (Actor & {readonly since: number}) | undefined;
	readonly waiters: Waiter[];
	/**
	 * The lock's futex word, which threads take directly: the broker takes it for a process, and
	 * hands it from one process holder to the next without letting go in between.
	 */
	readonly word: Int32Array;
	/** How the word's waiters sleep: across processes when child processes map it. */
	readonly sleep: Sleep;
	/** Where a child process maps the word; none where processes do not share memory. */
	readonly place?: RegionPlace;
	/** Set once the word was handed to a thread or a process, which the owner then samples. */
	shared: boolean;
	/** Set when a Condition uses the lock: processes then take it through the broker. */
	brokered: boolean;
	/** What the last sample of the word found. */
	readonly sample: LockSample;
	/** The broker waits (asynchronously) for a thread to free the word, for its waiters. */
	watching: boolean;
};

/**
 * Every lock's holder and FIFO waiters. Grants in order of request; releases what a dead holder
 * held (reporting it abandoned); and looks for a cycle in the wait-for graph at every new wait.
 */
export class LockTable {
	readonly #bus: EventBus;
	readonly #locks = new Map<number, LockEntry>();

	readonly #otherWaits: (actorId: number) => WaitedObject | undefined;
	// Who a thread's or process's tag on a word is, as the owner last resolved them.
	#resolve: ResolveTag = () => undefined;
	// The last cycle reported, so that a cycle found again by a later sample is told once.
	#reported = '';

	/** `otherWaits`: what an actor waits for through the other objects with holders (RLock, Semaphore, Condition). */
	constructor(
		bus: EventBus,
		otherWaits: (actorId: number) => WaitedObject | undefined = () => undefined,
	) {
		this.#bus = bus;
		this.#otherWaits = otherWaits;
	}

	/** Adds a free lock. */
	create(id: number, name: string): LockEntry {
		const entry: LockEntry = {
			id,
			name,
			holder: undefined,
			waiters: [],
			...allocateLockWord(),
			shared: false,
			brokered: false,
			sample: newSample(),
			watching: false,
		};
		this.#locks.set(id, entry);
		this.#bus.emit('lock:created', {id, name});
		return entry;
	}

	/** The lock with this id. */
	get(id: number): LockEntry | undefined {
		return this.#locks.get(id);
	}

	/** The memory of the lock's word, for a thread to map; from now on the word is sampled. */
	share(id: number): SharedArrayBuffer {
		const lock = this.#lock(id);
		lock.shared = true;
		return lock.word.buffer as SharedArrayBuffer;
	}

	/**
	 * Where a child process maps the lock's word, where processes share memory (from now on the
	 * word is sampled); undefined where they do not, and the process asks the broker.
	 */
	place(id: number): RegionPlace | undefined {
		const lock = this.#lock(id);
		if (!lock.place || lock.brokered) return undefined;
		lock.shared = true;
		return lock.place;
	}

	/**
	 * Tells the bus who holds and waits for each lock that threads or processes take in memory,
	 * as far as a sample sees, and looks for a deadlock through every actor seen beginning to wait.
	 */
	sample(resolve: ResolveTag): void {
		this.#resolve = resolve;
		const began = [];
		for (const lock of this.#locks.values()) {
			if (!lock.shared) continue;
			// A holder the broker granted is told by the broker's own events.
			if (lock.holder) lock.sample.holder = 0;
			began.push(...sampleLock(lock, this.#bus, resolve));
			if (lock.holder) {
				lock.sample.holder = 0;
				lock.sample.holderActor = undefined;
			}
		}
		for (const actor of began) this.#detect(actor, true);
	}

	/** Takes the lock for `actor` now, or queues it (up to `timeoutMs`), or says no at once. */
	acquire(id: number, actor: Actor, block = true, timeoutMs?: number): Promise<AcquireResult> {
		const lock = this.#lock(id);
		// Processes already in line go first: only a free lock with nobody waiting is taken at once.
		if (!lock.holder && lock.waiters.length === 0 && tryLock(lock.word)) {
			return Promise.resolve(this.#grant(lock, actor, this.#bus.now()));
		}
		if (!block || timeoutMs === 0) return Promise.resolve({acquired: false});
		return new Promise((resolve) => {
			const at = this.#bus.now();
			const waiter: Waiter = {actor, since: at, grant: resolve};
			lock.waiters.push(waiter);
			this.#bus.emit('lock:requested', {id, name: lock.name, by: ref(actor)}, at);
			if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
				waiter.timer = setTimeout(() => this.#giveUp(lock, waiter), timeoutMs);
			}
			this.detectDeadlock(actor);
			// No process holds it, so a thread does: wait for the thread to let go.
			if (!lock.holder) this.#watch(lock);
		});
	}

	/** Frees the lock and hands it to the first waiter. Throws when it is not held. */
	release(id: number, actor: Actor): void {
		const lock = this.#lock(id);
		const holder = lock.holder;
		if (!holder) throw new LockReleaseError(`${lock.name}: lock released too many times`);
		lock.holder = undefined;
		const at = this.#bus.now();
		this.#bus.emit(
			'lock:released',
			{id, name: lock.name, by: ref(actor), heldMs: at - holder.since},
			at,
		);
		this.#handOn(lock);
	}

	/** `actor` is gone: what it held is abandoned and handed on; its waits are dropped. */
	actorExited(actorId: number): void {
		for (const lock of this.#locks.values()) {
			const index = lock.waiters.findIndex((waiter) => waiter.actor.id === actorId);
			const waiter = lock.waiters[index];
			if (!waiter) continue;
			lock.waiters.splice(index, 1);
			clearTimeout(waiter.timer);
			const at = this.#bus.now();
			this.#bus.emit(
				'lock:waiter-exited',
				{id: lock.id, name: lock.name, by: ref(waiter.actor), waitedMs: at - waiter.since},
				at,
			);
		}
		for (const lock of this.#locks.values()) {
			const holder = lock.holder;
			if (holder?.id !== actorId) continue;
			lock.holder = undefined;
			markAbandoned(lock.word, holder);
			const at = this.#bus.now();
			this.#bus.emit(
				'lock:abandoned',
				{
					id: lock.id,
					name: lock.name,
					holder: {id: holder.id, name: holder.name, pid: holder.pid},
					heldMs: at - holder.since,
				},
				at,
			);
			this.#handOn(lock);
		}
	}

	/**
	 * A thread or a process that took locks in memory ended: when its `tag` (a thread's actor id,
	 * minus a process's pid) is on a held lock's word, the lock is abandoned, freed, and the next
	 * taker (a process in the broker's line, a thread, a process sharing memory) gets it.
	 */
	memoryHolderExited(actor: Actor, tag: number): void {
		for (const lock of this.#locks.values()) {
			// A holder the broker granted is no taker in memory: actorExited frees what it held.
			if (lock.shared) takerExited(lock, lock.holder !== undefined, this.#bus, actor, tag);
		}
	}

	// Waits for the word without blocking the event loop, and grants it to the first process in
	// line once a thread has let go; a word got after every waiter left is let go at once.
	#watch(lock: LockEntry): void {
		if (lock.watching) return;
		lock.watching = true;
		// The processes in line keep the program alive; the broker's wait for them must not.
		void lockAsync(lock.word, 0, Number.POSITIVE_INFINITY, {keepAlive: false}).then(() => {
			lock.watching = false;
			const next = lock.waiters.shift();
			if (!next) {
				unlock(lock.word, 0, lock.sleep);
				return;
			}
			clearTimeout(next.timer);
			next.grant(this.#grant(lock, next.actor, next.since));
		});
	}

	#lock(id: number): LockEntry {
		const lock = this.#locks.get(id);
		if (!lock) throw new ReferenceError(`no lock with id ${id}`);
		return lock;
	}

	#grant(lock: LockEntry, actor: Actor, since: number): AcquireResult {
		const now = this.#bus.now();
		lock.holder = {...actor, since: now};
		Atomics.store(lock.word, holderIndex, actor.id);
		const abandonedBy = takeAbandoned(lock.word);
		this.#bus.emit(
			'lock:acquired',
			{
				id: lock.id,
				name: lock.name,
				by: ref(actor),
				waitedMs: now - since,
				...(abandonedBy ? {abandonedBy} : {}),
			},
			now,
		);
		return abandonedBy ? {acquired: true, abandonedBy} : {acquired: true};
	}

	// The word stays taken from one process holder to the next; with nobody in line it is freed,
	// which wakes a thread waiting for it.
	#handOn(lock: LockEntry): void {
		const next = lock.waiters.shift();
		if (!next) {
			Atomics.store(lock.word, holderIndex, 0);
			unlock(lock.word, 0, lock.sleep);
			return;
		}
		clearTimeout(next.timer);
		next.grant(this.#grant(lock, next.actor, next.since));
	}

	#giveUp(lock: LockEntry, waiter: Waiter): void {
		const index = lock.waiters.indexOf(waiter);
		if (index === -1) return;
		lock.waiters.splice(index, 1);
		const at = this.#bus.now();
		this.#bus.emit(
			'lock:timed-out',
			{id: lock.id, name: lock.name, by: ref(waiter.actor), waitedMs: at - waiter.since},
			at,
		);
		waiter.grant({acquired: false});
	}

	/**
	 * Looks for a cycle in the wait-for graph through `actor`, over locks and every other object
	 * with holders, and reports it (`lock:deadlock`).
	 */
	detectDeadlock(actor: Actor): void {
		this.#detect(actor, false);
	}

	// A cycle found by sampling is found again by every later sample while it lasts: told once.
	#detect(actor: Actor, sampled: boolean): void {
		const cycle = findWaitCycle(actor.id, (actorId) => {
			for (const lock of this.#locks.values()) {
				if (lock.waiters.some((waiter) => waiter.actor.id === actorId)) return lock;
				// A wait in memory, as last sampled: the holder the sample saw, or the broker's.
				if (!lock.shared) continue;
				const holder = sampledWait(lock, actorId, this.#resolve) ?? lock.holder;
				if (holder) return {id: lock.id, name: lock.name, holder};
			}
			return this.#otherWaits(actorId);
		});
		if (!cycle) return;
		// The same cycle found from another of its processes starts elsewhere: the key ignores where.
		const key = cycle
			.map((link) => `${link.lockId}:${link.pid}`)
			.sort()
			.join(',');
		if (sampled && key === this.#reported) return;
		this.#reported = key;
		this.#bus.emit('lock:deadlock', {cycle});
	}
}

function ref(actor: Actor): {readonly id: number; readonly name: string; readonly pid: number} {
	return {id: actor.id, name: actor.name, pid: actor.pid};
}
