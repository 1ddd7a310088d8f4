// What the owner learns of a lock that threads and processes take in shared memory, unseen by the
// broker: it reads the holder's tag and the waiters' slots a few times a second and tells the bus
// what changed since — `lock:acquired`, `lock:released`, `lock:requested` — so that the dashboard
// shows holders and waiters and the deadlock detector sees who waits for whom. Changes between
// two samples are not seen one by one: a lock taken and freed a thousand times between two
// samples is one change of holder, or none. And what the owner does when a taker dies: frees the
// lock it held (abandoned) and the waiter slot it had.
import type {Actor, EventBus} from '../../events/index.js';
import {isLocked, unlock} from '../memory/futex.js';
import {clearWaiter, holderIndex, markAbandoned, waiterIds} from '../memory/lock-word.js';
import type {Sleep} from '../memory/sleep.js';

/** What the last sample of one lock found. */
export type LockSample = {
	/** The holder's tag (a thread's actor id, minus a process's pid; 0: none seen). */
	holder: number;
	readonly waiters: Set<number>;
	/** Who the tags named: the holder, and the waiters in the order they were first seen. */
	holderActor: Actor | undefined;
	waiterActors: Actor[];
	/** Who died holding the lock, for the `lock:acquired` of the next holder seen. */
	abandonedBy: {readonly name: string; readonly pid: number} | undefined;
	/**
	 * When the holder and each waiter were first seen (performance.now()): the waits and holds the
	 * events tell, to within a sample.
	 */
	heldSince: number;
	readonly waitingSince: Map<number, number>;
};

/** A thread's actor id, or minus a process's pid, as the actor it names; undefined when unknown. */
export type ResolveTag = (tag: number) => Actor | undefined;

type SampledLock = {
	readonly id: number;
	readonly name: string;
	readonly word: Int32Array;
	readonly sleep: Sleep;
	readonly sample: LockSample;
};

/** An empty sample: nobody seen yet. */
export function newSample(): LockSample {
	return {
		holder: 0,
		waiters: new Set(),
		holderActor: undefined,
		waiterActors: [],
		abandonedBy: undefined,
		heldSince: 0,
		waitingSince: new Map(),
	};
}

// Milliseconds from `since` to `now`, whole; 0 for a time not seen.
function since(now: number, then: number | undefined): number {
	return then === undefined ? 0 : Math.max(0, Math.round(now - then));
}

/**
 * Reads the lock's holder and waiters and emits what changed since the last sample; returns the
 * actors that began to wait (for the deadlock detector).
 */
export function sampleLock(lock: SampledLock, bus: EventBus, resolve: ResolveTag): Actor[] {
	const {sample} = lock;
	const holder = Atomics.load(lock.word, holderIndex);
	const waiting = new Set(waiterIds(lock.word));
	const now = performance.now();
	const began: Actor[] = [];
	const about = {id: lock.id, name: lock.name};
	for (const tag of waiting) {
		if (sample.waiters.has(tag)) continue;
		const actor = resolve(tag);
		if (!actor) continue;
		sample.waitingSince.set(tag, now);
		bus.emit('lock:requested', {...about, by: ref(actor)});
		began.push(actor);
	}
	if (holder !== sample.holder) {
		const before = resolve(sample.holder);
		const heldMs = since(now, sample.heldSince);
		if (before) bus.emit('lock:released', {...about, by: ref(before), heldMs});
		const after = resolve(holder);
		if (after) acquired(lock, bus, after, since(now, sample.waitingSince.get(holder)));
		sample.heldSince = now;
	}
	// A waiter leaves its slot only once it took the lock (or gave up): one that left and does
	// not hold it now took it and let go between two samples.
	for (const tag of sample.waiters) {
		if (waiting.has(tag) || tag === holder) continue;
		const actor = resolve(tag);
		if (!actor) continue;
		acquired(lock, bus, actor, since(now, sample.waitingSince.get(tag)));
		bus.emit('lock:released', {...about, by: ref(actor), heldMs: 0});
	}
	for (const tag of sample.waitingSince.keys())
		if (!waiting.has(tag)) sample.waitingSince.delete(tag);
	sample.holder = holder;
	sample.holderActor = resolve(holder);
	sample.waiterActors = [
		...sample.waiterActors.filter((actor) =>
			[...waiting].some((tag) => resolve(tag)?.id === actor.id),
		),
		...began,
	];
	sample.waiters.clear();
	for (const tag of waiting) sample.waiters.add(tag);
	return began;
}

/**
 * A thread or process that took locks in memory ended (`tag`: its id on the word): a waiter slot
 * that still names it is freed, and when the word says it held the lock (and the broker granted
 * it to nobody: `brokerHeld`), the lock is marked abandoned, freed and told as abandoned.
 */
export function takerExited(
	lock: SampledLock,
	brokerHeld: boolean,
	bus: EventBus,
	actor: Actor,
	tag: number,
): void {
	const {sample, word} = lock;
	// Killed while it waited: its slot would name it for good.
	if (clearWaiter(word, tag) && sample.waiters.delete(tag)) {
		sample.waiterActors = sample.waiterActors.filter((known) => known.id !== actor.id);
		const waitedMs = since(performance.now(), sample.waitingSince.get(tag));
		sample.waitingSince.delete(tag);
		bus.emit('lock:waiter-exited', {id: lock.id, name: lock.name, by: ref(actor), waitedMs});
	}
	if (brokerHeld || !isLocked(word) || Atomics.load(word, holderIndex) !== tag) return;
	Atomics.store(word, holderIndex, 0);
	markAbandoned(word, actor);
	sample.holder = 0;
	sample.holderActor = undefined;
	sample.abandonedBy = {name: actor.name, pid: actor.pid};
	const heldMs = since(performance.now(), sample.heldSince);
	bus.emit('lock:abandoned', {id: lock.id, name: lock.name, holder: ref(actor), heldMs});
	unlock(word, 0, lock.sleep);
}

// The first holder seen after a holder died with the lock is told whose death it inherited.
function acquired(lock: SampledLock, bus: EventBus, actor: Actor, waitedMs: number): void {
	const abandonedBy = lock.sample.abandonedBy;
	lock.sample.abandonedBy = undefined;
	bus.emit('lock:acquired', {
		id: lock.id,
		name: lock.name,
		by: ref(actor),
		waitedMs,
		...(abandonedBy ? {abandonedBy} : {}),
	});
}

/** The lock the actor `actorId` was last seen waiting for, with its holder then. */
export function sampledWait(
	lock: SampledLock,
	actorId: number,
	resolve: ResolveTag,
): Actor | undefined {
	for (const tag of lock.sample.waiters) {
		if (resolve(tag)?.id === actorId) return resolve(lock.sample.holder);
	}
	return undefined;
}

function ref(actor: Actor): {readonly id: number; readonly name: string; readonly pid: number} {
	return {id: actor.id, name: actor.name, pid: actor.pid};
}
