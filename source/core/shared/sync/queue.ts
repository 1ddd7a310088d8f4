import {QueueClosedError} from '../../errors.js';
import type {QueueKind} from '../../events/index.js';
import {checkBoolean, checkTimeout, checkWholeNumber} from '../../util/validate.js';
import type {SharedOptions} from '../options.js';
import {SyncObject} from './base.js';
import {unwireItem, wireItem} from './items.js';

/** How `put` and `get` wait. */
export type QueueWaitOptions = {
	/** false: answer at once (QueueFullError / QueueEmptyError instead of waiting). Default true. */
	readonly block?: boolean;
	/** Give up after this many milliseconds with QueueFullError / QueueEmptyError. */
	readonly timeoutMs?: number;
};

/** Options of Queue and JoinableQueue. */
export type QueueOptions = SharedOptions & {
	/** The most items it holds; 0 (the default) for no bound. */
	readonly maxsize?: number;
};

const classes: Record<QueueKind, string> = {
	queue: 'Queue',
	joinable: 'JoinableQueue',
	simple: 'SimpleQueue',
};

/**
 * A first-in, first-out queue shared by processes and threads, like Python's
 * `multiprocessing.Queue`. Its owner's broker keeps the items; `get` on an empty queue and `put`
 * on a full one wait (in line, first come first served), or throw QueueEmptyError /
 * QueueFullError without blocking or once `timeoutMs` runs out. A `put` resolves once the broker
 * holds the item: from then on it is not lost, whoever dies.
 */
export class Queue extends SyncObject {
	#closed = false;

	constructor(options: QueueOptions = {}, kind: QueueKind = 'queue') {
		const maxsize = options.maxsize ?? 0;
		super(
			classes[kind],
			options,
			() => {
				checkWholeNumber(`${classes[kind]}()`, 'maxsize', maxsize, 0);
				return {kind: 'queue', queue: kind, maxsize};
			},
			maxsize,
		);
	}

	/** The most items it holds; 0 for no bound. */
	get maxsize(): number {
		return this.fixedSize ?? 0;
	}

	/**
	 * Puts `item` at the end; waits while the queue is full (see QueueWaitOptions). Resolves once
	 * the item is safe: held by the broker (a bounded queue), or written to the channel toward it
	 * (an unbounded one, which takes every put), so that the producer's death loses nothing.
	 */
	async put(item: unknown, options: QueueWaitOptions = {}): Promise<void> {
		const {block, timeoutMs} = this.#check('put', options);
		const wired = wireItem(`${this.name}.put()`, item);
		// An unbounded queue takes every put: no need to wait for the broker to say so.
		if (this.maxsize === 0) await this.post('put', wired, block, timeoutMs);
		else await this.call('put', wired, block, timeoutMs);
	}

	/** Takes the first item; waits while the queue is empty (see QueueWaitOptions). */
	async get(options: QueueWaitOptions = {}): Promise<unknown> {
		const {block, timeoutMs} = this.#check('get', options);
		return unwireItem(await this.call('get', block, timeoutMs));
	}

	/** `put(item, {block: false})`. */
	putNowait(item: unknown): Promise<void> {
		return this.put(item, {block: false});
	}

	/** `get({block: false})`. */
	getNowait(): Promise<unknown> {
		return this.get({block: false});
	}

	/** `put` that blocks the Thread; only in a Thread. */
	putSync(item: unknown, options: QueueWaitOptions = {}): void {
		const {block, timeoutMs} = this.#check('put', options);
		const wired = wireItem(`${this.name}.putSync()`, item);
		if (this.maxsize === 0) this.postSync('put', wired, block, timeoutMs);
		else this.callSync('put', wired, block, timeoutMs);
	}

	/** `get` that blocks the Thread; only in a Thread. */
	getSync(options: QueueWaitOptions = {}): unknown {
		const {block, timeoutMs} = this.#check('get', options);
		return unwireItem(this.callSync('get', block, timeoutMs));
	}

	/** Items in the queue now (a moment later it may differ, as in Python). */
	async qsize(): Promise<number> {
		return (await this.call('qsize')) as number;
	}

	async empty(): Promise<boolean> {
		return (await this.call('empty')) as boolean;
	}

	async full(): Promise<boolean> {
		return (await this.call('full')) as boolean;
	}

	/**
	 * No more puts through this handle (they throw QueueClosedError), as Python's `close()`
	 * says no more data will be put by the current process. Gets go on.
	 */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.call('close');
	}

	#check(method: 'put' | 'get', {block = true, timeoutMs}: QueueWaitOptions) {
		const owner = `${this.name}.${method}()`;
		if (method === 'put' && this.#closed)
			throw new QueueClosedError(`${owner}: the queue was closed by this process`);
		checkBoolean(owner, 'block', block);
		checkTimeout(owner, timeoutMs);
		return {block, timeoutMs};
	}
}

/**
 * A Queue whose consumers mark each item done (`taskDone`), so that `join()` can wait until
 * every item put has been processed, like Python's `multiprocessing.JoinableQueue`.
 */
export class JoinableQueue extends Queue {
	constructor(options: QueueOptions = {}) {
		super(options, 'joinable');
	}

	/** One item got earlier is processed; throws RangeError when called more times than items were put. */
	async taskDone(): Promise<void> {
		await this.call('taskDone');
	}

	/** Resolves once every item put has been marked done. */
	async join(): Promise<void> {
		await this.call('join');
	}

	/** `taskDone` in a Thread (it answers at once). */
	taskDoneSync(): void {
		this.callSync('taskDone');
	}

	/** `join` that blocks the Thread; only in a Thread. */
	joinSync(): void {
		this.callSync('join');
	}
}

/** An unbounded queue with only `put`, `get`, `empty` and `close`, like Python's SimpleQueue. */
export class SimpleQueue extends Queue {
	constructor(options: SharedOptions = {}) {
		super(options, 'simple');
	}
}
