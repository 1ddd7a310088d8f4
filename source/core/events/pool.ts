import type {ErrorInfo} from './types.js';

/** How a pool stopped taking work. */
export type PoolEnding = 'closed' | 'terminated' | 'broken';

/** Why a pool worker was replaced. */
export type ReplacementReason = 'died' | 'max-tasks' | 'cancelled';

/** A `procdash worker` as a bullmq pool sees it. */
export type RemoteWorker = {
	readonly host: string;
	/** The pid of `procdash worker` on its host. */
	readonly pid: number;
	readonly concurrency: number;
	/** Chunks it is running. */
	readonly busy: number;
	/** How long ago its last heartbeat was, in milliseconds. */
	readonly heartbeatAgeMs: number;
	/** `stale`: silent for longer than its stalled interval (its jobs may be taken up by others). */
	readonly state: 'live' | 'stale';
};

/** What every pool event carries: which pool. */
type PoolRef = {
	readonly poolId: number;
	/** The pool's name, `Pool-N`. */
	readonly pool: string;
};

/** What every task event carries: which pool, which task, how many items. */
type TaskRef = PoolRef & {
	/** The pool's id of the task: one chunk of items (one item unless chunksize > 1). */
	readonly taskId: number;
	/** The call that queued it: `map`, `starmap`, `imap`, `imapUnordered` or `apply`. */
	readonly call: string;
	/** The index of its first item in the call's input (map, imap…); 0 for apply. */
	readonly first: number;
	/** Items in the task. */
	readonly count: number;
};

/** A worker process of a pool. */
type WorkerRef = {
	/** The worker's Process id (its row in the process panel). */
	readonly processId: number;
	/** The worker's name, `PoolWorker-N`. */
	readonly worker: string;
};

/**
 * The pool's events, part of the bus's EventMap. Task events are per task (chunk), never per
 * item, so that a map of 100,000 items with the default chunksize costs a handful of events.
 */
export type PoolEventMap = {
	'pool:created': PoolRef & {
		/** For a bullmq pool, the jobs it keeps on Redis at once; else its workers. */
		readonly processes: number;
		readonly maxTasksPerChild: number | null;
		/** A bullmq pool's queue, and its Redis URL with the password redacted; absent for a local pool. */
		readonly remote?: {readonly queue: string; readonly connection: string};
	};
	/**
	 * The procdash workers on a bullmq pool's queue, from their heartbeats, about once a second
	 * while the pool has work. A worker missing from the list has stopped or vanished (`gone`).
	 */
	'pool:remote-workers': PoolRef & {
		readonly workers: readonly RemoteWorker[];
	};
	/** A bullmq pool lost Redis (`waiting`: its calls wait) or has it back (`connected`). */
	'pool:redis': PoolRef & {
		readonly status: 'connected' | 'waiting';
		/** The Redis URL, its password redacted. */
		readonly connection: string;
	};
	/** `tasks` tasks holding `count` items joined the pool's queue (one map, imap or apply). */
	'pool:task-queued': PoolRef & {
		readonly tasks: number;
		readonly count: number;
	};
	/** A worker began a task. */
	'pool:task-started': TaskRef & WorkerRef;
	/** A task ended; `ms` is how long it ran in the worker (0 when the worker died). */
	'pool:task-done': TaskRef &
		WorkerRef & {
			readonly ok: boolean;
			readonly ms: number;
			readonly error?: ErrorInfo;
		};
	/** A task lost with its worker went back to the front of the queue (`retries`). */
	'pool:task-retried': TaskRef & {
		readonly attempt: number;
		readonly error: ErrorInfo;
	};
	/** A worker process is running; it takes tasks once `pool:worker-ready` follows. */
	'pool:worker-started': PoolRef & WorkerRef & {readonly pid: number};
	/** A worker listens for tasks (its initializer, if any, has run). */
	'pool:worker-ready': PoolRef & WorkerRef;
	/** A worker exited unasked; `taskId` is the task it was running, if any. */
	'pool:worker-died': PoolRef &
		WorkerRef & {
			readonly pid: number | undefined;
			readonly exitcode: number;
			readonly signal: NodeJS.Signals | null;
			readonly taskId: number | undefined;
			/** Tasks sent ahead to it that had not started: back in the queue. */
			readonly requeued: number;
		};
	/**
	 * A call was cancelled (its `signal` or `timeoutMs`): `queued` items of it were dropped before
	 * they ran, `running` items stopped with their workers, which are replaced.
	 */
	'pool:call-cancelled': PoolRef & {
		readonly call: string;
		readonly reason: string;
		readonly queued: number;
		readonly running: number;
	};
	/** A new worker takes the place of one that died, reached `maxTasksPerChild`, or was stopped with a cancelled call. */
	'pool:worker-replaced': PoolRef &
		WorkerRef & {
			readonly replacementId: number;
			readonly replacement: string;
			readonly reason: ReplacementReason;
		};
	/** The pool stopped taking work: `close()`, `terminate()`, or broken (why in `reason`). */
	'pool:closed': PoolRef & {
		readonly how: PoolEnding;
		readonly reason?: string;
		/** Items failed because the pool stopped before they ran (terminated or broken). */
		readonly cancelled?: number;
	};
};
