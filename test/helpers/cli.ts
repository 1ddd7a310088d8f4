import {type ChildProcess, spawn} from 'node:child_process';
import type {BusEvent} from '../../source/core/events/index.js';
import type {Summary} from '../../source/headless/summary.js';
import {isRunning} from './processes.js';
import {cliPath, waitUntil} from './tmux.js';

/** What a finished run of the built `procdash` printed and how it ended. */
export type CliRun = {
	readonly exitcode: number | null;
	readonly stdout: string;
	readonly stderr: string;
	/** The NDJSON lines of stdout, parsed: the events, then the summary. */
	readonly events: readonly BusEvent[];
	readonly summary: Summary | undefined;
	/** The pid of procdash itself. */
	readonly pid: number;
};

/** Options of `runCli`. */
export type CliOptions = {
	readonly cwd?: string;
	/** Stops the run (SIGKILL) if it has not ended by then. */
	readonly timeoutMs?: number;
};

/** A `procdash` still running, whose stdout can be waited on line by line. */
export type RunningCli = {
	readonly child: ChildProcess;
	/** Resolves with the first stdout line (so far or to come) for which `predicate` holds. */
	readonly waitForLine: (
		predicate: (line: string) => boolean,
		timeoutMs?: number,
	) => Promise<string>;
	/** Resolves once procdash has exited. */
	readonly finished: Promise<CliRun>;
};

/** Starts the built `procdash` with `args` as a real process (no shell, stdin closed). */
export function startCli(
	args: readonly string[],
	{cwd, timeoutMs = 30_000}: CliOptions = {},
): RunningCli {
	const child = spawn(process.execPath, [cliPath, ...args], {
		cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const waiters = new Set<() => void>();
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		for (const waiter of waiters) waiter();
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const finished = new Promise<CliRun>((resolve) => {
		child.once('close', (code) => {
			clearTimeout(timer);
			for (const waiter of waiters) waiter();
			resolve(parseRun(code, stdout, stderr, child.pid ?? 0));
		});
	});
	const waitForLine = (predicate: (line: string) => boolean, waitMs = 10_000) =>
		new Promise<string>((resolve, reject) => {
			const check = () => {
				const line = stdout.split('\n').find(predicate);
				if (line !== undefined) {
					done();
					resolve(line);
				} else if (child.exitCode !== null || child.signalCode !== null) {
					done();
					reject(new Error(`procdash exited before the line came; stdout:\n${stdout}`));
				}
			};
			const deadline = setTimeout(() => {
				done();
				reject(new Error(`no such line within ${waitMs} ms; stdout:\n${stdout}`));
			}, waitMs);
			const done = () => {
				clearTimeout(deadline);
				waiters.delete(check);
			};
			waiters.add(check);
			check();
		});
	return {child, waitForLine, finished};
}

/** Runs the built `procdash` with `args` to its end. */
export function runCli(args: readonly string[], options?: CliOptions): Promise<CliRun> {
	return startCli(args, options).finished;
}

function parseRun(exitcode: number | null, stdout: string, stderr: string, pid: number): CliRun {
	const events: BusEvent[] = [];
	let summary: Summary | undefined;
	for (const line of stdout.split('\n')) {
		if (!line.startsWith('{')) continue;
		const value = JSON.parse(line) as BusEvent | Summary;
		if (value.type === 'summary') summary = value as Summary;
		else events.push(value as BusEvent);
	}
	return {exitcode, stdout, stderr, events, summary, pid};
}

/** Every pid a run's events mention: the processes it started and their sampled descendants. */
export function pidsIn(events: readonly BusEvent[]): number[] {
	const pids = new Set<number>();
	for (const event of events) {
		if (event.type === 'process:started') pids.add(event.pid);
		if (event.type === 'stats:sampled') for (const stats of event.processes) pids.add(stats.pid);
	}
	return [...pids];
}

/**
 * Waits (with a deadline) until none of `pids` is running, zombies aside: on this machine init does
 * not reap orphans, so a dead process may linger as a zombie.
 */
export async function expectNoneRunning(pids: readonly number[], timeoutMs = 5000): Promise<void> {
	await waitUntil(
		() => (pids.some(isRunning) ? undefined : true),
		timeoutMs,
		() => `still running: ${pids.filter(isRunning).join(', ')}`,
	);
}
