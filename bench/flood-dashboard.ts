// The dashboard under a flood of shared-value changes, for bench/dashboard.ts, which runs this in
// a real terminal (tmux). Four children add 1 to one Value, `rate` times a second in all, for
// `seconds`, while procdash's own dashboard shows it. The harness — not the product — counts
// the frames Ink writes to stdout and appends, every second, a line to `statsFile`: the frames so
// far, the value, and the heap. Usage: flood-dashboard.js RATE SECONDS STATS_FILE
import {appendFileSync} from 'node:fs';
import {createOrchestrator} from '../source/core/orchestrator/orchestrator.js';
import {Process} from '../source/core/process/process.js';
import {task} from '../source/core/process/task.js';
import {Value} from '../source/core/shared/value.js';
import type {Scenario} from '../source/scenarios/scenario.js';

const [rate = 50_000, seconds = 60] = process.argv.slice(2, 4).map(Number);
const statsFile = process.argv[4] as string;
const children = 4;

// A frame is one write of the screen; the begin/end-synchronized-update sequences Ink writes
// around it (a few bytes each) are not frames.
let frames = 0;
const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
	if (typeof chunk === 'string' ? chunk.length > 32 : (chunk as Uint8Array).length > 32) frames++;
	return write(chunk, ...rest);
}) as typeof process.stdout.write;

let counter: Value | undefined;
setInterval(() => {
	const memory = process.memoryUsage();
	const line = {
		at: performance.now(),
		frames,
		value: counter?.value ?? 0,
		heapMb: Math.round(memory.heapUsed / 1e6),
		externalMb: Math.round(memory.external / 1e6),
	};
	appendFileSync(statsFile, `${JSON.stringify(line)}\n`);
}, 1000).unref();

const flood: Scenario = {
	name: 'flood',
	description: `${children} processes add 1 to one value, ${rate} times a second in all`,
	about: 'A benchmark: the dashboard must keep its frame rate, its keys and its memory.',
	async run(orchestrator) {
		const value = new Value('i', 0, {name: 'flood', orchestrator});
		counter = value;
		const hammer = task(new URL('./tasks.js', import.meta.url), 'hammer');
		const workers = Array.from(
			{length: children},
			() => new Process({target: hammer, args: [value, rate / children, seconds], orchestrator}),
		);
		for (const worker of workers) await worker.start();
		await Promise.all(workers.map((worker) => worker.join()));
		return {ok: true, notes: [`${value.value} changes`]};
	},
};

// As procdash itself loads the dashboard (source/cli/modes.ts): the bundle `npm run build` made,
// with React's production build.
const {runDashboard} = (await import(
	new URL('../source/ui/bundle.js', import.meta.url).href
)) as typeof import('../source/ui/dashboard.js');

process.exitCode = await runDashboard({
	// Printed, the flood would land over the dashboard.
	orchestrator: createOrchestrator({output: 'capture'}),
	scenario: flood,
});
