// Threads under a Lock at full tilt: 4 Threads × 1M read-then-write increments of a Value, each
// under lock.acquireSync(), beside the same loop on a bare futex mutex (Drepper's, "Futexes Are
// Tricky", mutex 2) on Atomics in 4 plain worker_threads with a plain Int32Array counter: what a
// mutex on shared memory costs with nothing of procdash around it. Both time their loops from a
// start line all four wait at to the last one's end, round by round.
import {Worker} from 'node:worker_threads';
import {createOrchestrator} from '../source/core/orchestrator/orchestrator.js';
import {type BenchRow, sampleOf} from './report.js';
import {rateOf, threadLockRound} from './shared.js';
import type {Span} from './tasks.js';

const workers = 4;
const times = 1_000_000;
const repeats = 3;

// Words: [0] the mutex (0 free, 1 held, 2 held with sleepers), [1] the counter, [2] arrivals.
const bareWorker = `
const {workerData, parentPort} = require('node:worker_threads');
const {words, count, times} = workerData;
const lock = () => {
	let c = Atomics.compareExchange(words, 0, 0, 1);
	if (c === 0) return;
	if (c !== 2) c = Atomics.exchange(words, 0, 2);
	while (c !== 0) {
		Atomics.wait(words, 0, 2);
		c = Atomics.exchange(words, 0, 2);
	}
};
const unlock = () => {
	if (Atomics.sub(words, 0, 1) !== 1) {
		Atomics.store(words, 0, 0);
		Atomics.notify(words, 0, 1);
	}
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
Atomics.add(words, 2, 1);
while (Atomics.load(words, 2) < count) {}
const start = now();
for (let done = 0; done < times; done++) {
	lock();
	words[1] = words[1] + 1;
	unlock();
}
parentPort.postMessage([start, now()]);
`;

async function bareRound(): Promise<number> {
	const words = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
	const spans = await Promise.all(
		Array.from(
			{length: workers},
			() =>
				new Promise<Span>((resolve, reject) => {
					const worker = new Worker(bareWorker, {
						eval: true,
						workerData: {words, count: workers, times},
					});
					worker.once('message', (span: Span) => {
						resolve(span);
						void worker.terminate();
					});
					worker.once('error', reject);
				}),
		),
	);
	if (words[1] !== workers * times) throw new Error(`bare mutex lost increments: ${words[1]}`);
	return rateOf(spans, workers * times);
}

/** Goal 6 of issue 18: ≥ 0.7× the bare mutex. */
export async function benchThreadLock(): Promise<BenchRow[]> {
	const orchestrator = createOrchestrator();
	const ours: number[] = [];
	const bare: number[] = [];
	try {
		for (let run = 0; run < repeats; run++) {
			ours.push(await threadLockRound(orchestrator, times));
			bare.push(await bareRound());
		}
	} finally {
		await orchestrator.stop({graceMs: 1000});
	}
	return [
		{
			figure: '4 threads × 1M increments under a Lock',
			unit: 'incs/s',
			direction: 'higher',
			procdash: sampleOf(ours),
			anchor: {name: 'a bare futex mutex on Atomics, 4 worker_threads', sample: sampleOf(bare)},
			goal: {text: '≥ 0.7×', bound: 0.7, on: 'ratio'},
			notes: [
				'procdash: a read-then-write of a Value under lock.acquireSync() in each Thread; the anchor: the same on a plain Int32Array under Drepper’s three-state mutex',
			],
		},
	];
}
