// How a futex waiter sleeps and is woken. Atomics.wait and Atomics.notify reach only the threads
// of one process; on memory that processes share, the kernel's futex (through the native addon)
// reaches them all — and a wake sends Atomics.notify too, for the owner's threads that sleep in
// Atomics.wait on the same memory.
import {sharedMemoryAddon} from './native.js';

/** A futex's sleep and wake-up. */
export type Sleep = {
	/** Sleeps while `word[index]` is `expected`, at most `timeoutMs`. */
	readonly wait: (word: Int32Array, index: number, expected: number, timeoutMs: number) => void;
	/** Wakes up to `count` sleepers; how many it woke. */
	readonly wake: (word: Int32Array, index: number, count: number) => number;
	/** True where a sleeper may be in another process (no Atomics.waitAsync then). */
	readonly acrossProcesses: boolean;
};

/** Sleep among the threads of one process. */
export const threadSleep: Sleep = {
	wait(word, index, expected, timeoutMs) {
		Atomics.wait(word, index, expected, timeoutMs);
	},
	wake: (word, index, count) => Atomics.notify(word, index, count),
	acrossProcesses: false,
};

let processSleep: Sleep | undefined;

/** Sleep on memory that processes share: the kernel's futex, through the addon. */
export function sleepAcrossProcesses(): Sleep {
	if (processSleep) return processSleep;
	const addon = sharedMemoryAddon();
	if (!addon) throw new Error('shared memory between processes is not available here');
	processSleep = {
		wait(word, index, expected, timeoutMs) {
			addon.wait(word, index, expected, timeoutMs);
		},
		wake: (word, index, count) =>
			addon.wake(word, index, count) + Atomics.notify(word, index, count),
		acrossProcesses: true,
	};
	return processSleep;
}
