import {type PoolHistory, queueHistory} from './pool-history.js';
import type {PoolRow} from './pools.js';

/** Tasks per second over the last `windowMs` before `now` (bus time). */
export function tasksPerSecond(pool: PoolRow, now: number, windowMs = 2000): number {
	return perSecond(pool.completions, now, windowMs);
}

/**
 * What a history of counts per bucket (tasks done, items put) adds up to per second over the last
 * `windowMs` before `now` (bus time).
 */
export function perSecond(history: PoolHistory, now: number, windowMs = 2000): number {
	const buckets = Math.max(1, Math.round(windowMs / queueHistory.bucketMs));
	const nowBucket = Math.floor(now / queueHistory.bucketMs);
	const {lastBucket, values} = history;
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
	return levelSeries(pool.queueDepth, now, width, pool.queued);
}

/**
 * The last `width` buckets of a history of levels (a queue's depth) up to `now`, oldest first, for
 * a sparkline; `current` is the level now.
 */
export function levelSeries(
	history: PoolHistory,
	now: number,
	width: number,
	current: number,
): number[] {
	const {lastBucket, values} = history;
	if (values.length === 0) return [];
	const nowBucket = Math.floor(now / queueHistory.bucketMs);
	// The level has not changed since the last event: it holds until now.
	const padding = Math.min(width, Math.max(0, nowBucket - lastBucket));
	const series = [...values, ...new Array<number>(padding).fill(current)];
	return series.slice(-width);
}
