// Shared state under contention: 4 threads × 10,000 increments under a Lock beside Python's
// Value('i') with its lock in 4 processes; and 4 processes × 10,000 acknowledged add(1) beside raw
// IPC round trips (json and advanced serialization). Each side times its workers' loops alone,
// from a start line they all wait at to the last one's end, on the machine's monotonic clock.
import {fork} from 'node:child_process';
import {createOrchestrator, type Orchestrator} from '../source/core/orchestrator.js';
import {Process} from '../source/core/process.js';
import {Lock} from '../source/core/shared/lock.js';
import {Value} from '../source/core/shared/value.js';
import {task} from '../source/core/task.js';
import {Thread} from '../source/core/thread.js';
import {runPython} from './python.js';
import {type BenchRow, sampleOf} from './report.js';
import type {Span} from './tasks.js';

const workers = 4;
const times = 10_000;
const repeats = 7;
const tasks = new URL('./tasks.js', import.meta.url);

const pythonLocked = `
import json, multiprocessing, sys, time
def work(counter, arrived, count, times, spans):
    with arrived.get_lock():
        arrived.value += 1
    while arrived.value < count:
        pass
    start = time.monotonic()
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1
    spans.put((start, time.monotonic()))
if __name__ == '__main__':
    count, times, repeats = (int(arg) for arg in sys.argv[1:4])
    context = multiprocessing.get_context('fork')
    rates = []
    for _ in range(repeats):
        counter, arrived, spans = context.Value('i', 0), context.Value('i', 0), context.Queue()
        procs = [context.Process(target=work, args=(counter, arrived, count, times, spans)) for _ in range(count)]
        for p in procs: p.start()
        got = [spans.get() for _ in procs]
        for p in procs: p.join()
        assert counter.value == count * times
        rates.append(count * times / (max(e for _, e in got) - min(s for s, _ in got)))
    print(json.dumps(rates))
`;

/** Increments per second of the spans' union: all the work over the time from first start to last end. */
function rateOf(spans: readonly Span[], operations: number): number {
	const start = Math.min(...spans.map(([begin]) => begin));
	const end = Math.max(...spans.map(([, finish]) => finish));
	return operations / ((end - start) / 1000);
}

async function threadLockRates(orchestrator: Orchestrator): Promise<number[]> {
	const rates: number[] = [];
	for (let run = 0; run < repeats; run++) {
		const counter = new Value('i', 0, {orchestrator});
		const arrived = new Value('i', 0, {orchestrator});
		const lock = new Lock({orchestrator});
		const threads = Array.from(
			{length: workers},
			() =>
				new Thread({
					target: task(tasks, 'incrementUnderLock'),
					args: [counter, lock, arrived, workers, times],
					orchestrator,
				}),
		);
		for (const thread of threads) await thread.start();
		await Promise.all(threads.map((thread) => thread.join()));
		if (counter.value !== workers * times) throw new Error(`lost increments: ${counter.value}`);
		rates.push(
			rateOf(
				threads.map((thread) => thread.result as Span),
				workers * times,
			),
		);
	}
	return rates;
}

async function ackedAddRates(orchestrator: Orchestrator): Promise<number[]> {
	const rates: number[] = [];
	for (let run = 0; run < repeats; run++) {
		const counter = new Value('i', 0, {orchestrator});
		const arrived = new Value('i', 0, {orchestrator});
		const children = Array.from(
			{length: workers},
			() =>
				new Process({
					target: task(tasks, 'ackedAdds'),
					args: [counter, arrived, workers, times],
					orchestrator,
				}),
		);
		for (const child of children) await child.start();
		await Promise.all(children.map((child) => child.join()));
		if (counter.value !== workers * times) throw new Error(`lost adds: ${counter.value}`);
		rates.push(
			rateOf(
				children.map((child) => child.result as Span),
				workers * times,
			),
		);
	}
	return rates;
}

// The anchor: the same request and reply objects, echoed by a bare parent.
async function rawIpcRates(serialization: 'json' | 'advanced'): Promise<number[]> {
	const child = new URL('./raw-ipc-child.js', import.meta.url);
	const rates: number[] = [];
	for (let run = 0; run < repeats; run++) {
		const spans = await Promise.all(
			Array.from(
				{length: workers},
				() =>
					new Promise<Span>((resolve, reject) => {
						const worker = fork(child, [String(times)], {serialization, stdio: 'ignore'});
						worker.on('error', reject);
						worker.on('message', (message: {type: string; requestId: number; span: Span}) => {
							if (message.type === 'span') resolve(message.span);
							else
								worker.send({
									type: 'shared-reply',
									requestId: message.requestId,
									ok: true,
									result: message.requestId,
								});
						});
					}),
			),
		);
		rates.push(rateOf(spans, workers * times));
	}
	return rates;
}

/** The two shared-state figures (three rows: the IPC one against each serialization). */
export async function benchShared(): Promise<BenchRow[]> {
	const orchestrator = createOrchestrator();
	let threadLock: number[];
	let acked: number[];
	try {
		threadLock = await threadLockRates(orchestrator);
		acked = await ackedAddRates(orchestrator);
	} finally {
		await orchestrator.stop({graceMs: 1000});
	}
	const python = runPython<number[]>(pythonLocked, [workers, times, repeats]);
	const json = await rawIpcRates('json');
	const advanced = await rawIpcRates('advanced');
	const ipcRow = (name: string, rates: number[]): BenchRow => ({
		figure: '4 processes × 10k add(1), acked each',
		unit: 'ops/s',
		direction: 'higher',
		procdash: sampleOf(acked),
		anchor: {name, sample: sampleOf(rates)},
		goal: {text: '≥ 0.8×', bound: 0.8, on: 'ratio'},
	});
	return [
		{
			figure: '4 threads × 10k increments under a Lock',
			unit: 'incs/s',
			direction: 'higher',
			procdash: sampleOf(threadLock),
			anchor: {
				name: "Python 4 processes, Value('i') + its lock",
				sample: python.ok ? sampleOf(python.output) : undefined,
			},
			goal: {text: '≥ 10×', bound: 10, on: 'ratio'},
			notes: [
				'a read-then-write increment under lock.acquireSync() in each Thread; both sides timed from a start line to the last worker’s end',
				...(python.ok ? [] : [python.note]),
			],
		},
		ipcRow('raw IPC round trip, json', json),
		ipcRow('raw IPC round trip, advanced', advanced),
	];
}
