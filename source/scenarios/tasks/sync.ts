// What the children of the queue, pipe, barrier, semaphore and event presets run.
import {currentProcess} from '../../core/runtime/current.js';
import type {Barrier} from '../../core/shared/sync/barrier.js';
import type {Event} from '../../core/shared/sync/event.js';
import type {Connection} from '../../core/shared/sync/pipe.js';
import type {JoinableQueue} from '../../core/shared/sync/queue.js';
import type {Semaphore} from '../../core/shared/sync/semaphore.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts `count` jobs numbered from `first` as fast as the queue takes them; returns how many. */
export async function produceJobs(
	jobs: JoinableQueue,
	first: number,
	count: number,
): Promise<number> {
	for (let index = 0; index < count; index++) await jobs.put(first + index);
	console.log(`${currentProcess().name}: put ${count} jobs`);
	return count;
}

/**
 * Gets jobs until the sentinel null, working `ms` on each and marking each done (the sentinel
 * too); returns how many jobs it did.
 */
export async function consumeJobs(jobs: JoinableQueue, ms: number): Promise<number> {
	let done = 0;
	for (;;) {
		const job = await jobs.get();
		if (job === null) {
			await jobs.taskDone();
			console.log(`${currentProcess().name}: sentinel; did ${done} jobs`);
			return done;
		}
		await sleep(ms);
		await jobs.taskDone();
		done++;
	}
}

/** What the ping side of a ping-pong counts. */
export type PingResult = {readonly rounds: number; readonly ms: number; readonly wrong: number};

/**
 * Sends a number and waits for it back plus one, round after round for `durationMs`; then sends
 * the sentinel null. Returns the round trips, the time they took, and how many answers were wrong.
 */
export async function ping(end: Connection, durationMs: number): Promise<PingResult> {
	const started = performance.now();
	let rounds = 0;
	let wrong = 0;
	while (performance.now() - started < durationMs) {
		await end.send(rounds);
		if ((await end.recv()) !== rounds + 1) wrong++;
		rounds++;
	}
	const ms = performance.now() - started;
	await end.send(null);
	console.log(`ping: ${rounds} round trips in ${(ms / 1000).toFixed(2)} s`);
	return {rounds, ms, wrong};
}

/** Answers each number with itself plus one until the sentinel null; returns how many it answered. */
export async function pong(end: Connection): Promise<number> {
	let answered = 0;
	for (;;) {
		const message = await end.recv();
		if (message === null) return answered;
		await end.send((message as number) + 1);
		answered++;
	}
}

/** When a party reached the barrier and when it left it (wall clock, ms), and its index. */
export type Meeting = {readonly index: number; readonly arrivedAt: number; readonly leftAt: number};

/** Works `ms` (sleeps), then waits at the barrier for the others. */
export async function meetAt(barrier: Barrier, ms: number): Promise<Meeting> {
	await sleep(ms);
	const arrivedAt = Date.now();
	console.log(`${currentProcess().name}: at the barrier after ${ms} ms`);
	const index = await barrier.wait();
	const leftAt = Date.now();
	console.log(`${currentProcess().name}: through, index ${index}`);
	return {index, arrivedAt, leftAt};
}

/** Takes a permit of the semaphore, works `ms` inside, and gives it back. */
export async function useSlot(slots: Semaphore, ms: number): Promise<void> {
	await slots.with(async () => {
		console.log(`${currentProcess().name}: inside`);
		await sleep(ms);
	});
}

/** Waits for the start gun; returns when it went (wall clock, ms). */
export async function awaitStartGun(gun: Event): Promise<number> {
	await gun.wait();
	const goAt = Date.now();
	console.log(`${currentProcess().name}: go`);
	return goAt;
}
