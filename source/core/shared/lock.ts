import type {Actor} from '../events/index.js';
import type {SharedHandle} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkBoolean, checkName, checkTimeout} from '../util/validate.js';
import type {AcquireResult} from './broker/lock-table.js';
import {tryLock} from './memory/futex.js';
import {abandonedPidIndex, holderIndex, stateIndex, takeAbandoned} from './memory/lock-word.js';
import {releaseLock, takeLockSync} from './memory/memory-lock.js';
import {type Sleep, threadSleep} from './memory/sleep.js';
import {
	type Backend,
	type Home,
	homeOf,
	type RemoteOptions,
	type SharedOptions,
} from './options.js';
import {handleOf} from './value.js';

/** How `acquire()` waits. */
export type AcquireOptions = {
	/** false: answer at once (true if taken, false if held). Default true. */
	readonly block?: boolean;
	/** Give up after this many milliseconds and resolve false. Waits forever when omitted. */
	readonly timeoutMs?: number;
};

/**
 * A lock shared by processes and threads, like Python's `multiprocessing.Lock`: not re-entrant,
 * released by anyone. The owner's broker knows its process `holder` and its FIFO `waiters`; when a
 * holder dies holding it, the lock is released and the next acquirer finds `abandoned` set.
 * Threads take its futex word in shared memory directly (`acquireSync` blocks the thread), and so
 * do child processes where the native addon maps the owner's memory: unseen by the broker (the
 * owner samples the word for holders and waiters), and not served in FIFO order.
 */
export class Lock {
	readonly id: number;
	readonly name: string;
	readonly #home: Home;
	// In a thread (or a process sharing memory): the lock's futex words, the id it writes on them
	// while it holds the lock, and how it sleeps waiting for them.
	readonly #word: Int32Array | undefined;
	readonly #actorId: number;
	readonly #sleep: Sleep;
	#abandoned: {readonly name: string; readonly pid: number} | undefined;

	constructor(options: SharedOptions = {}) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		this.#actorId = home.kind === 'remote' ? (home.actorId ?? 0) : 0;
		this.#sleep = (home.kind === 'remote' ? home.sleep : undefined) ?? threadSleep;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.#word = home.lockWord;
			return;
		}
		this.#word = undefined;
		checkName('Lock()', options.name);
		const entry = home.orchestrator.shared.createLock(options.name);
		this.id = entry.id;
		this.name = entry.name;
	}

	/**
	 * Takes the lock. Resolves true once taken; false at once when `block` is false and it is
	 * held, or after `timeoutMs`.
	 */
	async acquire(options?: AcquireOptions): Promise<boolean> {
		// In memory, a plain acquire of a free lock is one compare-and-swap, as in acquireSync.
		const word = this.#word;
		if (options === undefined && word && tryLock(word, stateIndex)) {
			word[holderIndex] = this.#actorId;
			this.#abandoned = word[abandonedPidIndex] === 0 ? undefined : takeAbandoned(word);
			return true;
		}
		const {block = true, timeoutMs} = options ?? {};
		checkAcquire(this.name, 'acquire()', block, timeoutMs);
		const result = (await this.#home.access({
			op: 'acquire',
			id: this.id,
			block,
			timeoutMs,
		})) as AcquireResult;
		if (result.acquired) this.#abandoned = result.abandonedBy;
		return result.acquired;
	}

	/** Frees the lock; rejects with LockReleaseError when it is not held. */
	async release(): Promise<void> {
		const word = this.#word;
		if (word) return releaseLock(word, this.name, this.#sleep);
		await this.#home.access({op: 'release', id: this.id});
	}

	/** Runs `fn` holding the lock, and releases it however `fn` ends. */
	async with<T>(fn: () => T | Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await fn();
		} finally {
			await this.release();
		}
	}

	/**
	 * Takes the lock in a Thread (or a child process that shares memory), blocking it until the
	 * lock is free: true once taken; false at once when `block` is false and it is held, or after
	 * `timeoutMs`. Not in the owner: blocking its main thread would stop the broker.
	 */
	acquireSync(options?: AcquireOptions): boolean {
		const word = this.#threadWord('acquireSync()');
		// The common case first: a plain blocking acquire of a free lock is one compare-and-swap.
		if (options === undefined && tryLock(word, stateIndex)) {
			// A plain store: the owner reads the tag after the thread is gone, or when it samples.
			word[holderIndex] = this.#actorId;
			this.#abandoned = word[abandonedPidIndex] === 0 ? undefined : takeAbandoned(word);
			return true;
		}
		const {block = true, timeoutMs} = options ?? {};
		checkAcquire(this.name, 'acquireSync()', block, timeoutMs);
		const taken = takeLockSync(word, this.#actorId, block, timeoutMs, this.#sleep);
		if (taken.acquired) this.#abandoned = taken.abandonedBy;
		return taken.acquired;
	}

	/** Frees the lock in a Thread; throws LockReleaseError when it is not held. */
	releaseSync(): void {
		releaseLock(this.#threadWord('releaseSync()'), this.name, this.#sleep);
	}

	/** Runs `fn` holding the lock, in a Thread, and releases it however `fn` ends. */
	withSync<T>(fn: () => T): T {
		this.acquireSync();
		try {
			return fn();
		} finally {
			this.releaseSync();
		}
	}

	/**
	 * Set when the last acquire through this handle took the lock over from a holder that died
	 * holding it: the data it guards may be half-changed and need repair.
	 */
	get abandoned(): {readonly name: string; readonly pid: number} | undefined {
		return this.#abandoned;
	}

	/**
	 * Who holds the lock now; only in the owning process. A thread or a process that took it in
	 * shared memory is known as of the owner's last sample of the lock's word (a few times a second).
	 */
	get holder(): Actor | undefined {
		const entry = this.#entry();
		const holder = entry.holder ?? entry.sample.holderActor;
		return holder && {id: holder.id, name: holder.name, pid: holder.pid};
	}

	/**
	 * Who waits for the lock, first in line first; only in the owning process. Those that wait in
	 * shared memory follow, as of the last sample, in the order they were first seen.
	 */
	get waiters(): Actor[] {
		const entry = this.#entry();
		return [...entry.waiters.map(({actor}) => actor), ...entry.sample.waiterActors].map(
			(actor) => ({
				id: actor.id,
				name: actor.name,
				pid: actor.pid,
			}),
		);
	}

	/** How this lock travels in a task's args: to a process, or (with its word) to a thread. */
	toHandle(orchestrator: Orchestrator, backend: Backend = 'process'): SharedHandle {
		return handleOf(this.#home, orchestrator, backend, {
			procdashShared: 'lock',
			id: this.id,
			name: this.name,
		});
	}

	#threadWord(method: string): Int32Array {
		const word = this.#word;
		if (!word)
			throw new TypeError(
				`${this.name}.${method} works only in a Thread (it blocks the thread); elsewhere use await ${this.name}.${method.replace('Sync', '')}`,
			);
		return word;
	}

	#entry() {
		const home = this.#home;
		const entry = home.kind === 'owner' ? home.orchestrator.shared.lock(this.id) : undefined;
		if (!entry)
			throw new TypeError(
				`${this.name}: holder and waiters are only known in the process that owns the lock`,
			);
		return entry;
	}
}

function checkAcquire(
	name: string,
	method: string,
	block: unknown,
	timeoutMs: unknown,
): asserts timeoutMs is number | undefined {
	checkBoolean(`${name}.${method}`, 'block', block);
	if (timeoutMs === undefined) return;
	if (!block)
		throw new TypeError(`${name}.${method}: a timeout cannot be given to a non-blocking acquire`);
	checkTimeout(`${name}.${method}`, timeoutMs);
}
