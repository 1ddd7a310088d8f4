// What the benchmarks' workers run: tasks so small that only procdash's own cost is measured.
import type {Lock} from '../source/core/shared/lock.js';
import type {Connection} from '../source/core/shared/sync/pipe.js';
import type {Queue} from '../source/core/shared/sync/queue.js';
import type {Value} from '../source/core/shared/value.js';

/** `x * x`, the trivial task of the pool benchmark (Python's is the same). */
export function square(x: number): number {
	return x * x;
}

/**
 * When the task function began to run, on the machine's monotonic clock (ms): comparable across
 * processes, which `performance.timeOrigin + now()` is not (each process fixes its origin with an
 * error of up to a millisecond or so).
 */
export function stamp(): number {
	return monotonicMs();
}

/** Nothing at all: a task whose whole cost is its process's start and exit. */
export function nothing(): void {}

/** A monotonic clock shared by every process and thread of the machine (CLOCK_MONOTONIC), in ms. */
export function monotonicMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** The interval a worker spent on its loop, by the monotonic clock. */
export type Span = readonly [start: number, end: number];

// The workers of a timed loop start together: each counts itself in and waits for the others, so
// that the loops overlap and their boot times stay out of the figure.
function barrierSync(arrived: Value, count: number): void {
	arrived.addSync(1);
	while ((arrived.value as number) < count) {
		// Spinning until every thread is at the start line.
	}
}

async function barrier(arrived: Value, count: number): Promise<void> {
	await arrived.add(1);
	while (((await arrived.get()) as number) < count) {
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}

/** In a thread: `times` read-then-write increments of `counter`, each under `lock`. */
export function incrementUnderLock(
	counter: Value,
	lock: Lock,
	arrived: Value,
	count: number,
	times: number,
): Span {
	barrierSync(arrived, count);
	const start = monotonicMs();
	for (let done = 0; done < times; done++) {
		lock.acquireSync();
		counter.value = (counter.value as number) + 1;
		lock.releaseSync();
	}
	return [start, monotonicMs()];
}

/** In a child process: `times` add(1), each awaited (one acknowledged round trip each). */
export async function ackedAdds(
	counter: Value,
	arrived: Value,
	count: number,
	times: number,
): Promise<Span> {
	await barrier(arrived, count);
	const start = monotonicMs();
	for (let done = 0; done < times; done++) await counter.add(1);
	return [start, monotonicMs()];
}

/**
 * In a child process: adds 1 to `counter` `perSecond` times a second for `seconds`, in bursts
 * every 10 ms issued without awaiting each add (only the burst's last).
 */
export async function hammer(counter: Value, perSecond: number, seconds: number): Promise<void> {
	const burst = Math.max(1, Math.round(perSecond / 100));
	const started = performance.now();
	for (let tick = 1; performance.now() - started < seconds * 1000; tick++) {
		let last: Promise<unknown> = Promise.resolve();
		for (let index = 0; index < burst; index++) last = counter.add(1);
		await last;
		const wait = started + tick * 10 - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
	}
}

/** In a child process or thread: puts 0 … n − 1 on `queue`, each awaited (acknowledged). */
export async function putRange(queue: Queue, n: number): Promise<void> {
	for (let index = 0; index < n; index++) await queue.put(index);
}

/** In a Thread: puts 0 … n − 1 with putSync. */
export function putRangeSync(queue: Queue, n: number): void {
	for (let index = 0; index < n; index++) queue.putSync(index);
}

/** In a child process: answers each message on `conn` with itself until it gets null. */
export async function pong(conn: Connection): Promise<void> {
	for (;;) {
		const message = await conn.recv();
		if (message === null) return;
		await conn.send(message);
	}
}

/**
 * In a child process: `times` read-then-write increments of `counter`, each under `lock`, with the
 * async API a task in a child uses (`await lock.acquire()`, `await counter.get()` …).
 */
export async function incrementUnderLockInProcess(
	counter: Value,
	lock: Lock,
	arrived: Value,
	count: number,
	times: number,
): Promise<Span> {
	await barrier(arrived, count);
	const start = monotonicMs();
	for (let done = 0; done < times; done++) {
		await lock.acquire();
		await counter.set(((await counter.get()) as number) + 1);
		await lock.release();
	}
	return [start, monotonicMs()];
}

/**
 * In a child process that shares the owner's memory: the same increments with the blocking API,
 * as Python's program writes them (`with lock: v.value += 1`).
 */
export async function incrementUnderLockSyncInProcess(
	counter: Value,
	lock: Lock,
	arrived: Value,
	count: number,
	times: number,
): Promise<Span> {
	await barrier(arrived, count);
	const start = monotonicMs();
	for (let done = 0; done < times; done++) {
		lock.acquireSync();
		counter.value = (counter.value as number) + 1;
		lock.releaseSync();
	}
	return [start, monotonicMs()];
}
