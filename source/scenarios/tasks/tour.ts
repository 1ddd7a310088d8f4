import {currentProcess} from '../../core/runtime/current.js';
import type {Lock} from '../../core/shared/lock.js';
import type {Event} from '../../core/shared/sync/event.js';
import type {Queue} from '../../core/shared/sync/queue.js';
import type {Value} from '../../core/shared/value.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tour's adders: wait for the `go` event (the start gun), then, while `round` is above 0,
 * take the lock, hold it `holdMs` (so that the others are seen waiting), add 1 to `counter`,
 * release it, put a line of news on the `news` queue, rest a moment, and queue up again. Returns how many times
 * it added, so that the tour can check that no addition was lost.
 */
// How long an adder rests between two turns with the lock.
const restMs = 50;

export async function addWhileTouring(
	counter: Value,
	lock: Lock,
	round: Value,
	holdMs: number,
	go: Event,
	news: Queue,
): Promise<number> {
	await go.wait();
	const me = currentProcess().name;
	let adds = 0;
	while (((await round.get()) as number) > 0) {
		await lock.with(async () => {
			await sleep(holdMs);
			await counter.add(1);
		});
		adds++;
		await news.put(`${me} added 1`);
		// A lock is not fair, in Python as here: a process that lets it go and comes straight back
		// takes it again before the waiter it woke is running, turn after turn. A rest between
		// turns lets the others have theirs.
		await sleep(restMs);
	}
	console.log(`${me}: the tour is over; I added ${adds}`);
	return adds;
}
