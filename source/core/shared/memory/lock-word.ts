// A Lock's shared memory, so that threads can take it without asking the broker: the futex
// words (futex.ts: the lock, then its sleepers) and the id of the actor holding it, which says
// whose death abandons it.
import {futexWords} from './futex.js';

/** Index of the lock word (the futex's other words follow it). */
export const stateIndex = 0;
/** Index of the holder's actor id (0 when free, or while a holder is between take and tag). */
export const holderIndex = futexWords;

const words = 4;

/** A new, free lock word on shared memory. */
export function allocateLockWord(): Int32Array {
	return new Int32Array(new SharedArrayBuffer(words * Int32Array.BYTES_PER_ELEMENT));
}

/** The lock word on `buffer` (made by `allocateLockWord`, maybe in another thread). */
export function lockWordOn(buffer: SharedArrayBuffer): Int32Array {
	return new Int32Array(buffer, 0, words);
}
