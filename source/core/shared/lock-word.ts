// A Lock's shared memory, so that threads can take it without asking the broker: a futex word
// (futex.ts) and the id of the actor holding it, which says whose death abandons it.

/** Index of the futex word. */
export const stateIndex = 0;
/** Index of the holder's actor id (0 when free, or while a holder is between take and tag). */
export const holderIndex = 1;

/** A new, free lock word on shared memory. */
export function allocateLockWord(): Int32Array {
	return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** The lock word on `buffer` (made by `allocateLockWord`, maybe in another thread). */
export function lockWordOn(buffer: SharedArrayBuffer): Int32Array {
	return new Int32Array(buffer, 0, 2);
}
