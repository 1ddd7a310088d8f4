// Pool(2).map of 100,000 trivial tasks, with the default chunksize and with chunksize 1: the
// process pool beside Python's multiprocessing Pool(2).map, the thread pool beside piscina (at
// 1000 and at 1 task per message), each in the same run. Every side gets the same protocol:
// workers started and warmed up by one map, then several timed maps of each kind.
// And the figure a user meets first: a fresh Pool(2), a 1,000-item map, then one 100k map, timed;
// each repeat a new pool (and for procdash a new orchestrator), so its median is one of first maps.
import {createOrchestrator} from '../source/core/orchestrator/orchestrator.js';
import type {PoolBackend} from '../source/core/pool/options.js';
import {Pool} from '../source/core/pool/pool.js';
import {task} from '../source/core/process/task.js';
import {runPython} from './python.js';
import {type BenchRow, sampleOf} from './report.js';

const tasks = 100_000;
const processes = 2;
const repeats = 7;

const pythonScript = `
import json, multiprocessing, sys, time
def square(x):
    return x * x
if __name__ == '__main__':
    tasks, processes, repeats = (int(arg) for arg in sys.argv[1:4])
    items = list(range(tasks))
    # fork, so that the workers know square() although this script is given with -c.
    with multiprocessing.get_context('fork').Pool(processes) as pool:
        pool.map(square, items)
        rates = {}
        for name, chunksize in (('default', None), ('one', 1)):
            rates[name] = []
            for _ in range(repeats):
                started = time.perf_counter()
                pool.map(square, items, chunksize)
                rates[name].append(tasks / (time.perf_counter() - started))
    print(json.dumps(rates))
`;

const warmUp = 1000;

const pythonFreshScript = `
import json, multiprocessing, sys, time
def square(x):
    return x * x
if __name__ == '__main__':
    tasks, processes, repeats, warm_up = (int(arg) for arg in sys.argv[1:5])
    items = list(range(tasks))
    rates = []
    for _ in range(repeats):
        with multiprocessing.get_context('fork').Pool(processes) as pool:
            pool.map(square, list(range(warm_up)))
            started = time.perf_counter()
            pool.map(square, items)
            rates.append(tasks / (time.perf_counter() - started))
    print(json.dumps(rates))
`;

type Rates = {readonly default: number[]; readonly one: number[]};

// Each repeat a program's first big map: a new orchestrator and pool, warmed by a small map only.
async function measureProcdashFresh(): Promise<number[]> {
	const square = task(new URL('./tasks.js', import.meta.url), 'square');
	const items = Array.from({length: tasks}, (_, index) => index);
	const small = Array.from({length: warmUp}, (_, index) => index);
	const rates: number[] = [];
	for (let run = 0; run < repeats; run++) {
		const orchestrator = createOrchestrator();
		const pool = new Pool({processes, orchestrator, backend: 'process'});
		try {
			await pool.map(square, small);
			const started = performance.now();
			await pool.map(square, items);
			rates.push(tasks / ((performance.now() - started) / 1000));
		} finally {
			await pool.terminate();
			await orchestrator.stop({graceMs: 1000});
		}
	}
	return rates;
}

async function measureProcdash(backend: PoolBackend): Promise<Rates> {
	const orchestrator = createOrchestrator();
	const pool = new Pool({processes, orchestrator, backend});
	const square = task(new URL('./tasks.js', import.meta.url), 'square');
	const items = Array.from({length: tasks}, (_, index) => index);
	const rates: Rates = {default: [], one: []};
	try {
		await pool.map(square, items);
		for (const [name, chunksize] of [
			['default', undefined],
			['one', 1],
		] as const) {
			for (let run = 0; run < repeats; run++) {
				const started = performance.now();
				await pool.map(square, items, {chunksize});
				rates[name].push(tasks / ((performance.now() - started) / 1000));
			}
		}
	} finally {
		await pool.terminate();
		await orchestrator.stop({graceMs: 1000});
	}
	return rates;
}

// piscina is a devDependency: a clone installed without dev dependencies skips its anchor.
async function measurePiscina(): Promise<Rates | string> {
	let Piscina: typeof import('piscina').Piscina;
	try {
		({Piscina} = await import('piscina'));
	} catch {
		return 'piscina is not installed (npm install): its anchor is skipped';
	}
	const pool = new Piscina({
		filename: new URL('./piscina-worker.js', import.meta.url).href,
		minThreads: processes,
		maxThreads: processes,
	});
	const items = Array.from({length: tasks}, (_, index) => index);
	const chunks = Array.from({length: tasks / 1000}, (_, index) =>
		items.slice(index * 1000, (index + 1) * 1000),
	);
	const byChunks = () => Promise.all(chunks.map((chunk) => pool.run(chunk)));
	const one = () => Promise.all(items.map((item) => pool.run(item)));
	const rates: Rates = {default: [], one: []};
	try {
		await byChunks();
		for (const [name, run] of [
			['default', byChunks],
			['one', one],
		] as const) {
			for (let index = 0; index < repeats; index++) {
				const started = performance.now();
				await run();
				rates[name].push(tasks / ((performance.now() - started) / 1000));
			}
		}
	} finally {
		await pool.destroy();
	}
	return rates;
}

/** The four pool figures. */
export async function benchPool(): Promise<BenchRow[]> {
	const processPool = await measureProcdash('process');
	const python = runPython<Rates>(pythonScript, [tasks, processes, repeats]);
	const fresh = await measureProcdashFresh();
	const pythonFresh = runPython<number[]>(pythonFreshScript, [tasks, processes, repeats, warmUp]);
	const threadPool = await measureProcdash('thread');
	const piscina = await measurePiscina();
	const pythonNote = python.ok ? [] : [python.note];
	const pythonFreshNote = pythonFresh.ok ? [] : [pythonFresh.note];
	const piscinaNote = typeof piscina === 'string' ? [piscina] : [];
	const row = (
		figure: string,
		ours: number[],
		name: string,
		theirs: number[] | undefined,
		notes: string[],
	): BenchRow => ({
		figure,
		unit: 'tasks/s',
		direction: 'higher',
		procdash: sampleOf(ours),
		anchor: {name, sample: theirs && sampleOf(theirs)},
		goal: {text: '≥ 1.0×', bound: 1.0, on: 'ratio'},
		notes,
	});
	const pythonRates = python.ok ? python.output : undefined;
	const piscinaRates = typeof piscina === 'string' ? undefined : piscina;
	return [
		row(
			'Pool(2).map 100k trivial tasks, default chunksize',
			processPool.default,
			'Python Pool(2).map',
			pythonRates?.default,
			pythonNote,
		),
		row(
			'Pool(2).map 100k, chunksize 1',
			processPool.one,
			'Python, chunksize=1',
			pythonRates?.one,
			pythonNote,
		),
		{
			...row(
				'Pool(2) fresh: a 1,000-item map, then one 100k map (default chunksize)',
				fresh,
				'Python, a fresh Pool(2) the same way',
				pythonFresh.ok ? pythonFresh.output : undefined,
				pythonFreshNote,
			),
			must: true,
		},
		row(
			"Pool(2, backend 'thread').map 100k, default chunksize",
			threadPool.default,
			'piscina(2), 1000 tasks per message',
			piscinaRates?.default,
			piscinaNote,
		),
		row(
			"Pool(2, backend 'thread').map 100k, chunksize 1",
			threadPool.one,
			'piscina(2), 1 task per message',
			piscinaRates?.one,
			piscinaNote,
		),
	];
}
