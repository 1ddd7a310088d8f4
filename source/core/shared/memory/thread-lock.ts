// A Lock as a thread takes it: straight on the lock's futex word in shared memory, without the
// broker, then tagged with the thread's actor id so that the owner can tell whose death abandons it.
import {LockReleaseError} from '../../errors.js';
import {isLocked, lockAsync, lockSync, tryLock, unlock} from './futex.js';
import {holderIndex, stateIndex} from './lock-word.js';

/** Takes the lock, blocking this thread up to `timeoutMs` (or not at all when `block` is false). */
export function takeLockSync(
	word: Int32Array,
	actorId: number,
	block: boolean,
	timeoutMs: number | undefined,
): boolean {
	const taken = block
		? lockSync(word, stateIndex, timeoutMs ?? Number.POSITIVE_INFINITY)
		: tryLock(word, stateIndex);
	if (taken) word[holderIndex] = actorId;
	return taken;
}

/** Takes the lock without blocking the thread's event loop. */
export async function takeLockAsync(
	word: Int32Array,
	actorId: number,
	block: boolean,
	timeoutMs: number | undefined,
): Promise<boolean> {
	const taken = block
		? await lockAsync(word, stateIndex, timeoutMs ?? Number.POSITIVE_INFINITY)
		: tryLock(word, stateIndex);
	if (taken) Atomics.store(word, holderIndex, actorId);
	return taken;
}

/** Frees the lock; throws LockReleaseError when it is not held. */
export function releaseLock(word: Int32Array, name: string): void {
	if (!isLocked(word, stateIndex))
		throw new LockReleaseError(`${name}: lock released too many times`);
	// Cleared before the lock is freed, so that no later holder can carry this thread's tag (and
	// be taken for abandoned when this thread ends). A plain store: unlock's store orders it.
	word[holderIndex] = 0;
	unlock(word, stateIndex);
}
