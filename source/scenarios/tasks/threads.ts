import type {Value} from '../../core/shared/value.js';

/**
 * In a Thread: adds 1 to `counter` for `ms`, straight on the shared memory (Atomics); returns
 * how many it added.
 */
export function addInThread(counter: Value, ms: number): number {
	const end = performance.now() + ms;
	let added = 0;
	while (performance.now() < end) {
		for (let step = 0; step < 1000; step++) counter.addSync(1);
		added += 1000;
	}
	return added;
}

/** In a child process: adds 1 to `counter` for `ms`, each add a round trip to the owner. */
export async function addOverIpc(counter: Value, ms: number): Promise<number> {
	const end = performance.now() + ms;
	let added = 0;
	while (performance.now() < end) {
		await counter.add(1);
		added++;
	}
	return added;
}
