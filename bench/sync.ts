// Queues and pipes beside Python's: one producer process putting 100k small ints that the parent
// gets, Python's multiprocessing.Queue the same way; a Pipe's ping-pong round trips beside
// Python's Pipe; and a queue fed by a Thread (putSync) beside Python's process queue.
import {createOrchestrator, type Orchestrator} from '../source/core/orchestrator/orchestrator.js';
import {Process} from '../source/core/process/process.js';
import {task} from '../source/core/process/task.js';
import {Thread} from '../source/core/process/thread.js';
import {Pipe} from '../source/core/shared/sync/pipe.js';
import {Queue} from '../source/core/shared/sync/queue.js';
import {runPython} from './python.js';
import {type BenchRow, sampleOf} from './report.js';

const items = 100_000;
const roundTrips = 10_000;
const repeats = 3;
const tasks = new URL('./tasks.js', import.meta.url);

const pythonQueue = `
import json, multiprocessing, sys, time
def produce(q, n):
    for i in range(n):
        q.put(i)
if __name__ == '__main__':
    n, repeats = int(sys.argv[1]), int(sys.argv[2])
    rates = []
    for _ in range(repeats):
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=produce, args=(q, n))
        start = time.monotonic()
        p.start()
        for _ in range(n):
            q.get()
        rates.append(n / (time.monotonic() - start))
        p.join()
    print(json.dumps(rates))
`;

const pythonPipe = `
import json, multiprocessing, sys, time
def pong(conn):
    while True:
        m = conn.recv()
        if m is None:
            return
        conn.send(m)
if __name__ == '__main__':
    n, repeats = int(sys.argv[1]), int(sys.argv[2])
    rates = []
    for _ in range(repeats):
        a, b = multiprocessing.Pipe()
        p = multiprocessing.Process(target=pong, args=(b,))
        p.start()
        a.send(0); a.recv()
        start = time.monotonic()
        for i in range(n):
            a.send(i)
            a.recv()
        rates.append(n / (time.monotonic() - start))
        a.send(None)
        p.join()
    print(json.dumps(rates))
`;

// Timed as Python's: from starting the producer to the parent's last get.
async function queueRound(
	orchestrator: Orchestrator,
	backend: 'process' | 'thread',
): Promise<number> {
	const queue = new Queue({orchestrator});
	const options = {
		target: task(tasks, backend === 'process' ? 'putRange' : 'putRangeSync'),
		args: [queue, items],
		orchestrator,
	};
	const producer = backend === 'process' ? new Process(options) : new Thread(options);
	const start = performance.now();
	await producer.start();
	for (let index = 0; index < items; index++) await queue.get();
	const rate = items / ((performance.now() - start) / 1000);
	await producer.join();
	return rate;
}

async function pipeRound(orchestrator: Orchestrator): Promise<number> {
	const [a, b] = Pipe({orchestrator});
	const child = new Process({target: task(tasks, 'pong'), args: [b], orchestrator});
	await child.start();
	await a.send(0);
	await a.recv();
	const start = performance.now();
	for (let index = 0; index < roundTrips; index++) {
		await a.send(index);
		await a.recv();
	}
	const rate = roundTrips / ((performance.now() - start) / 1000);
	await a.send(null);
	await child.join();
	return rate;
}

/** The queue and pipe rows. */
export async function benchSync(): Promise<BenchRow[]> {
	// Events per item would be the dashboard's cost, not the queue's: a bus with a small history.
	const orchestrator = createOrchestrator({output: 'capture'});
	const processQueue: number[] = [];
	const threadQueue: number[] = [];
	const pipe: number[] = [];
	try {
		for (let run = 0; run < repeats; run++) {
			processQueue.push(await queueRound(orchestrator, 'process'));
			threadQueue.push(await queueRound(orchestrator, 'thread'));
			pipe.push(await pipeRound(orchestrator));
		}
	} finally {
		await orchestrator.stop({graceMs: 1000});
	}
	const python = runPython<number[]>(pythonQueue, [items, repeats]);
	const pythonPipeRun = runPython<number[]>(pythonPipe, [roundTrips, repeats]);
	const queueAnchor = {
		name: 'Python mp.Queue, 1 producer process → parent',
		sample: python.ok ? sampleOf(python.output) : undefined,
	};
	return [
		{
			figure: 'Queue, 1 producer process → parent, 100k ints',
			unit: 'items/s',
			direction: 'higher',
			procdash: sampleOf(processQueue),
			anchor: queueAnchor,
			goal: {text: '≥ 1.0×', bound: 1, on: 'ratio'},
			notes: [
				'each put awaited: resolved once the broker holds the item (acknowledged)',
				...(python.ok ? [] : [python.note]),
			],
		},
		{
			figure: 'Queue, 1 producer Thread (putSync) → parent, 100k ints',
			unit: 'items/s',
			direction: 'higher',
			procdash: sampleOf(threadQueue),
			anchor: queueAnchor,
			goal: {text: '≥ 5×', bound: 5, on: 'ratio'},
		},
		{
			figure: 'Pipe ping-pong with a child process',
			unit: 'round trips/s',
			direction: 'higher',
			procdash: sampleOf(pipe),
			anchor: {
				name: 'Python mp.Pipe ping-pong',
				sample: pythonPipeRun.ok ? sampleOf(pythonPipeRun.output) : undefined,
			},
			goal: {text: '≥ 1.0×', bound: 1, on: 'ratio'},
			...(pythonPipeRun.ok ? {} : {notes: [pythonPipeRun.note]}),
		},
	];
}
