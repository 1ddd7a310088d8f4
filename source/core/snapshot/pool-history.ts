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
