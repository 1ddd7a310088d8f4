// The lessons take Python's time: a preset that states a Python figure, run as a person runs it
// (`procdash parallel --json`), beside the same program run by python3, in the same run. Two
// figures each: the lesson's own clock (the preset's, started where the Python program starts
// its clock, just before it creates its processes) beside Python's; and the person's whole wait,
// from the command to its end, beside the same command without the warm-up (PROCDASH_WARM=off),
// which it must not exceed. And the race lesson's whole wait beside Python's, with the updates its
// unlocked round lost.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pythonVersion} from './python.js';
import {type BenchRow, pause, sampleOf} from './report.js';
import {cpuSeconds, hasTmux, Terminal} from './terminal.js';

// Nine runs of each, in turn: the warm-up and the cold boot cost the same CPU (on 2 cores the
// spares' boots cannot overlap procdash's own loading: booting them earlier delays that, measured),
// so the whole waits differ by noise alone; one run spreads ±3 %, and medians of five differed by
// up to 2.3 %, against the 2 % allowed.
const repeats = 9;
// The dashboard's runs take a terminal each: five of each lesson.
const dashboardRepeats = 5;
const cli = new URL('../cli.js', import.meta.url).pathname;

type Lesson = {
	readonly preset: string;
	/** The Python program the preset replays; it prints its own clock, in seconds. */
	readonly python: string;
};

const lessons: readonly Lesson[] = [
	{
		preset: 'parallel',
		python: `
import multiprocessing, time

def sleep():
    time.sleep(1)

if __name__ == '__main__':
    started = time.perf_counter()
    processes = [multiprocessing.Process(target=sleep) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(time.perf_counter() - started)
`,
	},
	{
		preset: 'lock-counter',
		python: `
import multiprocessing, time

ordinary = 0

def count(counter, lock):
    global ordinary
    with lock:
        time.sleep(0.5)
        counter.value += 1
        ordinary += 1

if __name__ == '__main__':
    started = time.perf_counter()
    counter = multiprocessing.Value('i', 0)
    lock = multiprocessing.Lock()
    processes = [multiprocessing.Process(target=count, args=(counter, lock)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(time.perf_counter() - started)
`,
	},
	{
		preset: 'barrier',
		python: `
import multiprocessing, time

def meet(barrier, seconds):
    time.sleep(seconds)
    barrier.wait()

if __name__ == '__main__':
    started = time.perf_counter()
    barrier = multiprocessing.Barrier(4)
    processes = [
        multiprocessing.Process(target=meet, args=(barrier, seconds))
        for seconds in (0.3, 0.9, 1.5, 2.1)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(time.perf_counter() - started)
`,
	},
	{
		preset: 'semaphore',
		python: `
import multiprocessing, time

def use_slot(slots):
    with slots:
        time.sleep(0.6)

if __name__ == '__main__':
    started = time.perf_counter()
    slots = multiprocessing.Semaphore(2)
    processes = [multiprocessing.Process(target=use_slot, args=(slots,)) for _ in range(6)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print(time.perf_counter() - started)
`,
	},
	{
		preset: 'producer-consumer',
		python: `
import multiprocessing, time

def produce(jobs, first, count):
    for job in range(first, first + count):
        jobs.put(job)

def consume(jobs):
    while True:
        job = jobs.get()
        if job is None:
            jobs.task_done()
            return
        time.sleep(0.15)
        jobs.task_done()

if __name__ == '__main__':
    started = time.perf_counter()
    jobs = multiprocessing.JoinableQueue(5)
    consumers = [multiprocessing.Process(target=consume, args=(jobs,)) for _ in range(3)]
    producers = [
        multiprocessing.Process(target=produce, args=(jobs, index * 10, 10)) for index in range(2)
    ]
    for process in consumers + producers:
        process.start()
    for process in producers:
        process.join()
    for _ in consumers:
        jobs.put(None)
    jobs.join()
    for process in consumers:
        process.join()
    print(time.perf_counter() - started)
`,
	},
];

type Times = {readonly clock: number[]; readonly wall: number[]};

// One run of `procdash <preset> --json`, added to `times`; with `warm: false`, PROCDASH_WARM=off:
// the lesson boots its processes inside its clock, as before it had a warm-up.
function timeProcdashOnce(preset: string, times: Times, {warm = true} = {}): void {
	const env = warm ? process.env : {...process.env, PROCDASH_WARM: 'off'};
	const started = performance.now();
	const result = spawnSync(process.execPath, [cli, preset, '--json'], {encoding: 'utf8', env});
	const wall = performance.now() - started;
	const finished = result.stdout
		.split('\n')
		.filter((line) => line.includes('"scenario:finished"'))
		.map((line) => JSON.parse(line) as {elapsedMs: number; ok: boolean})[0];
	if (result.status !== 0 || !finished?.ok)
		throw new Error(`procdash ${preset} --json failed: ${result.stderr.trim()}`);
	times.clock.push(finished.elapsedMs);
	times.wall.push(wall);
}

// One run of `procdash <preset>` in the dashboard, in a 120×40 tmux, recorded (--record) to read
// the lesson's clock from its scenario:finished event, as --json gives it; q once it has ended.
async function dashboardClockOnce(preset: string, folder: string): Promise<number> {
	const file = join(folder, `${preset}.ndjson`);
	rmSync(file, {force: true});
	const terminal = Terminal.open([process.execPath, cli, preset, '--record', file]);
	try {
		const deadline = performance.now() + 30_000;
		for (;;) {
			const finished = existsSync(file)
				? readFileSync(file, 'utf8')
						.split('\n')
						.filter((line) => line.includes('"scenario:finished"'))
						.map((line) => JSON.parse(line) as {elapsedMs: number; ok: boolean})[0]
				: undefined;
			if (finished) {
				if (!finished.ok) throw new Error(`procdash ${preset} did not pass in the dashboard`);
				return finished.elapsedMs;
			}
			if (performance.now() > deadline)
				throw new Error(`procdash ${preset} never ended in the dashboard:\n${terminal.screen()}`);
			await pause(50);
		}
	} finally {
		const pid = terminal.pid;
		terminal.press('q');
		const gone = performance.now() + 15_000;
		while (cpuSeconds(pid) !== undefined && performance.now() < gone) await pause(50);
		terminal.close();
	}
}

async function dashboardClocks(preset: string): Promise<number[]> {
	const folder = mkdtempSync(join(tmpdir(), 'procdash-bench-'));
	try {
		const clocks: number[] = [];
		for (let run = 0; run < dashboardRepeats; run++)
			clocks.push(await dashboardClockOnce(preset, folder));
		return clocks;
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}

function timePython(program: string): Times | undefined {
	const folder = mkdtempSync(join(tmpdir(), 'procdash-bench-'));
	const file = join(folder, 'lesson.py');
	writeFileSync(file, program);
	try {
		const times: Times = {clock: [], wall: []};
		for (let run = 0; run < repeats; run++) {
			const started = performance.now();
			const result = spawnSync('python3', [file], {encoding: 'utf8'});
			const wall = performance.now() - started;
			if (result.status !== 0) return undefined;
			times.clock.push(Number(result.stdout.trim()) * 1000);
			times.wall.push(wall);
		}
		return times;
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}

/** Each lesson's clock and whole wait, beside Python's, run by run in turn. */
export async function benchLessons(): Promise<BenchRow[]> {
	const hasPython = pythonVersion() !== undefined;
	const rows: BenchRow[] = [];
	for (const {preset, python} of lessons) {
		// With and without the warm-up in turn: whatever else the machine does falls on both.
		const ours: Times = {clock: [], wall: []};
		const cold: Times = {clock: [], wall: []};
		for (let run = 0; run < repeats; run++) {
			timeProcdashOnce(preset, ours);
			timeProcdashOnce(preset, cold, {warm: false});
		}
		const theirs = hasPython ? timePython(python) : undefined;
		const notes = theirs ? [] : ['python3 not found or failed: the Python anchor is skipped'];
		const inDashboard = hasTmux() ? await dashboardClocks(preset) : undefined;
		rows.push(
			{
				figure: `\`procdash ${preset} --json\`: the lesson's clock`,
				unit: 'ms',
				direction: 'lower',
				procdash: sampleOf(ours.clock),
				anchor: {
					name: 'the same program under python3, its clock',
					sample: theirs && sampleOf(theirs.clock),
				},
				goal: {text: '≤ 1.05×', bound: 1.05, on: 'ratio'},
				must: true,
				notes: [
					...notes,
					`the lesson's clock starts once its task runtimes are booted (${preset} boots them first, as Python's program starts its clock once its interpreter is up)`,
				],
			},
			{
				figure: `\`procdash ${preset} --json\`: command to verdict`,
				unit: 'ms',
				direction: 'lower',
				procdash: sampleOf(ours.wall),
				anchor: {
					name: 'the same without the warm-up (PROCDASH_WARM=off)',
					sample: sampleOf(cold.wall),
				},
				// Not grown: within what two medians of nine runs differ by on an idle machine.
				goal: {text: '≤ 1.02×', bound: 1.02, on: 'ratio'},
				must: true,
				notes: [
					'the whole wait a person has: Node’s boot, procdash’s, the booting of the task runtimes, the lesson, the stop; the warm-up must not lengthen it',
					...(theirs
						? [
								`\`python3 program.py\`, command to exit: median ${Math.round(sampleOf(theirs.wall).median)} ms`,
							]
						: []),
				],
			},
		);
		rows.push({
			figure: `\`procdash ${preset}\` in the dashboard: the lesson's clock`,
			unit: 'ms',
			direction: 'lower',
			procdash: inDashboard && sampleOf(inDashboard),
			anchor: {
				name: 'the same program under python3, its clock',
				sample: theirs && sampleOf(theirs.clock),
			},
			goal: {text: '≤ 1.05×', bound: 1.05, on: 'ratio'},
			must: true,
			notes: inDashboard
				? [
						`the lesson played in the dashboard, in a 120×40 tmux, ${dashboardRepeats} runs; its clock read from the scenario:finished event of --record`,
					]
				: ['tmux not found: the dashboard runs are skipped'],
		});
	}
	rows.push(await benchRace(hasPython));
	return rows;
}

// The race lesson in Python: four processes at a start line, 10,000 unlocked read-then-write
// increments each of one Value('i'), then, at a second line, 10,000 each under the lock; it prints
// how many updates the unlocked round lost.
const pythonRace = `
import multiprocessing

def race(unlocked, locked, lock, line, times):
    line.wait()
    for _ in range(times):
        unlocked.value += 1
    line.wait()
    for _ in range(times):
        with lock:
            locked.value += 1

if __name__ == '__main__':
    unlocked, locked = multiprocessing.Value('i', 0), multiprocessing.Value('i', 0)
    lock, line = multiprocessing.Lock(), multiprocessing.Barrier(4)
    processes = [
        multiprocessing.Process(target=race, args=(unlocked, locked, lock, line, 10000))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    assert locked.value == 40000
    print(40000 - unlocked.value)
`;

/**
 * `procdash race --json`, command to verdict, beside the same program under python3; and how
 * many updates the unlocked round lost, which must be some in every run or the lesson is gone.
 */
async function benchRace(hasPython: boolean): Promise<BenchRow> {
	const ours: number[] = [];
	const lost: number[] = [];
	for (let run = 0; run < repeats; run++) {
		const started = performance.now();
		const result = spawnSync(process.execPath, [cli, 'race', '--json'], {encoding: 'utf8'});
		ours.push(performance.now() - started);
		const notes = result.stdout
			.split('\n')
			.filter((line) => line.includes('"scenario:finished"'))
			.map((line) => JSON.parse(line) as {ok: boolean; notes: string[]})[0];
		const missed = /\((\d+) updates lost\)/.exec(notes?.notes[0] ?? '');
		if (result.status !== 0 || !notes?.ok || !missed)
			throw new Error(`procdash race --json failed: ${result.stderr.trim()}`);
		lost.push(Number(missed[1]));
	}
	const theirs: number[] = [];
	const theirLost: number[] = [];
	if (hasPython) {
		const folder = mkdtempSync(join(tmpdir(), 'procdash-bench-'));
		const file = join(folder, 'race.py');
		writeFileSync(file, pythonRace);
		try {
			for (let run = 0; run < repeats; run++) {
				const started = performance.now();
				const result = spawnSync('python3', [file], {encoding: 'utf8'});
				if (result.status !== 0) break;
				theirs.push(performance.now() - started);
				theirLost.push(Number(result.stdout.trim()));
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	}
	const fewest = (counts: number[]) => Math.min(...counts);
	return {
		figure: '`procdash race --json`: command to verdict',
		unit: 'ms',
		direction: 'lower',
		procdash: sampleOf(ours),
		anchor: {
			name: 'the same program under python3, command to exit',
			sample: theirs.length > 0 ? sampleOf(theirs) : undefined,
		},
		goal: {text: '≤ 2 s', bound: 2000, on: 'value'},
		notes: [
			`4 processes × 10k unlocked read-then-write increments of one Value from a start line, then 10k each under the lock; updates lost without the lock, fewest in a run: ${fewest(lost)} of 40000 (lost in every run: ${lost.every((count) => count > 0) ? 'yes' : 'no'})`,
			theirs.length > 0
				? `python3, the same with Value('i') and a Barrier: fewest lost ${fewest(theirLost)}, most ${Math.max(...theirLost)}`
				: 'python3 not found or failed: the Python anchor is skipped',
		],
	};
}
