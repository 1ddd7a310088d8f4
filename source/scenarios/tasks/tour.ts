import {currentProcess} from '../../core/runtime/current.js';
import type {Lock} from '../../core/shared/lock.js';
import type {Value} from '../../core/shared/value.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tour's adders: while `round` is above 0, takes the lock, holds it `holdMs` (so that the
 * others are seen waiting), adds 1 to `counter`, releases it, and queues up again. Returns how
 * many times it added, so that the tour can check that no addition was lost.
 */
export async function addWhileTouring(
	counter: Value,
	lock: Lock,
	round: Value,
	holdMs: number,
): Promise<number> {
	let adds = 0;
	while (((await round.get()) as number) > 0) {
		await lock.with(async () => {
			await sleep(holdMs);
			await counter.add(1);
		});
		adds++;
	}
	console.log(`${currentProcess().name}: the tour is over; I added ${adds}`);
	return adds;
}
