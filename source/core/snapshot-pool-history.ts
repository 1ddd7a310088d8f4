import type {PoolRow} from './snapshot-pools.js';

/** A time series in fixed buckets, bounded: the last `queueHistory.length` buckets. */
export type PoolHistory = {
	/** The bucket (`at` / `queueHistory.bucketMs`, floored) of the last value. */
	readonly lastBucket: number;
	/** One value per bucket, oldest first. */
	readonly values: readonly number[];
};

/** The buckets of a pool's history: a quarter second each, the last 30 seconds kept. */
export const queueHistory = {bucketMs: 250, length: 120} as const;

/** A history with nothing in it yet. */
export const emptyHistory: PoolHistory = {lastBucket: 0, values: []};

/** Tasks per second over the last `windowMs` before `now` (bus time). */
export function tasksPerSecond(pool: PoolRow, now: number, windowMs = 2000): number {
	const buckets = Math.max(1, Math.round(windowMs / queueHistory.bucketMs));
	const nowBucket = Math.floor(now / queueHistory.bucketMs);
	const {lastBucket, values} = pool.completions;
	let sum = 0;
	for (let index = 0; index < values.length; index++) {
		const bucket = lastBucket - (values.length - 1 - index);
		if (bucket > nowBucket - buckets && bucket <= nowBucket) sum += values[index] ?? 0;
	}
	return sum / ((buckets * queueHistory.bucketMs) / 1000);
}

/** Items per second from the first task's start to the last task's end; 0 before any ended. */
export function averageTasksPerSecond(pool: PoolRow): number {
	if (pool.firstStartedAt === undefined || pool.lastDoneAt === undefined) return 0;
	const seconds = Math.max(0.001, (pool.lastDoneAt - pool.firstStartedAt) / 1000);
	return (pool.done + pool.failed) / seconds;
}

/** The queue depth of the last `width` buckets up to `now`, oldest first, for a sparkline. */
export function depthSeries(pool: PoolRow, now: number, width: number): number[] {
	const {lastBucket, values} = pool.queueDepth;
	if (values.length === 0) return [];
	const nowBucket = Math.floor(now / queueHistory.bucketMs);
	// The depth has not changed since the last event: it holds until now.
	const padding = Math.min(width, Math.max(0, nowBucket - lastBucket));
	const series = [...values, ...new Array<number>(padding).fill(pool.queued)];
	return series.slice(-width);
}

/**
 * Records the queue depth going from `previous` to `current` at `at`. Each bucket keeps the
 * highest depth seen in it, so a burst shows even when it drains within the bucket.
 */
// Buckets with no event held the depth from before, so the gap is filled with `previous`.
export function recordDepth(
	history: PoolHistory,
	at: number,
	previous: number,
	current: number,
): PoolHistory {
	const bucket = Math.floor(at / queueHistory.bucketMs);
	const values = [...history.values];
	const gap = values.length === 0 ? 1 : bucket - history.lastBucket;
	if (gap <= 0) {
		values[values.length - 1] = Math.max(values[values.length - 1] ?? 0, current);
	} else {
		for (let index = 1; index < Math.min(gap, queueHistory.length); index++) values.push(previous);
		values.push(Math.max(previous, current));
	}
	return {
		lastBucket: Math.max(bucket, history.lastBucket),
		values: values.slice(-queueHistory.length),
	};
}

/** Adds `count` finished items at `at`. */
export function addCompletions(history: PoolHistory, at: number, count: number): PoolHistory {
	const bucket = Math.floor(at / queueHistory.bucketMs);
	const values = [...history.values];
	const gap = values.length === 0 ? 1 : bucket - history.lastBucket;
	if (gap <= 0) {
		values[values.length - 1] = (values[values.length - 1] ?? 0) + count;
	} else {
		for (let index = 1; index < Math.min(gap, queueHistory.length); index++) values.push(0);
		values.push(count);
	}
	return {
		lastBucket: Math.max(bucket, history.lastBucket),
		values: values.slice(-queueHistory.length),
	};
}
