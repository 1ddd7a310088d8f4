// Pool(2).map of 100,000 trivial tasks, with the default chunksize and with chunksize 1, beside
// Python's multiprocessing Pool(2).map on the same machine in the same run. Both sides get the
// same protocol: workers started and warmed up by one map, then five timed maps of each kind.
import {spawnSync} from 'node:child_process';
import {createOrchestrator} from '../source/core/orchestrator.js';
import {Pool} from '../source/core/pool.js';
import {task} from '../source/core/task.js';

/** Tasks per second of one configuration: best and median of the timed runs. */
export type PoolBenchRate = {readonly best: number; readonly median: number};

/** One configuration, for procdash and (when python3 ran) Python. */
export type PoolBenchRow = {
	readonly name: string;
	readonly procdash: PoolBenchRate;
	readonly python: PoolBenchRate | undefined;
};

/** What the pool benchmark measured. */
export type PoolBenchResult = {
	readonly tasks: number;
	readonly processes: number;
	readonly repeats: number;
	readonly rows: readonly PoolBenchRow[];
	/** `python3 --version`, or why Python was skipped. */
	readonly python: string;
};

const tasks = 100_000;
const processes = 2;
const repeats = 5;
const configurations = [
	{name: 'default chunksize', chunksize: undefined},
	{name: 'chunksize 1', chunksize: 1},
] as const;

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
        seconds = {}
        for name, chunksize in (('default chunksize', None), ('chunksize 1', 1)):
            seconds[name] = []
            for _ in range(repeats):
                started = time.perf_counter()
                pool.map(square, items, chunksize)
                seconds[name].append(time.perf_counter() - started)
    print(json.dumps(seconds))
`;

function rateOf(seconds: readonly number[]): PoolBenchRate {
	const sorted = [...seconds].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
	return {best: tasks / (sorted[0] ?? Number.POSITIVE_INFINITY), median: tasks / median};
}

async function measureProcdash(): Promise<Map<string, PoolBenchRate>> {
	const orchestrator = createOrchestrator();
	const pool = new Pool({processes, orchestrator});
	const square = task(new URL('./tasks.js', import.meta.url), 'square');
	const items = Array.from({length: tasks}, (_, index) => index);
	const rates = new Map<string, PoolBenchRate>();
	try {
		await pool.map(square, items);
		for (const {name, chunksize} of configurations) {
			const seconds: number[] = [];
			for (let run = 0; run < repeats; run++) {
				const started = performance.now();
				await pool.map(square, items, {chunksize});
				seconds.push((performance.now() - started) / 1000);
			}
			rates.set(name, rateOf(seconds));
		}
	} finally {
		await pool.terminate();
		await orchestrator.stop({graceMs: 1000});
	}
	return rates;
}

function measurePython(): {
	readonly version: string;
	readonly rates: Map<string, PoolBenchRate> | undefined;
} {
	const version = spawnSync('python3', ['--version'], {encoding: 'utf8'});
	if (version.error || version.status !== 0) {
		return {version: 'python3 not found: Python figures skipped', rates: undefined};
	}
	const run = spawnSync(
		'python3',
		['-c', pythonScript, String(tasks), String(processes), String(repeats)],
		{encoding: 'utf8'},
	);
	if (run.status !== 0) {
		return {version: `${version.stdout.trim()} failed: ${run.stderr.trim()}`, rates: undefined};
	}
	const seconds = JSON.parse(run.stdout) as Record<string, number[]>;
	const rates = Object.entries(seconds).map(([name, runs]) => [name, rateOf(runs)] as const);
	return {version: version.stdout.trim(), rates: new Map(rates)};
}

/** Runs the pool benchmark: procdash first, then Python, back to back. */
export async function benchPool(): Promise<PoolBenchResult> {
	const procdash = await measureProcdash();
	const python = measurePython();
	return {
		tasks,
		processes,
		repeats,
		python: python.version,
		rows: configurations.map(({name}) => ({
			name,
			procdash: procdash.get(name) ?? {best: 0, median: 0},
			python: python.rates?.get(name),
		})),
	};
}

/** The result as the table `npm run bench` prints. */
export function formatPoolBench(result: PoolBenchResult): string {
	const rate = (perSecond: number) =>
		perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M` : `${(perSecond / 1e3).toFixed(1)} k`;
	const pair = (rates: PoolBenchRate | undefined) =>
		rates ? `${rate(rates.median)} (${rate(rates.best)})` : '—';
	const ratio = ({procdash, python}: PoolBenchRow) =>
		python
			? `${(procdash.median / python.median).toFixed(2)}× (${(procdash.best / python.best).toFixed(2)}×)`
			: '—';
	const lines = [
		`Pool(${result.processes}).map of ${result.tasks.toLocaleString('en')} trivial tasks, ${result.repeats} runs after a warm-up; tasks/s, median (best); ${result.python}`,
		`${'configuration'.padEnd(19)}${'procdash'.padStart(20)}${'Python'.padStart(20)}${'procdash/Python'.padStart(20)}`,
		...result.rows.map(
			(row) =>
				`${row.name.padEnd(19)}${pair(row.procdash).padStart(20)}${pair(row.python).padStart(20)}${ratio(row).padStart(20)}`,
		),
	];
	return `${lines.join('\n')}\n`;
}
