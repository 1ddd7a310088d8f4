// Shared state under contention: 4 threads, and 4 processes sharing memory (the native addon),
// × 10,000 increments under a Lock beside Python's Value('i') with its lock in 4 processes (and,
// for information, the processes with the broker forced); and 4 processes × 10,000 acknowledged
// add(1) through the broker beside raw IPC round trips (json and advanced serialization), round by
// round. BENCH_QUICK=1 runs 2 rounds instead of 7. Each side times its workers'
// loops alone, from a start line they all wait at to the last one's end, on the machine's
// monotonic clock.
import {fork} from 'node:child_process';
import {createOrchestrator, type Orchestrator} from '../source/core/orchestrator/orchestrator.js';
import {Process} from '../source/core/process/process.js';
import {task} from '../source/core/process/task.js';
import {Thread} from '../source/core/process/thread.js';
import {Lock} from '../source/core/shared/lock.js';
import {forceBroker, sharedMemoryStatus} from '../source/core/shared/memory/native.js';
import {Value} from '../source/core/shared/value.js';
import {runPython} from './python.js';
import {type BenchRow, sampleOf} from './report.js';
import type {Span} from './tasks.js';

const workers = 4;
const times = 10_000;
const repeats = process.env.BENCH_QUICK === '1' ? 2 : 7;
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
export function rateOf(spans: readonly Span[], operations: number): number {
	const start = Math.min(...spans.map(([begin]) => begin));
	const end = Math.max(...spans.map(([, finish]) => finish));
	return operations / ((end - start) / 1000);
}

/** 4 Threads × `perThread` read-then-write increments under a Lock: increments a second. */
export async function threadLockRound(
	orchestrator: Orchestrator,
	perThread = times,
): Promise<number> {
	const counter = new Value('i', 0, {orchestrator});
	const arrived = new Value('i', 0, {orchestrator});
	const lock = new Lock({orchestrator});
	const threads = Array.from(
		{length: workers},
		() =>
			new Thread({
				target: task(tasks, 'incrementUnderLock'),
				args: [counter, lock, arrived, workers, perThread],
				orchestrator,
			}),
	);
	for (const thread of threads) await thread.start();
	await Promise.all(threads.map((thread) => thread.join()));
	if (counter.value !== workers * perThread) throw new Error(`lost increments: ${counter.value}`);
	return rateOf(
		threads.map((thread) => thread.result as Span),
		workers * perThread,
	);
}

/** 4 processes × 10k increments under a Lock, with the blocking API or the async one. */
async function processLockRound(
	orchestrator: Orchestrator,
	api: 'blocking' | 'async',
): Promise<number> {
	const counter = new Value('i', 0, {orchestrator});
	const arrived = new Value('i', 0, {orchestrator});
	const lock = new Lock({orchestrator});
	const exportName =
		api === 'blocking' ? 'incrementUnderLockSyncInProcess' : 'incrementUnderLockInProcess';
	const children = Array.from(
		{length: workers},
		() =>
			new Process({
				target: task(tasks, exportName),
				args: [counter, lock, arrived, workers, times],
				orchestrator,
			}),
	);
	for (const child of children) await child.start();
	await Promise.all(children.map((child) => child.join()));
	if (counter.value !== workers * times) throw new Error(`lost increments: ${counter.value}`);
	return rateOf(
		children.map((child) => child.result as Span),
		workers * times,
	);
}

// The add(1) figure is of the broker's round trip: its values are made with the broker forced.
async function ackedAddRound(orchestrator: Orchestrator): Promise<number> {
	forceBroker(true);
	try {
		return await ackedAddRoundOnBroker(orchestrator);
	} finally {
		forceBroker(false);
	}
}

async function brokerLockRound(orchestrator: Orchestrator): Promise<number> {
	forceBroker(true);
	try {
		return await processLockRound(orchestrator, 'async');
	} finally {
		forceBroker(false);
	}
}

async function ackedAddRoundOnBroker(orchestrator: Orchestrator): Promise<number> {
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
	return rateOf(
		children.map((child) => child.result as Span),
		workers * times,
	);
}

// The anchor: the same request and reply objects, echoed by a bare parent.
async function rawIpcRound(serialization: 'json' | 'advanced'): Promise<number> {
	const child = new URL('./raw-ipc-child.js', import.meta.url);
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
	return rateOf(spans, workers * times);
}

/** The two shared-state figures (three rows: the IPC one against each serialization). */
export async function benchShared(): Promise<BenchRow[]> {
	// Round by round, each side then its anchors: whatever else the machine does in a round
	// falls on all of them.
	const orchestrator = createOrchestrator();
	const threadLock: number[] = [];
	const memory = sharedMemoryStatus();
	const processLock: number[] = [];
	const processLockAsync: number[] = [];
	const brokerLock: number[] = [];
	const python: number[] = [];
	let pythonNote: string | undefined;
	const acked: number[] = [];
	const json: number[] = [];
	const advanced: number[] = [];
	try {
		for (let run = 0; run < repeats; run++) {
			threadLock.push(await threadLockRound(orchestrator));
			const round = runPython<number[]>(pythonLocked, [workers, times, 1]);
			if (round.ok) python.push(...round.output);
			else pythonNote = round.note;
			if (memory.kind === 'memory') {
				processLock.push(await processLockRound(orchestrator, 'blocking'));
				processLockAsync.push(await processLockRound(orchestrator, 'async'));
			}
			// One round is enough to show the order of magnitude, and it takes seconds.
			if (run === 0) brokerLock.push(await brokerLockRound(orchestrator));
			acked.push(await ackedAddRound(orchestrator));
			json.push(await rawIpcRound('json'));
			advanced.push(await rawIpcRound('advanced'));
		}
	} finally {
		await orchestrator.stop({graceMs: 1000});
	}
	const ipcRow = (name: string, rates: number[]): BenchRow => ({
		figure: '4 processes × 10k add(1), acked each',
		unit: 'ops/s',
		direction: 'higher',
		procdash: sampleOf(acked),
		anchor: {name, sample: sampleOf(rates)},
		goal: {text: '≥ 0.8×', bound: 0.8, on: 'ratio'},
	});
	const pythonAnchor = {
		name: "Python 4 processes, Value('i') + its lock",
		sample: python.length > 0 ? sampleOf(python) : undefined,
	};
	const processLockRows = (skipped: string | undefined): BenchRow[] => [
		{
			figure: '4 processes × 10k locked increments of a Value',
			unit: 'incs/s',
			direction: 'higher',
			procdash: processLock.length > 0 ? sampleOf(processLock) : undefined,
			anchor: pythonAnchor,
			goal: {text: '≥ 1.0×', bound: 1, on: 'ratio'},
			notes: [
				'shared memory (the native addon): lock.acquireSync(), counter.value += 1, lock.releaseSync() in each child process, as Python’s program is written; both sides timed from a start line to the last worker’s end',
				...(skipped ? [`not measured: ${skipped}`] : []),
				...(pythonNote ? [pythonNote] : []),
			],
		},
		{
			figure: '4 processes × 10k locked increments of a Value, async API',
			unit: 'incs/s',
			direction: 'higher',
			procdash: processLockAsync.length > 0 ? sampleOf(processLockAsync) : undefined,
			anchor: pythonAnchor,
			goal: {text: '—', bound: Number.NaN, on: 'ratio'},
			notes: [
				'shared memory: await lock.acquire(), await counter.set(await counter.get() + 1), await lock.release(): what a task written for either path does',
			],
		},
		{
			figure: '4 processes × 10k locked increments of a Value, broker forced',
			unit: 'incs/s',
			direction: 'higher',
			procdash: brokerLock.length > 0 ? sampleOf(brokerLock) : undefined,
			anchor: pythonAnchor,
			goal: {text: '—', bound: Number.NaN, on: 'ratio'},
			notes: [
				'PROCDASH_SHARED_MEMORY=off’s path (the async API; every step an IPC round trip to the owner’s broker), one round',
			],
		},
	];
	return [
		{
			figure: '4 threads × 10k increments under a Lock',
			unit: 'incs/s',
			direction: 'higher',
			procdash: sampleOf(threadLock),
			anchor: pythonAnchor,
			goal: {text: '≥ 10×', bound: 10, on: 'ratio'},
			notes: [
				'a read-then-write increment under lock.acquireSync() in each Thread; both sides timed from a start line to the last worker’s end',
				...(pythonNote ? [pythonNote] : []),
			],
		},
		...processLockRows(memory.kind === 'memory' ? undefined : memory.reason),
		ipcRow('raw IPC round trip, json', json),
		ipcRow('raw IPC round trip, advanced', advanced),
	];
}
