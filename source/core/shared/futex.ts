// A mutex on one Int32 word of shared memory, usable from any thread that maps it: Ulrich
// Drepper's "mutex 3" from "Futexes Are Tricky". The word is 0 when free, 1 when held, 2 when held
// with (possibly) someone waiting; only an unlock that finds 2 pays for a notify, so an
// uncontended lock and unlock are one atomic instruction each. It is not fair (FIFO): a thread
// that arrives as the lock is freed may take it before one that has been waiting.

const free = 0;
const held = 1;
const contended = 2;

// Spins before sleeping: a holder's critical section is usually a few instructions, far shorter
// than a trip through the kernel.
const spins = 64;

// Atomics.waitAsync is in Node 20 (V8 11) but not in TypeScript's ES2023 library.
type WaitAsync = (
	typedArray: Int32Array,
	index: number,
	value: number,
	timeout?: number,
) => {async: false; value: 'not-equal' | 'timed-out'} | {async: true; value: Promise<string>};
const waitAsync = (Atomics as unknown as {waitAsync: WaitAsync}).waitAsync;

/** Takes the lock at `index` if it is free; never waits. */
export function tryLock(word: Int32Array, index = 0): boolean {
	return Atomics.compareExchange(word, index, free, held) === free;
}

/**
 * Takes the lock, blocking this thread (Atomics.wait) while another holds it. Returns false when
 * `timeoutMs` passes first.
 */
export function lockSync(
	word: Int32Array,
	index = 0,
	timeoutMs = Number.POSITIVE_INFINITY,
): boolean {
	if (tryLock(word, index)) return true;
	for (let spin = 0; spin < spins; spin++) {
		if (Atomics.load(word, index) === free && tryLock(word, index)) return true;
	}
	const deadline = performance.now() + timeoutMs;
	while (Atomics.exchange(word, index, contended) !== free) {
		const left = deadline - performance.now();
		if (left <= 0) return false;
		Atomics.wait(word, index, contended, left === Number.POSITIVE_INFINITY ? undefined : left);
	}
	return true;
}

/**
 * Takes the lock without blocking the event loop (Atomics.waitAsync): resolves true once taken,
 * false when `timeoutMs` passes first. A pending waitAsync does not keep Node's event loop alive,
 * so by default a timer does while it waits (a thread whose only work is to wait for the lock
 * would otherwise end there); `keepAlive: false` leaves that to others.
 */
export async function lockAsync(
	word: Int32Array,
	index = 0,
	timeoutMs = Number.POSITIVE_INFINITY,
	{keepAlive = true}: {readonly keepAlive?: boolean} = {},
): Promise<boolean> {
	if (tryLock(word, index)) return true;
	const deadline = performance.now() + timeoutMs;
	while (Atomics.exchange(word, index, contended) !== free) {
		const left = deadline - performance.now();
		if (left <= 0) return false;
		const wait = waitAsync(
			word,
			index,
			contended,
			left === Number.POSITIVE_INFINITY ? undefined : left,
		);
		if (!wait.async) continue;
		const alive = keepAlive ? setInterval(() => {}, 1 << 30) : undefined;
		try {
			await wait.value;
		} finally {
			clearInterval(alive);
		}
	}
	return true;
}

/** Frees the lock and wakes one waiter, if any may be waiting. */
export function unlock(word: Int32Array, index = 0): void {
	if (Atomics.sub(word, index, 1) !== held) {
		Atomics.store(word, index, free);
		Atomics.notify(word, index, 1);
	}
}

/** Whether the lock is held by anyone now. */
export function isLocked(word: Int32Array, index = 0): boolean {
	return Atomics.load(word, index) !== free;
}
