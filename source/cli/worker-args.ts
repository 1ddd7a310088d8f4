// `procdash worker --redis URL --queue NAME [--concurrency N] [--root DIR] [--stalled-ms MS] [--json]`
import {availableParallelism} from 'node:os';
import path from 'node:path';
import {redisUrlProblem} from '../core/pool/bullmq/redis.js';

/** What `procdash worker` was asked to do. */
export type WorkerCommand = {
	readonly kind: 'worker';
	/** The Redis URL (its password is never printed). */
	readonly redis: string;
	readonly queue: string;
	/** Chunks run at once, each in a process of this machine. */
	readonly concurrency: number;
	/** The directory task modules are resolved under (absolute). */
	readonly root: string;
	/** BullMQ's lock duration and stalled-check interval, in milliseconds. */
	readonly stalledMs: number;
	/** NDJSON on stdout rather than the dashboard (also when stdout is not a terminal). */
	readonly json: boolean;
};

/** The default of `--stalled-ms`: BullMQ's own lock duration. */
export const defaultStalledMs = 30_000;

/** Reads the arguments after `worker`; throws the error `usage` makes of what is wrong (args.ts: a UsageError). */
export function workerCommand(
	argv: readonly string[],
	usage: (message: string) => Error,
): WorkerCommand {
	const values = new Map<string, string>();
	let json = false;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index] as string;
		if (arg === '--json') {
			json = true;
			continue;
		}
		const equals = arg.indexOf('=');
		const name = equals === -1 ? arg : arg.slice(0, equals);
		if (!names.includes(name)) throw usage(`procdash worker: unknown argument '${arg}'`);
		const value = equals === -1 ? argv[++index] : arg.slice(equals + 1);
		if (value === undefined || value === '') throw usage(`${name} needs a value`);
		values.set(name, value);
	}
	const redis = values.get('--redis');
	const queue = values.get('--queue');
	if (redis === undefined || queue === undefined)
		throw usage('procdash worker needs --redis URL and --queue NAME');
	const problem = redisUrlProblem(redis);
	if (problem) throw usage(`--redis ${problem}`);
	if (!/^[\w.-]+$/.test(queue))
		throw usage(`--queue must be a queue name of letters, digits, _ . or -, got '${queue}'`);
	return {
		kind: 'worker',
		redis,
		queue,
		concurrency: whole(values, '--concurrency', availableParallelism(), usage),
		root: path.resolve(values.get('--root') ?? '.'),
		stalledMs: whole(values, '--stalled-ms', defaultStalledMs, usage),
		json,
	};
}

const names = ['--redis', '--queue', '--concurrency', '--root', '--stalled-ms'];

function whole(
	values: ReadonlyMap<string, string>,
	name: string,
	fallback: number,
	usage: (message: string) => Error,
): number {
	const value = values.get(name);
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value) || Number(value) < 1)
		throw usage(`invalid value for ${name}: '${value}' (expected a whole number, 1 or more)`);
	return Number(value);
}
