import {availableParallelism} from 'node:os';
import type {TaskTarget} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkOutput, type OutputMode} from '../process/output.js';
import {checkTaskTarget} from '../process/task.js';
import {
	checkArray,
	checkObject,
	checkOneOf,
	checkSignal,
	checkTimeout,
	checkWholeNumber,
	refuse,
} from '../util/validate.js';
import {type RemoteOptions, type RemotePoolOptions, resolveRemote} from './bullmq/options.js';

/** Options of a Pool, as CPython's `Pool(processes, initializer, initargs, maxtasksperchild)`. */
export type PoolOptions = {
	/** Worker processes; the number of CPUs when omitted. */
	readonly processes?: number;
	/** A worker is replaced after this many tasks (a chunk counts as one); never when omitted. */
	readonly maxTasksPerChild?: number;
	/** Run once in each worker before it takes tasks, made with `task()`. */
	readonly initializer?: TaskTarget;
	/** Arguments of the initializer. */
	readonly initargs?: readonly unknown[];
	/** How many times a task lost with its worker is run again on another; 0 when omitted. */
	readonly retries?: number;
	/**
	 * At most this many tasks (chunks) wait in the queue for a worker; a call that would queue
	 * more rejects with PoolQueueFullError and queues nothing, as piscina's `maxQueue`. `'auto'`
	 * is `processes²` (piscina's too); no bound when omitted.
	 */
	readonly maxQueue?: number | 'auto';
	/**
	 * What the workers are: child processes (the default, `multiprocessing.Pool`), or worker
	 * threads of this process (`'thread'`, like `multiprocessing.pool.ThreadPool`, but with a
	 * JavaScript thread each, running in parallel).
	 */
	readonly backend?: PoolBackend;
	/**
	 * Where what the tasks print goes besides the workers' `process:output` events: `'inherit'`
	 * prints each line on this program's own stdout or stderr, `'capture'` does not; the
	 * orchestrator's `output` when omitted.
	 */
	readonly output?: OutputMode;
	/** The orchestrator that owns the workers; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
} & RemotePoolOptions;

/** What a pool's workers are: processes or threads of this machine, or `procdash worker`s reached through BullMQ. */
export type PoolBackend = 'process' | 'thread' | 'bullmq';

/** Options of `map`, `starmap`, `imap` and `imapUnordered`. */
export type MapOptions = {
	/** Items per task; CPython's rule (`ceil(len / (4 × processes))`) for map when omitted, 1 for imap. */
	readonly chunksize?: number;
	/** Overrides the pool's `retries` for this call. */
	readonly retries?: number;
	/**
	 * Cancels the call when it aborts: its queued tasks are dropped, its running ones stopped
	 * (their workers replaced), and the call rejects with an AbortError.
	 */
	readonly signal?: AbortSignal;
	/** Cancels the call as `signal` would once it has run this long, in milliseconds. */
	readonly timeoutMs?: number;
};

/** Options of `apply`. */
export type ApplyOptions = Pick<MapOptions, 'retries' | 'signal' | 'timeoutMs'>;

/** The options after validation, with the defaults filled in. */
export type ResolvedPoolOptions = {
	readonly processes: number;
	readonly maxTasksPerChild: number | undefined;
	readonly initializer: TaskTarget | undefined;
	readonly initargs: readonly unknown[];
	readonly retries: number;
	/** Infinity when there is no bound. */
	readonly maxQueue: number;
	readonly backend: PoolBackend;
	/** Undefined: the orchestrator's. */
	readonly output: OutputMode | undefined;
	/** Where a bullmq pool's jobs go; undefined for a local pool. */
	readonly remote: RemoteOptions | undefined;
};

/** Checks a Pool's options up front; throws TypeError or RangeError naming the option. */
export function resolvePoolOptions(options: PoolOptions): ResolvedPoolOptions {
	checkObject('Pool()', options);
	const backend = options.backend ?? 'process';
	checkOneOf('Pool()', 'backend', ['process', 'thread', 'bullmq'], backend);
	const remote = resolveRemote(options, backend);
	const {
		processes = remote ? remote.inFlight : availableParallelism(),
		maxTasksPerChild,
		initializer,
		initargs = [],
	} = options;
	checkOutput('Pool()', options.output);
	checkWholeNumber('Pool()', 'processes', processes, 1);
	if (maxTasksPerChild !== undefined)
		checkWholeNumber('Pool()', 'maxTasksPerChild', maxTasksPerChild, 1);
	if (initializer !== undefined) checkTaskTarget('Pool()', initializer, 'initializer');
	checkArray('Pool()', 'initargs', initargs);
	try {
		structuredClone(initargs);
	} catch (error) {
		throw new TypeError(
			`Pool(): initargs cannot be sent to a worker ${backend}: ${(error as Error).message}`,
		);
	}
	return {
		processes,
		maxTasksPerChild,
		initializer,
		initargs,
		retries: resolveRetries('Pool()', options.retries, 0),
		maxQueue: resolveMaxQueue(options.maxQueue, processes),
		backend,
		output: options.output,
		remote,
	};
}

/** `maxQueue` as a number of tasks: Infinity when omitted, `processes²` for 'auto'. */
function resolveMaxQueue(maxQueue: unknown, processes: number): number {
	if (maxQueue === undefined) return Number.POSITIVE_INFINITY;
	if (maxQueue === 'auto') return processes * processes;
	if (typeof maxQueue !== 'number')
		refuse('Pool()', 'maxQueue', "a whole number ≥ 0 or 'auto'", maxQueue);
	checkWholeNumber('Pool()', 'maxQueue', maxQueue, 0);
	return maxQueue;
}

/** Checks a call's `retries`; the pool's when omitted. */
export function resolveRetries(method: string, retries: unknown, fallback: number): number {
	if (retries === undefined) return fallback;
	checkWholeNumber(method, 'retries', retries, 0);
	return retries;
}

/**
 * Items per task: the one asked for, or CPython's rule for map (`divmod(len, 4 × processes)`,
 * rounded up, so a large map is a few dozen messages), or 1 for imap as in CPython.
 */
export function resolveChunksize(
	method: string,
	chunksize: unknown,
	fallback: {readonly items: number; readonly processes: number} | 1,
): number {
	if (chunksize !== undefined) {
		checkWholeNumber(method, 'chunksize', chunksize, 1);
		return chunksize;
	}
	if (fallback === 1) return 1;
	return Math.max(1, Math.ceil(fallback.items / (4 * fallback.processes)));
}

/** Checks a call's options: an object (or omitted), with a valid `signal` and `timeoutMs`. */
export function checkCallOptions(method: string, options: MapOptions | undefined): void {
	if (options === undefined) return;
	checkObject(method, options);
	checkSignal(method, options.signal);
	checkTimeout(method, options.timeoutMs);
}
