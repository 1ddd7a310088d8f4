import {DaemonError, PoolStateError} from '../errors.js';
import type {TaskTarget} from '../ipc/messages.js';
import {defaultOrchestrator, hostOf} from '../orchestrator/orchestrator.js';
import {checkTaskTarget} from '../process/task.js';
import {currentProcess} from '../runtime/current.js';
import {checkArray} from '../util/validate.js';
import {CollectJob, type PoolJob, StreamJob} from './jobs.js';
import {
	type ApplyOptions,
	checkCallOptions,
	type MapOptions,
	type PoolBackend,
	type PoolOptions,
	resolveChunksize,
	resolvePoolOptions,
	resolveRetries,
} from './options.js';
import {PoolScheduler, type PoolState} from './scheduler.js';

/**
 * A pool of worker processes (or, with `backend: 'thread'`, worker threads) fed from a queue,
 * modelled on Python's `multiprocessing.Pool`:
 * `map`, `starmap`, `imap`, `imapUnordered`, `apply`, `close`, `join`, `terminate`. Unlike
 * CPython's, a worker that dies mid-task fails that task with a WorkerDiedError (or runs it again,
 * with `retries`) and is replaced; nothing waits forever.
 *
 * @example
 * await using pool = new Pool({processes: 4});
 * await pool.map(task(new URL('./tasks.js', import.meta.url), 'square'), [1, 2, 3]); // [1, 4, 9]
 */
export class Pool implements AsyncDisposable {
	/** Unique in this program; the key of this pool in events and snapshots. */
	readonly id: number;
	/** `Pool-N`. */
	readonly name: string;
	/** How many workers the pool keeps. */
	readonly processes: number;
	/** What its workers are: `process` or `thread`. */
	readonly backend: PoolBackend;
	readonly #scheduler: PoolScheduler;
	readonly #retries: number;

	constructor(options: PoolOptions = {}) {
		const resolved = resolvePoolOptions(options);
		// A daemon may not have child processes; threads are its own.
		if (resolved.backend === 'process' && currentProcess().daemon) throw new DaemonError();
		const orchestrator = options.orchestrator ?? defaultOrchestrator();
		this.id = hostOf(orchestrator).count('Pool');
		this.name = `Pool-${this.id}`;
		this.processes = resolved.processes;
		this.backend = resolved.backend;
		this.#retries = resolved.retries;
		if (resolved.processes > orchestrator.maxProcesses) {
			throw new RangeError(
				`Pool(): processes must be at most the orchestrator's maxProcesses (${orchestrator.maxProcesses}), got ${resolved.processes}`,
			);
		}
		this.#scheduler = new PoolScheduler(resolved, orchestrator, this.id, this.name);
	}

	/** running, closed (no new work), terminated, or broken (its workers cannot start). */
	get state(): PoolState {
		return this.#scheduler.state;
	}

	/**
	 * Calls `target(item)` for every item in worker processes; resolves with the values in input
	 * order, whatever order they finish in. Rejects with the first error a task throws (its
	 * class, message and the child's stack), or a WorkerDiedError.
	 */
	async map<R = unknown>(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): Promise<R[]> {
		return (await this.#collect('map()', target, items, options, false)) as R[];
	}

	/** Like `map`, with each item an array of arguments: `target(...item)`. */
	async starmap<R = unknown>(
		target: TaskTarget,
		items: Iterable<Iterable<unknown>>,
		options?: MapOptions,
	): Promise<R[]> {
		return (await this.#collect('starmap()', target, items, options, true)) as R[];
	}

	/**
	 * Like `map`, as an async iterable: values in input order as soon as they can be; a failure
	 * comes after the values before it. `chunksize` is 1 unless given, as in CPython.
	 */
	imap<R = unknown>(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<R> {
		return this.#stream('imap()', target, items, options, true) as AsyncIterableIterator<R>;
	}

	/** Like `imap`, in the order the tasks finish. */
	imapUnordered<R = unknown>(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<R> {
		return this.#stream(
			'imapUnordered()',
			target,
			items,
			options,
			false,
		) as AsyncIterableIterator<R>;
	}

	/** Calls `target(...args)` in a worker; resolves with what it returns. */
	async apply<R = unknown>(
		target: TaskTarget,
		args: readonly unknown[] = [],
		options?: ApplyOptions,
	): Promise<R> {
		checkCallOptions('apply()', options);
		checkArray('apply()', 'args', args);
		const job = new CollectJob(
			'apply()',
			checkTarget('apply()', target),
			true,
			resolveRetries('apply()', options?.retries, this.#retries),
		);
		this.#submit('apply()', job, [args], 1);
		const [value] = await job.promise;
		return value as R;
	}

	/** No new work: a map after it rejects "Pool not running". Workers exit once the queue drains. */
	close(): void {
		this.#scheduler.close();
	}

	/** After `close()` or `terminate()`: resolves once every task is done and every worker has exited. */
	async join(): Promise<void> {
		if (this.#scheduler.state === 'running') {
			throw new PoolStateError(
				`${this.name} is still running: call close() or terminate() before join()`,
			);
		}
		await this.#scheduler.idle();
	}

	/** Stops the workers now (SIGTERM, then SIGKILL after 1 s); outstanding tasks reject with PoolTerminatedError. */
	terminate(): Promise<void> {
		return this.#scheduler.terminate();
	}

	/** `await using pool = new Pool()` terminates the pool at the end of the block, like Python's `with`. */
	[Symbol.asyncDispose](): Promise<void> {
		return this.terminate();
	}

	async #collect(
		method: string,
		target: TaskTarget,
		items: Iterable<unknown>,
		options: MapOptions | undefined,
		spread: boolean,
	): Promise<unknown[]> {
		checkCallOptions(method, options);
		const job = new CollectJob(
			method,
			checkTarget(method, target),
			spread,
			resolveRetries(method, options?.retries, this.#retries),
		);
		const list = toList(method, items, spread);
		const chunksize = resolveChunksize(method, options?.chunksize, {
			items: list.length,
			processes: this.processes,
		});
		this.#submit(method, job, list, chunksize);
		return job.promise;
	}

	// imap's errors (bad options, a closed pool) come out of the iteration, never out of the
	// call, so that `for await (… of pool.imap(…))` meets every failure in one place.
	#stream(
		method: string,
		target: TaskTarget,
		items: Iterable<unknown>,
		options: MapOptions | undefined,
		ordered: boolean,
	): AsyncIterableIterator<unknown> {
		let job: StreamJob | undefined;
		try {
			checkCallOptions(method, options);
			job = new StreamJob(
				method,
				checkTarget(method, target),
				false,
				resolveRetries(method, options?.retries, this.#retries),
				ordered,
			);
			this.#submit(
				method,
				job,
				toList(method, items, false),
				resolveChunksize(method, options?.chunksize, 1),
			);
			return job.stream;
		} catch (error) {
			const failed = job ?? new StreamJob(method, target, false, 0, ordered);
			failed.stream.fail(error);
			return failed.stream;
		}
	}

	#submit(method: string, job: PoolJob, items: readonly unknown[], chunksize: number): void {
		const state = this.#scheduler.state;
		if (state !== 'running') {
			const why =
				state === 'broken' ? `: ${this.#scheduler.failure?.message}` : ` (it was ${state})`;
			throw new PoolStateError(`Pool not running: ${method} on ${this.name}${why}`);
		}
		this.#scheduler.submit(job, items, chunksize);
	}
}

function checkTarget(method: string, target: unknown): TaskTarget {
	checkTaskTarget(method, target);
	return target;
}

function toList(method: string, items: unknown, spread: boolean): unknown[] {
	if (!isIterable(items)) {
		throw new TypeError(
			`${method}: items must be iterable, got ${items === null ? 'null' : typeof items}`,
		);
	}
	// The tasks copy their slices at once, so an array the caller changes later is no concern.
	const list = Array.isArray(items) ? items : Array.from(items);
	if (!spread) return list;
	return list.map((args, index) => {
		if (!isIterable(args) || typeof args === 'string') {
			throw new TypeError(
				`${method}: item ${index} must be an array of arguments, got ${typeof args}`,
			);
		}
		return Array.from(args);
	});
}

function isIterable(value: unknown): value is Iterable<unknown> {
	return (
		value !== null &&
		value !== undefined &&
		typeof (value as {[Symbol.iterator]?: unknown})[Symbol.iterator] === 'function'
	);
}
