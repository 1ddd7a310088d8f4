import {DaemonError, PoolStateError} from '../errors.js';
import type {TaskFunction, TaskTarget} from '../ipc/messages.js';
import {defaultOrchestrator, hostOf, type Orchestrator} from '../orchestrator/orchestrator.js';
import {checkTaskTarget} from '../process/task.js';
import type {
	NotGiven,
	StarmapItem,
	TaskArgs,
	TaskItem,
	TaskResult,
	Unchecked,
} from '../process/task-types.js';
import {currentProcess} from '../runtime/current.js';
import {encodeShared} from '../shared/handles.js';
import {checkArray} from '../util/validate.js';
import {BullmqDispatcher} from './bullmq/dispatcher.js';
import {watchCancel} from './cancel.js';
import type {PoolEngine, PoolState} from './engine.js';
import {callItems} from './items.js';
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
import {PoolScheduler} from './scheduler.js';

/** What follows a typed task in `apply()`: its arguments (optional when it needs none), options. */
type ApplyRest<F extends TaskFunction> =
	[] extends TaskArgs<F>
		? [args?: TaskArgs<F>, options?: ApplyOptions]
		: [args: TaskArgs<F>, options?: ApplyOptions];

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
	/**
	 * How many workers the pool keeps; for a bullmq pool, how many jobs (chunks) it keeps on Redis
	 * at once (its workers are other machines', and come and go).
	 */
	readonly processes: number;
	/** What its workers are: `process`, `thread`, or `bullmq` (procdash workers on other machines). */
	readonly backend: PoolBackend;
	readonly #scheduler: PoolEngine;
	readonly #retries: number;
	readonly #orchestrator: Orchestrator;

	constructor(options: PoolOptions = {}) {
		const resolved = resolvePoolOptions(options);
		// A daemon may not have child processes; threads are its own.
		if (resolved.backend === 'process' && currentProcess().daemon) throw new DaemonError();
		const orchestrator = options.orchestrator ?? defaultOrchestrator();
		this.#orchestrator = orchestrator;
		const local = resolved.backend !== 'bullmq';
		// Each worker is sent its initargs as it starts: one it cannot be sent is refused now.
		if (local) encodeShared(resolved.initargs, orchestrator, resolved.backend, 'Pool(): initargs');
		if (local && resolved.processes > orchestrator.maxProcesses) {
			throw new RangeError(
				`Pool(): processes must be at most the orchestrator's maxProcesses (${orchestrator.maxProcesses}), got ${resolved.processes}`,
			);
		}
		this.id = hostOf(orchestrator).count('Pool');
		this.name = `Pool-${this.id}`;
		this.processes = resolved.processes;
		this.backend = resolved.backend;
		this.#retries = resolved.retries;
		this.#scheduler = local
			? new PoolScheduler(resolved, orchestrator, this.id, this.name)
			: new BullmqDispatcher(resolved, orchestrator, this.id, this.name);
	}

	/** running, closed (no new work), terminated, or broken (its workers cannot start). */
	get state(): PoolState {
		return this.#scheduler.state;
	}

	/**
	 * Calls `target(item)` for every item in worker processes; resolves with the values in input
	 * order, whatever order they finish in. Rejects with the first error a task throws (its
	 * class, message and the child's stack), or a WorkerDiedError. A typed task (`task<F>()`)
	 * checks the items against its function and gives its results; `map<R>(…)` says the result
	 * type of any task, unchecked.
	 */
	map<R = NotGiven, F extends TaskFunction = TaskFunction>(
		target: TaskTarget<F> & Unchecked<R, F>,
		items: Iterable<unknown>,
		options?: MapOptions,
	): Promise<R[]>;
	map<F extends TaskFunction>(
		target: TaskTarget<F>,
		items: Iterable<TaskItem<F>>,
		options?: MapOptions,
	): Promise<TaskResult<F>[]>;
	async map(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): Promise<unknown[]> {
		return this.#collect('map()', target, items, options, false);
	}

	/** Like `map`, with each item an array of arguments: `target(...item)`. */
	starmap<R = NotGiven, F extends TaskFunction = TaskFunction>(
		target: TaskTarget<F> & Unchecked<R, F>,
		items: Iterable<Iterable<unknown>>,
		options?: MapOptions,
	): Promise<R[]>;
	starmap<F extends TaskFunction>(
		target: TaskTarget<F>,
		items: Iterable<StarmapItem<F>>,
		options?: MapOptions,
	): Promise<TaskResult<F>[]>;
	async starmap(
		target: TaskTarget,
		items: Iterable<Iterable<unknown>>,
		options?: MapOptions,
	): Promise<unknown[]> {
		return this.#collect('starmap()', target, items, options, true);
	}

	/**
	 * Like `map`, as an async iterable: values in input order as soon as they can be; a failure
	 * comes after the values before it. `chunksize` is 1 unless given, as in CPython.
	 */
	imap<R = NotGiven, F extends TaskFunction = TaskFunction>(
		target: TaskTarget<F> & Unchecked<R, F>,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<R>;
	imap<F extends TaskFunction>(
		target: TaskTarget<F>,
		items: Iterable<TaskItem<F>>,
		options?: MapOptions,
	): AsyncIterableIterator<TaskResult<F>>;
	imap(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<unknown> {
		return this.#stream('imap()', target, items, options, true);
	}

	/** Like `imap`, in the order the tasks finish. */
	imapUnordered<R = NotGiven, F extends TaskFunction = TaskFunction>(
		target: TaskTarget<F> & Unchecked<R, F>,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<R>;
	imapUnordered<F extends TaskFunction>(
		target: TaskTarget<F>,
		items: Iterable<TaskItem<F>>,
		options?: MapOptions,
	): AsyncIterableIterator<TaskResult<F>>;
	imapUnordered(
		target: TaskTarget,
		items: Iterable<unknown>,
		options?: MapOptions,
	): AsyncIterableIterator<unknown> {
		return this.#stream('imapUnordered()', target, items, options, false);
	}

	/** Calls `target(...args)` in a worker; resolves with what it returns. */
	apply<R = NotGiven, F extends TaskFunction = TaskFunction>(
		target: TaskTarget<F> & Unchecked<R, F>,
		args?: readonly unknown[],
		options?: ApplyOptions,
	): Promise<R>;
	apply<F extends TaskFunction>(
		target: TaskTarget<F>,
		...rest: ApplyRest<F>
	): Promise<TaskResult<F>>;
	async apply(
		target: TaskTarget,
		args: readonly unknown[] = [],
		options?: ApplyOptions,
	): Promise<unknown> {
		const method = 'apply()';
		checkCallOptions(method, options);
		checkArray(method, 'args', args);
		checkTaskTarget(method, target);
		const {items, shared} = callItems(method, [args], true, this.#orchestrator, this.backend);
		const job = new CollectJob({
			method,
			target,
			spread: true,
			retries: resolveRetries(method, options?.retries, this.#retries),
			shared,
		});
		this.#submit(method, job, items, 1, options);
		const [value] = await job.promise;
		return value;
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
		checkTaskTarget(method, target);
		const call = callItems(method, items, spread, this.#orchestrator, this.backend);
		const job = new CollectJob({
			method,
			target,
			spread,
			retries: resolveRetries(method, options?.retries, this.#retries),
			shared: call.shared,
			numbers: call.numbers,
		});
		const chunksize = resolveChunksize(method, options?.chunksize, {
			items: call.items.length,
			processes: this.processes,
		});
		this.#submit(method, job, call.items, chunksize, options);
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
			checkTaskTarget(method, target);
			const call = callItems(method, items, false, this.#orchestrator, this.backend);
			job = new StreamJob(
				{
					method,
					target,
					spread: false,
					retries: resolveRetries(method, options?.retries, this.#retries),
					shared: call.shared,
					numbers: call.numbers,
				},
				ordered,
			);
			this.#submit(
				method,
				job,
				call.items,
				resolveChunksize(method, options?.chunksize, 1),
				options,
			);
			return job.stream;
		} catch (error) {
			const failed =
				job ?? new StreamJob({method, target, spread: false, retries: 0, shared: false}, ordered);
			failed.stream.fail(error);
			return failed.stream;
		}
	}

	// The call's signal and timeoutMs are watched until it settles.
	#submit(
		method: string,
		job: PoolJob,
		items: readonly unknown[],
		chunksize: number,
		options: MapOptions | undefined,
	): void {
		const state = this.#scheduler.state;
		if (state !== 'running') {
			const why =
				state === 'broken' ? `: ${this.#scheduler.failure?.message}` : ` (it was ${state})`;
			throw new PoolStateError(`Pool not running: ${method} on ${this.name}${why}`);
		}
		const stop = watchCancel(method, this.name, options, (error) =>
			this.#scheduler.cancel(job, error),
		);
		job.whenSettled(stop);
		try {
			this.#scheduler.submit(job, items, chunksize);
		} catch (error) {
			stop();
			throw error;
		}
	}
}
