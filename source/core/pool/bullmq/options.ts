import path from 'node:path';
import {checkTimeout, refuse} from '../../util/validate.js';
import {redisUrlProblem} from './redis.js';

/** The options of `new Pool({backend: 'bullmq', …})`, beside the common ones. */
export type RemotePoolOptions = {
	/**
	 * bullmq: the Redis URL, `redis://[user:password@]host:6379[/db]`, or `rediss://…` for TLS.
	 * Its password is never shown: events, errors and the dashboard print `***` in its place.
	 */
	readonly connection?: string;
	/** bullmq: the BullMQ queue the pool's jobs go to; `procdash worker --queue NAME` takes them. */
	readonly queue?: string;
	/**
	 * bullmq: the directory task modules are named relative to, as the workers' `--root` is on
	 * their machines; the working directory when omitted.
	 */
	readonly root?: string;
	/** bullmq: how long the first call waits for Redis to answer before the pool breaks; 5000 ms when omitted. */
	readonly connectTimeoutMs?: number;
};

/** A bullmq pool's options, checked. */
export type RemoteOptions = {
	readonly connection: string;
	readonly queue: string;
	readonly root: string;
	readonly connectTimeoutMs: number;
	/** The default of `processes` for a bullmq pool: jobs on Redis at once. */
	readonly inFlight: number;
};

const bullmqOnly = ['connection', 'queue', 'root', 'connectTimeoutMs'] as const;
const localOnly = ['initializer', 'maxTasksPerChild', 'output'] as const;

/** Checks the bullmq options: required with `backend: 'bullmq'`, refused without it. */
export function resolveRemote(
	options: RemotePoolOptions & {readonly [key: string]: unknown},
	backend: string,
): RemoteOptions | undefined {
	if (backend !== 'bullmq') {
		for (const name of bullmqOnly) {
			if (options[name] !== undefined)
				throw new TypeError(`Pool(): ${name} applies only to backend 'bullmq'`);
		}
		return undefined;
	}
	for (const name of localOnly) {
		if (options[name] !== undefined)
			throw new TypeError(
				`Pool(): ${name} does not apply to backend 'bullmq' (set it on procdash worker's machine)`,
			);
	}
	if (Array.isArray(options.initargs) && options.initargs.length > 0)
		throw new TypeError(`Pool(): initargs does not apply to backend 'bullmq'`);
	const problem = redisUrlProblem(options.connection);
	if (problem) throw new TypeError(`Pool(): connection ${problem}`);
	const {queue, root = process.cwd(), connectTimeoutMs = 5000} = options;
	if (typeof queue !== 'string' || !/^[\w.-]+$/.test(queue))
		refuse('Pool()', 'queue', 'a queue name of letters, digits, _ . or -', queue);
	if (typeof root !== 'string' || root === '') refuse('Pool()', 'root', 'a directory', root);
	checkTimeout('Pool()', connectTimeoutMs, 'connectTimeoutMs');
	return {
		connection: options.connection as string,
		queue,
		root: path.resolve(root),
		connectTimeoutMs,
		inFlight: 64,
	};
}
