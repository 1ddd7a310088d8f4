import type {TaskTarget} from '../ipc/messages.js';
import {type Packed, unpack} from './pack.js';
import {ResultStream} from './stream.js';

/** One task: a chunk of a call's items, sent to a worker as one message. */
export type PoolTask = {
	/** Unique within the pool; the `taskId` of events and of WorkerDiedError. */
	readonly id: number;
	readonly job: PoolJob;
	/** The task's place among its call's tasks. */
	readonly ordinal: number;
	/** The index of its first item in the call's input. */
	readonly first: number;
	/** Its items; numbers may be packed (pack.ts), as they are sent. */
	readonly items: Packed;
	/** Times it was lost with its worker and run again. */
	attempts: number;
	/** When it was last sent to a worker (performance.now()). */
	sentAt: number;
};

/** What a call on the pool asks for, as a job is made of it. */
export type JobSpec = {
	/** The method called: `map()`, `starmap()`, `imap()`, `imapUnordered()` or `apply()`. */
	readonly method: string;
	readonly target: TaskTarget;
	readonly spread: boolean;
	readonly retries: number;
	/** Its items hold shared objects' handles. */
	readonly shared: boolean;
	/** Every item is a number. */
	readonly numbers?: boolean;
};

/**
 * One call on the pool (map, starmap, imap, imapUnordered, apply): what its tasks run, and where
 * their outcomes go.
 */
export abstract class PoolJob {
	/** The call that made it: `map`, `starmap`, `imap`, `imapUnordered` or `apply`. */
	readonly call: string;
	/** What each item is given to. */
	readonly target: TaskTarget;
	/** Call `target(...item)` rather than `target(item)`. */
	readonly spread: boolean;
	/** How many times a task lost with its worker is run again. */
	readonly retries: number;
	/** Its items hold shared objects' handles, which the worker turns back into proxies. */
	readonly shared: boolean;
	/** Every item is a number: the chunks may be cut from one packed copy of them. */
	readonly numbers: boolean;
	/** Tasks not yet settled; set when the tasks are made. */
	protected remaining = 0;
	#whenSettled: (() => void)[] = [];

	constructor({method, target, spread, retries, shared, numbers = false}: JobSpec) {
		this.call = method.replace(/\(\)$/, '');
		this.target = target;
		this.spread = spread;
		this.retries = retries;
		this.shared = shared;
		this.numbers = numbers;
	}

	/**
	 * Makes the call's tasks: `items` cut into chunks of `chunksize`, each made by `cut` (a slice
	 * unless told otherwise).
	 */
	tasks(
		items: readonly unknown[],
		chunksize: number,
		nextId: () => number,
		cut: (items: readonly unknown[], start: number, end: number) => Packed = slice,
	): PoolTask[] {
		const tasks: PoolTask[] = [];
		for (let first = 0; first < items.length; first += chunksize) {
			tasks.push({
				id: nextId(),
				job: this,
				ordinal: tasks.length,
				first,
				items: cut(items, first, Math.min(items.length, first + chunksize)),
				attempts: 0,
				sentAt: 0,
			});
		}
		this.remaining = tasks.length;
		this.started(items.length);
		return tasks;
	}

	/** Calls `callback` once the call has settled: resolved, rejected, or its stream ended. */
	whenSettled(callback: () => void): void {
		this.#whenSettled.push(callback);
	}

	/** The call has settled: tells whoever asked, once. */
	protected ended(): void {
		for (const callback of this.#whenSettled.splice(0)) callback();
	}

	/** A task's values arrived. */
	abstract succeed(task: PoolTask, values: Packed): void;
	/** A task failed: it threw, its worker died, or the pool was terminated. */
	abstract fail(task: PoolTask, error: Error): void;
	/** The call has `count` items; called once, before any outcome. */
	protected abstract started(count: number): void;
}

function slice(items: readonly unknown[], start: number, end: number): readonly unknown[] {
	return items.slice(start, end);
}

/** map, starmap and apply: every value in input order, or the first failure. */
export class CollectJob extends PoolJob {
	/** Resolves with the values in input order; rejects with the first task's error to arrive. */
	readonly promise: Promise<unknown[]>;
	#results: unknown[] = [];
	#settled = false;
	#resolve!: (values: unknown[]) => void;
	#reject!: (error: Error) => void;

	constructor(spec: JobSpec) {
		super(spec);
		this.promise = new Promise((resolve, reject) => {
			this.#resolve = resolve;
			this.#reject = reject;
		});
	}

	protected started(count: number): void {
		this.#results = new Array(count);
		if (count === 0) this.#finish();
	}

	// Packed numbers are copied straight from their Float64Array: no array is made in between.
	// The loop keeps to locals: a first big map runs it in the interpreter, where each private
	// field read would cost as much again.
	succeed(task: PoolTask, values: Packed): void {
		if (this.#settled) return;
		const results = this.#results;
		const {first} = task;
		for (let index = 0; index < values.length; index++) results[first + index] = values[index];
		if (--this.remaining === 0) this.#finish();
	}

	// CPython's MapResult fails the whole call at the first error; the call's other tasks still
	// run to the end in the pool, and their outcomes are on the bus.
	fail(_task: PoolTask, error: Error): void {
		if (this.#settled) return;
		this.#settled = true;
		this.#results = [];
		this.#reject(error);
		this.ended();
	}

	#finish(): void {
		this.#settled = true;
		this.#resolve(this.#results);
		this.ended();
	}
}

/** imap and imapUnordered: values as an async iterable, in input or in completion order. */
export class StreamJob extends PoolJob {
	/** What the caller iterates. */
	readonly stream = new ResultStream<unknown>();
	readonly #ordered: boolean;
	// Outcomes that came before their turn (imap only), by task ordinal.
	readonly #early = new Map<number, {values: readonly unknown[]} | {error: Error}>();
	#nextOrdinal = 0;

	constructor(spec: JobSpec, ordered: boolean) {
		super(spec);
		this.#ordered = ordered;
	}

	protected started(count: number): void {
		if (count === 0) this.#end();
	}

	succeed(task: PoolTask, values: Packed): void {
		this.#settle(task, {values: unpack(values)});
	}

	fail(task: PoolTask, error: Error): void {
		this.#settle(task, {error});
	}

	#settle(task: PoolTask, outcome: {values: readonly unknown[]} | {error: Error}): void {
		if (!this.#ordered) {
			this.#deliver(outcome);
			return;
		}
		this.#early.set(task.ordinal, outcome);
		for (
			let next = this.#early.get(this.#nextOrdinal);
			next;
			next = this.#early.get(this.#nextOrdinal)
		) {
			this.#early.delete(this.#nextOrdinal++);
			this.#deliver(next);
		}
	}

	#deliver(outcome: {values: readonly unknown[]} | {error: Error}): void {
		if ('error' in outcome) {
			this.stream.fail(outcome.error);
			this.ended();
			return;
		}
		this.stream.push(outcome.values);
		if (--this.remaining === 0) this.#end();
	}

	#end(): void {
		this.stream.end();
		this.ended();
	}
}
