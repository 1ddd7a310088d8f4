import type {BusEvent, ErrorInfo, EventOf} from '../events/index.js';
import type {RemoteWorker} from '../events/pool.js';
import {addCompletions, emptyHistory, type PoolHistory, recordDepth} from './pool-history.js';

/** A pool worker as the dashboard shows it. */
export type PoolWorkerState = 'starting' | 'idle' | 'busy' | 'gone';

/** One worker process of a pool. */
export type PoolWorkerRow = {
	/** Its Process id: its row in the process panel. */
	readonly processId: number;
	readonly name: string;
	readonly pid: number | undefined;
	readonly state: PoolWorkerState;
	/** The task it is running, when busy. */
	readonly taskId: number | undefined;
	/** Tasks it finished (a chunk counts as one). */
	readonly tasksDone: number;
};

/** The last failed task of a pool. */
export type PoolFailure = {
	readonly taskId: number;
	readonly call: string;
	readonly first: number;
	readonly count: number;
	readonly worker: string;
	readonly error: ErrorInfo;
};

/** Where a bullmq pool's jobs go, and whether Redis answers. */
export type RemotePool = {
	readonly queue: string;
	/** The Redis URL, its password redacted. */
	readonly connection: string;
	/** `waiting`: Redis was lost and the pool waits for it. */
	readonly redis: 'connected' | 'waiting';
};

/** A `procdash worker` of a bullmq pool: `gone` once its heartbeat has expired (or it stopped). */
export type RemoteWorkerRow = Omit<RemoteWorker, 'state'> & {
	readonly kind: 'remote';
	readonly state: RemoteWorker['state'] | 'gone';
};

/** One pool, as of the last event. Counts are items (a chunk of 10 counts 10). */
export type PoolRow = {
	/** A bullmq pool's queue and Redis; undefined for a pool of this machine's processes or threads. */
	readonly remote: RemotePool | undefined;
	/** A bullmq pool's workers on other machines, as their heartbeats tell; empty for a local pool. */
	readonly remoteWorkers: readonly RemoteWorkerRow[];
	readonly id: number;
	readonly name: string;
	readonly state: 'running' | 'closed' | 'terminated' | 'broken';
	readonly processes: number;
	readonly maxTasksPerChild: number | null;
	/** Every worker it has had, in start order; replaced ones are `gone`. */
	readonly workers: readonly PoolWorkerRow[];
	/** Waiting for a worker: the queue depth. */
	readonly queued: number;
	readonly running: number;
	readonly done: number;
	readonly failed: number;
	/** Items run again after their worker died (`retries`). */
	readonly retried: number;
	/** Items that never ran or were stopped: the pool was terminated or broke, or their call was cancelled. */
	readonly cancelled: number;
	readonly deaths: number;
	readonly replacements: number;
	/** `at` of the first task start and of the last task end. */
	readonly firstStartedAt: number | undefined;
	readonly lastDoneAt: number | undefined;
	/** The highest queue depth in each bucket, for the sparkline. */
	readonly queueDepth: PoolHistory;
	/** Items finished in each bucket, for tasks per second. */
	readonly completions: PoolHistory;
	readonly lastFailure: PoolFailure | undefined;
	/** Why it was terminated or broke. */
	readonly closedReason: string | undefined;
};

/** Folds one event into the pools; the same array back when the event is not about a pool. */
export function reducePools(pools: readonly PoolRow[], event: BusEvent): readonly PoolRow[] {
	switch (event.type) {
		case 'pool:created':
			return [...pools, createdPool(event)];
		case 'pool:remote-workers':
			return update(pools, event.poolId, (pool) => ({
				remoteWorkers: remoteWorkers(pool.remoteWorkers, event.workers),
			}));
		case 'pool:redis':
			return update(pools, event.poolId, (pool) =>
				pool.remote ? {remote: {...pool.remote, redis: event.status}} : {},
			);
		case 'pool:task-queued':
			return update(pools, event.poolId, (pool) => ({
				queued: pool.queued + event.count,
				queueDepth: recordDepth(pool.queueDepth, event.at, pool.queued, pool.queued + event.count),
			}));
		case 'pool:task-started':
			return update(pools, event.poolId, (pool) => taskStarted(pool, event));
		case 'pool:task-done':
			return update(pools, event.poolId, (pool) => taskDone(pool, event));
		case 'pool:task-retried':
			return update(pools, event.poolId, (pool) => ({
				running: pool.running - event.count,
				queued: pool.queued + event.count,
				retried: pool.retried + event.count,
				queueDepth: recordDepth(pool.queueDepth, event.at, pool.queued, pool.queued + event.count),
			}));
		case 'pool:call-cancelled':
			return update(pools, event.poolId, (pool) => ({
				queued: pool.queued - event.queued,
				running: pool.running - event.running,
				cancelled: pool.cancelled + event.queued + event.running,
				queueDepth: recordDepth(pool.queueDepth, event.at, pool.queued, pool.queued - event.queued),
			}));
		case 'pool:worker-started':
			return update(pools, event.poolId, (pool) => ({
				workers: upsertWorker(pool.workers, event.processId, event.worker, {pid: event.pid}),
			}));
		case 'pool:worker-ready':
			return update(pools, event.poolId, (pool) => ({
				workers: updateWorker(pool.workers, event.processId, (worker) =>
					worker.state === 'starting' ? {state: 'idle'} : {},
				),
			}));
		case 'pool:worker-died':
			return update(pools, event.poolId, (pool) => ({
				deaths: pool.deaths + 1,
				workers: updateWorker(pool.workers, event.processId, () => gone),
			}));
		case 'pool:worker-replaced':
			return update(pools, event.poolId, (pool) => ({
				replacements: pool.replacements + 1,
				workers: upsertWorker(pool.workers, event.replacementId, event.replacement, {}),
			}));
		case 'pool:closed':
			return update(pools, event.poolId, (pool) => closed(pool, event));
		case 'process:exited':
			return workerExited(pools, event.id);
		default:
			return pools;
	}
}

const gone = {state: 'gone', taskId: undefined} as const;

// Remote workers gone are kept for a while, so that a vanished machine shows as gone, not as nothing.
const maxRemoteWorkers = 16;

function remoteWorkers(
	known: readonly RemoteWorkerRow[],
	heard: readonly RemoteWorker[],
): readonly RemoteWorkerRow[] {
	const key = (worker: {host: string; pid: number}) => `${worker.host}:${worker.pid}`;
	const now = new Set(heard.map(key));
	const left: RemoteWorkerRow[] = known
		.filter((worker) => !now.has(key(worker)))
		.map((worker) => ({...worker, state: 'gone', busy: 0}));
	const live: RemoteWorkerRow[] = heard.map((worker) => ({...worker, kind: 'remote'}));
	return [...live, ...left].slice(0, maxRemoteWorkers);
}

function createdPool(event: EventOf<'pool:created'>): PoolRow {
	return {
		remote: event.remote && {...event.remote, redis: 'connected'},
		remoteWorkers: [],
		id: event.poolId,
		name: event.pool,
		state: 'running',
		processes: event.processes,
		maxTasksPerChild: event.maxTasksPerChild,
		workers: [],
		queued: 0,
		running: 0,
		done: 0,
		failed: 0,
		retried: 0,
		cancelled: 0,
		deaths: 0,
		replacements: 0,
		firstStartedAt: undefined,
		lastDoneAt: undefined,
		queueDepth: emptyHistory,
		completions: emptyHistory,
		lastFailure: undefined,
		closedReason: undefined,
	};
}

function taskStarted(pool: PoolRow, event: EventOf<'pool:task-started'>): Partial<PoolRow> {
	return {
		queued: pool.queued - event.count,
		running: pool.running + event.count,
		firstStartedAt: pool.firstStartedAt ?? event.at,
		queueDepth: recordDepth(pool.queueDepth, event.at, pool.queued, pool.queued - event.count),
		workers: updateWorker(pool.workers, event.processId, () => ({
			state: 'busy',
			taskId: event.taskId,
		})),
	};
}

function taskDone(pool: PoolRow, event: EventOf<'pool:task-done'>): Partial<PoolRow> {
	return {
		running: pool.running - event.count,
		done: event.ok ? pool.done + event.count : pool.done,
		failed: event.ok ? pool.failed : pool.failed + event.count,
		lastDoneAt: event.at,
		completions: addCompletions(pool.completions, event.at, event.count),
		lastFailure:
			event.ok || !event.error
				? pool.lastFailure
				: {
						taskId: event.taskId,
						call: event.call,
						first: event.first,
						count: event.count,
						worker: event.worker,
						error: event.error,
					},
		// A worker that died is already gone; only a live one goes back to idle.
		workers: updateWorker(pool.workers, event.processId, (worker) =>
			worker.state === 'busy' && worker.taskId === event.taskId
				? {state: 'idle', taskId: undefined, tasksDone: worker.tasksDone + 1}
				: {},
		),
	};
}

function closed(pool: PoolRow, event: EventOf<'pool:closed'>): Partial<PoolRow> {
	const cancelled = event.cancelled ?? 0;
	if (event.how === 'closed') return {state: 'closed'};
	return {
		state: event.how,
		closedReason: event.reason,
		cancelled: pool.cancelled + cancelled,
		queued: 0,
		running: 0,
		queueDepth: recordDepth(pool.queueDepth, event.at, pool.queued, 0),
	};
}

function workerExited(pools: readonly PoolRow[], processId: number): readonly PoolRow[] {
	const pool = pools.find((row) => row.workers.some((worker) => worker.processId === processId));
	if (!pool) return pools;
	return update(pools, pool.id, (row) => ({
		workers: updateWorker(row.workers, processId, () => gone),
	}));
}

function update(
	pools: readonly PoolRow[],
	id: number,
	change: (pool: PoolRow) => Partial<PoolRow>,
): readonly PoolRow[] {
	return updateWhere(pools, (pool) => pool.id === id, change);
}

function upsertWorker(
	workers: readonly PoolWorkerRow[],
	processId: number,
	name: string,
	change: Partial<PoolWorkerRow>,
): readonly PoolWorkerRow[] {
	if (workers.some((worker) => worker.processId === processId)) {
		return updateWorker(workers, processId, () => change);
	}
	const worker: PoolWorkerRow = {
		processId,
		name,
		pid: undefined,
		state: 'starting',
		taskId: undefined,
		tasksDone: 0,
	};
	return [...workers, {...worker, ...change}];
}

function updateWorker(
	workers: readonly PoolWorkerRow[],
	processId: number,
	change: (worker: PoolWorkerRow) => Partial<PoolWorkerRow>,
): readonly PoolWorkerRow[] {
	return updateWhere(workers, (worker) => worker.processId === processId, change);
}

// A copy of `rows` with the first match changed; `rows` itself when nothing matches, so that an
// event about no known pool or worker leaves the snapshot as it was.
function updateWhere<Row extends object>(
	rows: readonly Row[],
	matches: (row: Row) => boolean,
	change: (row: Row) => Partial<Row>,
): readonly Row[] {
	const index = rows.findIndex(matches);
	if (index === -1) return rows;
	const next = [...rows];
	const row = next[index] as Row;
	next[index] = {...row, ...change(row)};
	return next;
}
