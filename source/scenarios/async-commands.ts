import {Process} from '../core/process/process.js';
import type {Scenario} from './scenario.js';

type Job = {
	readonly name: string;
	readonly script: string;
	readonly lines: number;
	readonly ms: number;
};

// Each job prints a line, then waits; together they would take the sum of their times one after
// another, and about the longest side by side.
const jobs: readonly Job[] = [
	{
		name: 'download',
		script: 'for i in 1 2 3 4; do echo "chunk $i of 4"; sleep 0.25; done',
		lines: 4,
		ms: 1000,
	},
	{
		name: 'compile',
		script: 'for f in parser.c lexer.c main.c; do echo "compiled $f"; sleep 0.35; done',
		lines: 3,
		ms: 1050,
	},
	{
		name: 'test',
		script:
			'for t in 1 2 3 4 5; do echo "case $t passed"; sleep 0.2; done; echo "5 passed, 0 failed" >&2',
		lines: 6,
		ms: 1000,
	},
];

/** Shell commands run concurrently, their output streamed line by line: asyncio's subprocess lesson. */
export const asyncCommands: Scenario = {
	name: 'async-commands',
	description: 'three shell commands at once, their output streamed line by line as it is printed',
	about:
		'Three shell commands run at once, like asyncio.gather over create_subprocess_shell. Each line reaches the event pane as it is printed, so lines interleave; all take about as long as the slowest.',
	async run(orchestrator) {
		const started = performance.now();
		const processes = jobs.map(
			(job) => new Process({command: 'sh', args: ['-c', job.script], name: job.name, orchestrator}),
		);
		const lines = new Map<number, number>();
		const order: number[] = [];
		const unsubscribe = orchestrator.bus.subscribe((event) => {
			if (event.type !== 'process:output') return;
			lines.set(event.id, (lines.get(event.id) ?? 0) + 1);
			order.push(event.id);
		});
		try {
			await Promise.all(processes.map((process) => process.start()));
			await Promise.all(processes.map((process) => process.join()));
		} finally {
			unsubscribe();
		}
		const elapsed = performance.now() - started;
		const sequentialMs = jobs.reduce((sum, job) => sum + job.ms, 0);
		const complete = processes.every(
			(process, index) => process.exitcode === 0 && lines.get(process.id) === jobs[index]?.lines,
		);
		// Interleaved: every command had printed its first line before any printed its last.
		const firsts = processes.map((process) => order.indexOf(process.id));
		const lasts = processes.map((process) => order.lastIndexOf(process.id));
		const interleaved = Math.max(...firsts) < Math.min(...lasts);
		return {
			ok: complete && interleaved && elapsed < sequentialMs,
			notes: [
				`${jobs.length} commands ran side by side in ${(elapsed / 1000).toFixed(2)} s (one after another: ${(sequentialMs / 1000).toFixed(2)} s); ${order.length} lines streamed as printed`,
			],
		};
	},
};
