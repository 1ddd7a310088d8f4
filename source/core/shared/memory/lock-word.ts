// A Lock's shared memory, so that threads and (with the native addon) processes can take it
// without asking the broker: the futex words (futex.ts: the lock, then its sleepers), the id of the
// actor holding it, which says whose death abandons it, who waits for it (for the owner to sample
// for the dashboard and the deadlock detector), and who died holding it last, for the next holder.
import {futexWords} from './futex.js';
import {allocateRegion, type RegionPlace} from './region.js';
import {type Sleep, sleepAcrossProcesses, threadSleep} from './sleep.js';

/** Index of the lock word (the futex's other words follow it). */
export const stateIndex = 0;
/** Index of the holder's actor id (0 when free, or while a holder is between take and tag). */
export const holderIndex = futexWords;
/** Index of the pid of the holder that died with the lock, until the next holder reads it (0: none). */
export const abandonedPidIndex = holderIndex + 1;
/** Index of the byte length of that holder's name, which follows the waiters. */
const abandonedNameLengthIndex = abandonedPidIndex + 1;
/** Index of the first slot where a waiter writes its actor id while it waits (0: a free slot). */
export const waitersIndex = 8;
/** How many waiters the slots can name; more wait as well, unnamed. */
export const waiterSlots = 16;
const nameIndex = waitersIndex + waiterSlots;
const nameBytes = 128;

/** How many bytes a lock's memory takes. */
export const lockWordBytes = nameIndex * Int32Array.BYTES_PER_ELEMENT + nameBytes;

/** A lock's memory in the owner: its word, how its waiters sleep, where a child maps it. */
export type LockMemory = {
	readonly word: Int32Array;
	readonly sleep: Sleep;
	readonly place?: RegionPlace;
};

/**
 * A new, free lock word on shared memory: on a region that child processes map where the native
 * addon is built, else on memory this process's threads share.
 */
export function allocateLockWord(): LockMemory {
	const region = allocateRegion(lockWordBytes);
	if (!region) return {word: lockWordOn(new SharedArrayBuffer(lockWordBytes)), sleep: threadSleep};
	return {word: lockWordOn(region.buffer), sleep: sleepAcrossProcesses(), place: region.place};
}

/** The lock word on `buffer` (made by `allocateLockWord` or in a region, maybe in another thread). */
export function lockWordOn(buffer: SharedArrayBuffer): Int32Array {
	return new Int32Array(buffer, 0, lockWordBytes / Int32Array.BYTES_PER_ELEMENT);
}

/** Writes a waiter's id in a free slot; the slot, or -1 when all are taken. */
export function addWaiter(word: Int32Array, actorId: number): number {
	for (let slot = waitersIndex; slot < waitersIndex + waiterSlots; slot++) {
		if (Atomics.compareExchange(word, slot, 0, actorId) === 0) return slot;
	}
	return -1;
}

/** Frees the slot `addWaiter` gave. */
export function removeWaiter(word: Int32Array, slot: number): void {
	if (slot >= 0) Atomics.store(word, slot, 0);
}

/** Frees every slot that names `tag` (a waiter that died waiting); whether there was one. */
export function clearWaiter(word: Int32Array, tag: number): boolean {
	let found = false;
	for (let slot = waitersIndex; slot < waitersIndex + waiterSlots; slot++) {
		if (Atomics.compareExchange(word, slot, tag, 0) === tag) found = true;
	}
	return found;
}

/** The actor ids of the waiters named in the slots. */
export function waiterIds(word: Int32Array): number[] {
	const ids: number[] = [];
	for (let slot = waitersIndex; slot < waitersIndex + waiterSlots; slot++) {
		const id = Atomics.load(word, slot);
		if (id !== 0) ids.push(id);
	}
	return ids;
}

/** Records, before the lock is freed, who died holding it: the next holder is told. */
export function markAbandoned(
	word: Int32Array,
	holder: {readonly name: string; readonly pid: number},
): void {
	const bytes = new TextEncoder().encode(holder.name).slice(0, nameBytes);
	new Uint8Array(word.buffer, word.byteOffset + nameIndex * 4, nameBytes).set(bytes);
	Atomics.store(word, abandonedNameLengthIndex, bytes.length);
	Atomics.store(word, abandonedPidIndex, holder.pid || -1);
}

/** Who died holding the lock before the caller took it, read once (the caller holds the lock). */
export function takeAbandoned(
	word: Int32Array,
): {readonly name: string; readonly pid: number} | undefined {
	const pid = Atomics.exchange(word, abandonedPidIndex, 0);
	if (pid === 0) return undefined;
	const length = Atomics.load(word, abandonedNameLengthIndex);
	// TextDecoder does not read shared memory: the bytes are copied out first.
	const bytes = new Uint8Array(word.buffer, word.byteOffset + nameIndex * 4, length).slice();
	return {name: new TextDecoder().decode(bytes), pid: pid === -1 ? 0 : pid};
}
