// Starting processes: a task on a warm spare (start → its function running) beside Python's fork
// start+join; a cold task (start → exit) beside a bare `node -e 0`; a command beside a raw spawn.
import {spawn} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {createOrchestrator, type Orchestrator} from '../source/core/orchestrator/orchestrator.js';
import {Process} from '../source/core/process/process.js';
import {task} from '../source/core/process/task.js';
import {runPython} from './python.js';
import {type BenchRow, pause, sampleOf} from './report.js';

const tasks = new URL('./tasks.js', import.meta.url);
const runs = 21;

const now = () => Number(process.hrtime.bigint()) / 1e6;

const pythonStartJoin = `
import json, multiprocessing, sys, time
def nothing():
    pass
if __name__ == '__main__':
    context = multiprocessing.get_context('fork')
    seconds = []
    for _ in range(int(sys.argv[1]) + 3):
        started = time.perf_counter()
        p = context.Process(target=nothing)
        p.start()
        p.join()
        seconds.append(time.perf_counter() - started)
    print(json.dumps([s * 1000 for s in seconds[3:]]))
`;

async function untilSpares(orchestrator: Orchestrator, count: number): Promise<void> {
	while (orchestrator.spareCount() < count) await pause(5);
}

// Each run waits for the spares to be ready again: what is measured is a start on a warm spare,
// not a start that found none (that is the cold figure). With `fresh`, every run's task is in a
// module of its own (a copy of tasks.js), which no spare can have imported ahead.
async function warmStarts(fresh: boolean): Promise<number[]> {
	const orchestrator = createOrchestrator({spares: 2});
	const copies = fresh ? mkdtempSync(join(tmpdir(), 'procdash-bench-')) : undefined;
	const delays: number[] = [];
	const warmUps = 3;
	try {
		for (let run = 0; run < runs + warmUps; run++) {
			let module = tasks;
			if (copies) {
				module = pathToFileURL(join(copies, `tasks-${run}.js`));
				copyFileSync(tasks, module);
			}
			await untilSpares(orchestrator, 2);
			const started = now();
			const child = new Process({target: task(module, 'stamp'), orchestrator});
			await child.start();
			await child.join();
			if (run >= warmUps) delays.push((child.result as number) - started);
		}
	} finally {
		await orchestrator.stop({graceMs: 1000});
		if (copies) rmSync(copies, {recursive: true, force: true});
	}
	return delays;
}

function exitOf(
	command: string,
	args: readonly string[],
	event: 'exit' | 'close',
): Promise<number> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, event === 'exit' ? {stdio: 'ignore'} : {});
		child.once('error', reject);
		child.once(event, () => resolve(performance.now() - started));
	});
}

async function processExit(orchestrator: Orchestrator, options: object): Promise<number> {
	const started = performance.now();
	const child = new Process({...options, orchestrator});
	await child.start();
	await child.join();
	return performance.now() - started;
}

// The two sides take turns going first, so that whatever else the machine does falls on both;
// the first two rounds warm up.
async function alternate(
	ours: () => Promise<number>,
	theirs: () => Promise<number>,
): Promise<[number[], number[]]> {
	const a: number[] = [];
	const b: number[] = [];
	for (let run = 0; run < runs + 2; run++) {
		const oursFirst = run % 2 === 0;
		const early = oursFirst ? await ours() : 0;
		const anchor = await theirs();
		const late = oursFirst ? early : await ours();
		if (run < 2) continue;
		a.push(late);
		b.push(anchor);
	}
	return [a, b];
}

/** The three start figures. */
export async function benchStarts(): Promise<BenchRow[]> {
	const warm = await warmStarts(false);
	const unseen = await warmStarts(true);
	const python = runPython<number[]>(pythonStartJoin, [runs]);
	const orchestrator = createOrchestrator();
	let cold: [number[], number[]];
	let command: [number[], number[]];
	try {
		cold = await alternate(
			() => processExit(orchestrator, {target: task(tasks, 'nothing')}),
			() => exitOf(process.execPath, ['-e', '0'], 'exit'),
		);
		command = await alternate(
			() => processExit(orchestrator, {command: '/bin/true'}),
			() => exitOf('/bin/true', [], 'close'),
		);
	} finally {
		await orchestrator.stop({graceMs: 1000});
	}
	const pythonSample = python.ok ? sampleOf(python.output) : undefined;
	return [
		{
			figure: 'task Process start → running, warm',
			unit: 'ms',
			direction: 'lower',
			procdash: sampleOf(warm),
			anchor: {name: 'Python fork Process start+join', sample: pythonSample},
			goal: {text: '≤ 1.0×', bound: 1.0, on: 'ratio'},
			notes: [
				'createOrchestrator({spares: 2}), the same task again and again (the spares import its module ahead, as they learn it); from the call to new Process() to the task function’s first line, on the machine’s monotonic clock',
				...(python.ok ? [] : [python.note]),
			],
		},
		{
			figure: 'task Process start → running, warm, a module no spare has seen',
			unit: 'ms',
			direction: 'lower',
			procdash: sampleOf(unseen),
			anchor: {name: 'Python fork Process start+join', sample: pythonSample},
			goal: {text: '≤ 1.0×', bound: 1.0, on: 'ratio'},
			notes: ['each run’s task in a new module, imported on the way (a spare cannot have it)'],
		},
		{
			figure: 'task Process start → exit, cold',
			unit: 'ms',
			direction: 'lower',
			procdash: sampleOf(cold[0]),
			anchor: {name: 'bare `node -e 0`', sample: sampleOf(cold[1])},
			goal: {text: '≤ 1.15×', bound: 1.15, on: 'ratio'},
		},
		{
			figure: 'command Process `/bin/true` start → exit',
			unit: 'ms',
			direction: 'lower',
			procdash: sampleOf(command[0]),
			anchor: {name: 'raw `child_process.spawn`', sample: sampleOf(command[1])},
			goal: {text: '≤ 1.2×', bound: 1.2, on: 'ratio'},
			notes: ['both wait for the child’s pipes to close (`close`), which join() waits for too'],
		},
	];
}
