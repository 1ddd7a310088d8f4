// A mutex on three Int32 words of shared memory, usable from any thread that maps them: the lock
// word at `index` (0 free, 1 held), at `index + 1` how many are asleep waiting for it, and at
// `index + 2` whether one of them has been woken and not yet run. Taking a free lock is one
// compare-and-swap; freeing it is one store, plus a wake-up only when someone sleeps and nobody
// woken is already on the way — so a burst of releases while a woken waiter waits for a CPU
// costs one system call, not one each (Go's sync.Mutex keeps the same "woken" bit). A waiter
// first spins a little (critical sections are usually a few instructions), then sleeps in
// Atomics.wait. It is not fair (FIFO): a thread arriving as the lock is freed may take it before
// one that has been waiting, which is what keeps a busy lock's throughput high. On memory that
// processes share, the sleep and the wake-up are the kernel's futex (sleep.ts).
import {type Sleep, threadSleep} from './sleep.js';

const free = 0;
const held = 1;

/** How many Int32 words a lock takes. */
export const futexWords = 3;

const spins = 100;

// A sleeper looks again at least this often, so that a waiter ended (a terminated thread) after
// it was woken and before it ran cannot leave the others asleep for good.
const maxSleepMs = 100;

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

function spin(word: Int32Array, index: number): boolean {
	for (let turn = 0; turn < spins; turn++) {
		if (Atomics.load(word, index) === free && tryLock(word, index)) return true;
	}
	return false;
}

/**
 * Takes the lock, blocking this thread (Atomics.wait) while another holds it. Returns false when
 * `timeoutMs` passes first.
 */
export function lockSync(
	word: Int32Array,
	index = 0,
	timeoutMs = Number.POSITIVE_INFINITY,
	sleep: Sleep = threadSleep,
): boolean {
	if (tryLock(word, index) || spin(word, index)) return true;
	const deadline = performance.now() + timeoutMs;
	Atomics.add(word, index + 1, 1);
	try {
		while (!tryLock(word, index)) {
			const left = deadline - performance.now();
			if (left <= 0) return false;
			sleep.wait(word, index, held, Math.min(left, maxSleepMs));
			// Awake (woken, timed out or the word moved): the next release may wake another.
			Atomics.store(word, index + 2, 0);
			if (spin(word, index)) return true;
		}
		return true;
	} finally {
		Atomics.sub(word, index + 1, 1);
	}
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
	Atomics.add(word, index + 1, 1);
	const alive = keepAlive ? setInterval(() => {}, 1 << 30) : undefined;
	try {
		while (!tryLock(word, index)) {
			const left = deadline - performance.now();
			if (left <= 0) return false;
			const wait = waitAsync(word, index, held, Math.min(left, maxSleepMs));
			if (wait.async) await wait.value;
			Atomics.store(word, index + 2, 0);
		}
		return true;
	} finally {
		Atomics.sub(word, index + 1, 1);
		clearInterval(alive);
	}
}

// Across processes there is no Atomics.waitAsync: a waiter sleeps in the kernel a slice at a time
// and lets its event loop turn between slices, so that its process still answers (and a holder of
// the same process, between two awaits, can let go).
const sliceMs = 10;

/**
 * Takes the lock on memory that processes share (`sleep` the kernel's futex): resolves true once
 * taken, false when `timeoutMs` passes first. Blocks the event loop for at most `sliceMs` at a
 * time while it waits.
 */
export async function lockAcross(
	word: Int32Array,
	index: number,
	timeoutMs: number,
	sleep: Sleep,
): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const left = Math.max(0, deadline - performance.now());
		if (lockSync(word, index, Math.min(left, sliceMs), sleep)) return true;
		if (left <= sliceMs) return false;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/** Frees the lock and wakes one sleeper, if any sleeps and none is already woken. */
export function unlock(word: Int32Array, index = 0, sleep: Sleep = threadSleep): void {
	Atomics.store(word, index, free);
	if (Atomics.load(word, index + 1) > 0 && Atomics.compareExchange(word, index + 2, 0, 1) === 0) {
		// Nobody was in Atomics.wait yet (a sleeper between counting itself and sleeping): no wake
		// is on its way, so the next release must send one.
		if (sleep.wake(word, index, 1) === 0) Atomics.store(word, index + 2, 0);
	}
}

/** Whether the lock is held by anyone now. */
export function isLocked(word: Int32Array, index = 0): boolean {
	return Atomics.load(word, index) !== free;
}
