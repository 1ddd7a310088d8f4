import {currentProcess} from '../../core/runtime/current.js';
import type {Lock} from '../../core/shared/lock.js';
import type {Value} from '../../core/shared/value.js';

/** An ordinary module variable: each process has its own copy, which is the lesson. */
export let ordinary = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holding the lock, sleeps `ms` and adds 1 to the shared value and to the ordinary variable. */
export async function countUnderLock(counter: Value, lock: Lock, ms: number): Promise<number> {
	await lock.with(async () => {
		await sleep(ms);
		await counter.add(1);
		ordinary += 1;
	});
	console.log(
		`${currentProcess().name}: shared counter now ${await counter.get()}, my ordinary variable is ${ordinary}`,
	);
	return ordinary;
}

/**
 * Counts this process in on `arrived` and waits until `line` processes are in, so that the rounds
 * run at the same time: started one after another (a process takes ~80 ms to boot), a short
 * round would be over before the next began, and lose nothing.
 */
async function startLine(arrived: Value, line: number): Promise<void> {
	await arrived.add(1);
	// A millisecond between looks: spinning would take the CPU from the processes still booting.
	while (((await arrived.get()) as number) < line) await sleep(1);
}

/**
 * The race preset's two rounds, run by each of `parties` processes: `times` read-modify-write
 * increments of `unlocked` (get, then set: updates get lost), then, once all are done, the same
 * increments of `locked`, each inside the lock (none is lost).
 */
export async function raceThenLock(
	unlocked: Value,
	locked: Value,
	lock: Lock,
	times: number,
	arrived: Value,
	parties: number,
): Promise<void> {
	await startLine(arrived, parties);
	for (let index = 0; index < times; index++) {
		const value = (await unlocked.get()) as number;
		await unlocked.set(value + 1);
	}
	await startLine(arrived, 2 * parties);
	for (let index = 0; index < times; index++) {
		await lock.with(async () => {
			const value = (await locked.get()) as number;
			await locked.set(value + 1);
		});
	}
}

/**
 * Takes `first`, waits until every party holds its first lock (`ready` counts them), then takes
 * `second`: with two parties taking the locks in opposite order, neither ever gets its second.
 */
export async function takeBoth(
	first: Lock,
	second: Lock,
	ready: Value,
	parties: number,
): Promise<string> {
	const self = currentProcess().name;
	await first.acquire();
	console.log(`${self}: holding ${first.name}, now reaching for ${second.name}`);
	await ready.add(1);
	while ((await ready.get()) < parties) await sleep(10);
	await second.acquire();
	console.log(
		`${self}: got ${second.name}${second.abandoned ? ` (abandoned by ${second.abandoned.name})` : ''}`,
	);
	await second.release();
	await first.release();
	return self;
}
