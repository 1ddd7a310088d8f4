// A Lock as a thread or a process sharing memory takes it: straight on the lock's futex word,
// without the broker, then tagged with the taker's id so that the owner can tell whose death
// abandons it — a thread's actor id, or minus a process's pid (a child does not know its actor id;
// the owner knows its pid). While it waits, a taker names itself in a waiter slot, for the owner
// to sample.
import {LockReleaseError} from '../../errors.js';
import {isLocked, lockAcross, lockAsync, lockSync, tryLock, unlock} from './futex.js';
import {
	abandonedPidIndex,
	addWaiter,
	holderIndex,
	removeWaiter,
	stateIndex,
	takeAbandoned,
} from './lock-word.js';
import type {Sleep} from './sleep.js';

/** What a taker learns: whether it got the lock, and who died holding it before. */
export type Taken = {
	readonly acquired: boolean;
	readonly abandonedBy?: {readonly name: string; readonly pid: number};
};

/** The id a process writes on a lock it holds or waits for. */
export function processTag(pid = process.pid): number {
	return -pid;
}

/** Takes the lock, blocking this thread up to `timeoutMs` (or not at all when `block` is false). */
export function takeLockSync(
	word: Int32Array,
	tag: number,
	block: boolean,
	timeoutMs: number | undefined,
	sleep: Sleep,
): Taken {
	let taken = tryLock(word, stateIndex);
	if (!taken && block) {
		const slot = addWaiter(word, tag);
		taken = lockSync(word, stateIndex, timeoutMs ?? Number.POSITIVE_INFINITY, sleep);
		removeWaiter(word, slot);
	}
	return tagged(word, tag, taken);
}

/** Takes the lock without blocking the event loop (across processes: for a slice at a time). */
export async function takeLockAsync(
	word: Int32Array,
	tag: number,
	block: boolean,
	timeoutMs: number | undefined,
	sleep: Sleep,
): Promise<Taken> {
	let taken = tryLock(word, stateIndex);
	if (!taken && block) {
		const slot = addWaiter(word, tag);
		const wait = timeoutMs ?? Number.POSITIVE_INFINITY;
		try {
			taken = sleep.acrossProcesses
				? await lockAcross(word, stateIndex, wait, sleep)
				: await lockAsync(word, stateIndex, wait);
		} finally {
			removeWaiter(word, slot);
		}
	}
	return tagged(word, tag, taken);
}

function tagged(word: Int32Array, tag: number, taken: boolean): Taken {
	if (!taken) return {acquired: false};
	Atomics.store(word, holderIndex, tag);
	// A plain read first: the abandoned mark is rare, and this is every acquire's path.
	const abandonedBy = word[abandonedPidIndex] === 0 ? undefined : takeAbandoned(word);
	return abandonedBy ? {acquired: true, abandonedBy} : {acquired: true};
}

/** Frees the lock; throws LockReleaseError when it is not held. */
export function releaseLock(word: Int32Array, name: string, sleep: Sleep): void {
	if (!isLocked(word, stateIndex))
		throw new LockReleaseError(`${name}: lock released too many times`);
	// Cleared before the lock is freed, so that no later holder can carry this taker's tag (and
	// be taken for abandoned when it ends). A plain store: unlock's store orders it.
	word[holderIndex] = 0;
	unlock(word, stateIndex, sleep);
}
