import {InputError} from '../core/errors.js';
import type {StopCommand} from '../core/process/stop-command.js';
/** When a process of a scenario file is started again after it exits. */
export type RestartPolicy = 'no' | 'on-failure' | 'always';

/** What a process waits for in another before it starts. */
export type DependencyCondition = 'started' | 'healthy' | 'completed' | 'completed_successfully';

/** What a probe checks: a command exits 0, a URL answers 2xx/3xx, a port connects, a line is printed. */
export type ProbeCheck =
	| {readonly kind: 'exec'; readonly command: string; readonly args: readonly string[]}
	| {readonly kind: 'http'; readonly url: string}
	| {readonly kind: 'tcp'; readonly host: string; readonly port: number}
	| {readonly kind: 'log'; readonly pattern: RegExp};

/** A readiness or liveness probe: its check and when it runs. */
export type Probe = {
	readonly check: ProbeCheck;
	readonly initialDelayMs: number;
	readonly periodMs: number;
	readonly timeoutMs: number;
	/** Successes in a row that make the process ready (readiness). */
	readonly successThreshold: number;
	/** Failures in a row that make it unhealthy (and, for liveness, restart it). */
	readonly failureThreshold: number;
};

/** One `depends_on` entry. */
export type Dependency = {
	/** The name of the process depended on. */
	readonly name: string;
	readonly condition: DependencyCondition;
};

/** One process of a scenario file, validated, with every default filled in. */
export type ProcessSpec = {
	readonly name: string;
	/** The executable; with `shell`, the whole command line for `/bin/sh -c`. */
	readonly command: string;
	readonly args: readonly string[];
	/** An absolute directory (relative paths are resolved against the scenario file's). */
	readonly cwd: string | undefined;
	/** Added to procdash's own environment. */
	readonly env: Readonly<Record<string, string>> | undefined;
	readonly shell: boolean;
	readonly restart: RestartPolicy;
	/** The first restart's delay; each further one doubles it, up to `maxBackoffMs`. */
	readonly backoffMs: number;
	readonly maxRestarts: number;
	readonly dependsOn: readonly Dependency[];
	/** The exit codes that count as success (for restarts, dependencies and the verdict). */
	readonly successExitCodes: readonly number[];
	/** When this process fails for good, the whole scenario stops. */
	readonly exitOnFailure: boolean;
	/** When this process ends for good, whatever its exit code, the whole scenario stops. */
	readonly exitOnEnd: boolean;
	/** When it is ready: `depends_on: {name: healthy}` waits for it. */
	readonly readiness: Probe | undefined;
	/** Whether it still works: failing it stops the process, for its restart policy to act. */
	readonly liveness: Probe | undefined;
	/** Its output's log file: every line with its time, rotated past `maxBytes`, `keep` old ones. */
	readonly log:
		| {readonly file: string; readonly maxBytes: number; readonly keep: number}
		| undefined;
	/** Whether it gets a pipe as its stdin, which the dashboard's `i` writes to. */
	readonly stdin: boolean;
	/** How a stop begins (`command`, `signal`, else SIGTERM) and how long it waits before SIGKILL. */
	readonly stop: StopRule | undefined;
};

/** A process's `stop`: what a stop runs or sends first, and how long it waits before SIGKILL. */
export type StopRule = {
	readonly signal: NodeJS.Signals;
	readonly graceMs: number | undefined;
	/** Run to stop the process instead of the signal, which follows only if the command fails. */
	readonly command?: StopCommand;
};

/** A scenario file, validated. */
export type ScenarioConfig = {
	/** The file as named on the command line. */
	readonly file: string;
	readonly description: string | undefined;
	/** In the file's order. */
	readonly processes: readonly ProcessSpec[];
	/** Lines to print before the run: what of the file procdash reads but does not do. */
	readonly warnings: readonly string[];
};

/** The longest wait between two restarts, however many came before. */
export const maxBackoffMs = 30_000;

/** A scenario file that cannot be read or is not valid; one line per problem. */
export class ConfigError extends InputError {
	override readonly name = 'ConfigError';
	/** Each problem as `file:line:column: …` (syntax) or `file: field.path: …` (schema). */
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(problems.join('\n'), {located: true});
		this.problems = problems;
	}
}
