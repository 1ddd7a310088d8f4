// What procdash's Python reporter costs a program: a multiprocessing Lock's acquire and release,
// reported to a live receiver, beside the bare round (the lock's own semaphore, which is what an
// unreported Lock's acquire and release are), in the same Python process, round by round.
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pythonInstrumentEnv} from '../source/core/report/python-path.js';
import {pythonVersion} from './python.js';
import {type BenchRow, sampleOf} from './report.js';

const rounds = 20_000;
const repeats = 7;

const script = `
import json, multiprocessing, sys, time
rounds, repeats = int(sys.argv[1]), int(sys.argv[2])
reported = multiprocessing.Lock()
bare = multiprocessing.Lock()._semlock
def per_round(acquire, release):
    start = time.perf_counter()
    for _ in range(rounds):
        acquire()
        release()
    return (time.perf_counter() - start) / rounds * 1e9
times = {'bare': [], 'reported': []}
for _ in range(repeats):
    times['bare'].append(per_round(bare.acquire, bare.release))
    times['reported'].append(per_round(reported.acquire, reported.release))
print(json.dumps(times))
`;

type Times = {readonly bare: number[]; readonly reported: number[]};

/** Runs the script with the reporter on and a receiver that reads every line; its times and lines. */
async function measure(): Promise<{times: Times; lines: number}> {
	const folder = mkdtempSync(join(tmpdir(), 'procdash-bench-'));
	const path = join(folder, 'report.sock');
	let lines = 0;
	const server = createServer((socket) => {
		socket.on('data', (chunk: Buffer) => {
			for (const byte of chunk) if (byte === 10) lines++;
		});
		socket.on('error', () => {});
	});
	await new Promise<void>((resolve) => server.listen(path, resolve));
	try {
		const env = {...pythonInstrumentEnv(process.env), PROCDASH_REPORT: path};
		const child = spawn('python3', ['-c', script, String(rounds), String(repeats)], {env});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
		if (code !== 0) throw new Error(`python3 exited with ${code}`);
		return {times: JSON.parse(stdout) as Times, lines};
	} finally {
		server.close();
		rmSync(folder, {recursive: true, force: true});
	}
}

/** One row: the reported Lock round against the bare one, in ns per round. */
export async function benchPythonReport(): Promise<BenchRow[]> {
	const figure = 'Python Lock acquire + release, reported to procdash';
	// The issue sets no bound. Two lines a round cost what two small Python calls do; a few
	// microseconds a round is what a program that holds its lock to do some work will not notice.
	const goal = {text: '≤ 5 µs a round', bound: 5000, on: 'value'} as const;
	if (!pythonVersion()) {
		return [
			{
				figure,
				unit: 'ns',
				direction: 'lower',
				procdash: undefined,
				anchor: {name: 'the bare Lock', sample: undefined},
				goal,
				notes: ['python3 not found: skipped'],
			},
		];
	}
	const {times, lines} = await measure();
	return [
		{
			figure,
			unit: 'ns',
			direction: 'lower',
			procdash: sampleOf(times.reported),
			anchor: {name: 'the bare Lock, same process', sample: sampleOf(times.bare)},
			goal,
			notes: [
				`${repeats} × ${rounds} rounds each, alternating; each reported round sends lock:acquired and lock:released (${lines} lines received)`,
			],
		},
	];
}
