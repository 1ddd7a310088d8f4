// `procdash worker`'s engine: a BullMQ Worker on the queue whose every job (a chunk of a bullmq
// pool's call) runs as one task of a local procdash Pool, so that everything procdash guarantees
// on one machine holds on this one: a process per task at a time, group kill, no orphans, a dead
// worker process failing its task (or running it again, `retries`) instead of hanging.
import {existsSync, realpathSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Job, Worker} from 'bullmq';
import {TaskLoadError, toErrorInfo} from '../../errors.js';
import type {Orchestrator} from '../../orchestrator/orchestrator.js';
import {task} from '../../process/task.js';
import {Pool} from '../pool.js';
import {beat, beatEveryMs, forget} from './heartbeat.js';
import {checkJson} from './json.js';
import {loadBullmq, RedisLink} from './redis.js';
import {type ChunkData, type ChunkOutcome, chunkJobName} from './wire.js';

/** What `procdash worker` serves, and how. */
export type ServeOptions = {
	readonly connection: string;
	readonly queue: string;
	/** Chunks run at once: the local pool's processes. */
	readonly concurrency: number;
	/** Task modules are resolved under it; one outside it is refused, never loaded. */
	readonly root: string;
	/**
	 * BullMQ's lock duration and stalled-check interval: a worker that vanishes has its jobs taken
	 * up by the others within about twice this.
	 */
	readonly stalledMs: number;
	readonly orchestrator: Orchestrator;
};

/** A running `procdash worker`: stop it with `close()`. */
export type QueueServer = {
	/** Stops taking jobs, gives the running ones back to the queue, and stops their processes. */
	close(): Promise<void>;
};

/** Starts consuming `options.queue`; resolves once the Worker is connected. */
export async function serveQueue(options: ServeOptions): Promise<QueueServer> {
	const packages = await loadBullmq();
	const link = new RedisLink(options.connection, packages);
	const root = realpathSync(options.root);
	const pool = new Pool({processes: options.concurrency, orchestrator: options.orchestrator});
	const host = hostname();
	// The jobs running now, with their lock tokens: on a stop they go back to the queue at once.
	const running = new Map<Job, string | undefined>();
	let busy = 0;
	// Once stopping, a chunk cut short answers nothing: its job goes back to the queue instead of
	// completing with the stop's error.
	let stopping = false;
	const worker: Worker = new packages.bullmq.Worker(
		options.queue,
		async (job: Job, token?: string) => {
			busy++;
			running.set(job, token);
			try {
				const outcome = await runChunk(job, {pool, root, host});
				return stopping ? await new Promise<never>(() => {}) : outcome;
			} finally {
				busy--;
				running.delete(job);
			}
		},
		{
			connection: link.client(),
			concurrency: options.concurrency,
			lockDuration: options.stalledMs,
			stalledInterval: options.stalledMs,
			maxStalledCount: 1,
			name: `procdash@${host}:${process.pid}`,
		},
	);
	worker.on('error', () => {});
	await worker.waitUntilReady();
	// The pools on the queue show this worker from its heartbeat: what it is, how busy, how fresh.
	const heart = link.client();
	const {queue, concurrency, stalledMs} = options;
	const pulse = () =>
		beat(heart, queue, {
			host,
			pid: process.pid,
			concurrency,
			busy,
			stalledMs,
			at: Date.now(),
		}).catch(() => {});
	await pulse();
	const timer = setInterval(pulse, beatEveryMs(stalledMs));
	// Take no new job, and give back the running ones now, rather than after their lock expires:
	// another worker takes them up at once. The orchestrator's stop (a signal) may come first.
	let givingBack: Promise<void> | undefined;
	const giveBack = () => {
		stopping = true;
		clearInterval(timer);
		givingBack ??= (async () => {
			await forget(heart, queue, host, process.pid).catch(() => {});
			await worker.pause(true).catch(() => {});
			await Promise.all([...running].map(([job, token]) => job.moveToWait(token).catch(() => 0)));
		})();
		return givingBack;
	};
	const unsubscribe = options.orchestrator.bus.subscribe((event) => {
		if (event.type === 'orchestrator:stopping') void giveBack();
	});
	return {
		async close() {
			unsubscribe();
			await giveBack();
			await worker.close(true);
			await pool.terminate();
			link.close();
		},
	};
}

type Context = {readonly pool: Pool; readonly root: string; readonly host: string};

async function runChunk(job: Job, {pool, root, host}: Context): Promise<ChunkOutcome> {
	const started = performance.now();
	const ran = () => ({host, pid: process.pid, ms: Math.round(performance.now() - started)});
	try {
		const data = chunkData(job);
		const target = task(pathToFileURL(moduleUnder(root, data.module)), data.exportName);
		const options = {chunksize: Math.max(1, data.items.length), retries: data.retries};
		const values = data.spread
			? await pool.starmap(target, data.items as unknown[][], options)
			: await pool.map(target, data.items, options);
		// A task that returns nothing gives null: JSON has no undefined.
		const sendable = values.map((value) => (value === undefined ? null : value));
		checkJson(sendable, `task '${data.exportName}' returned values: item`);
		return {ok: true, values: sendable, ...ran()};
	} catch (error) {
		return {ok: false, error: toErrorInfo(error), ...ran()};
	}
}

function chunkData(job: Job): ChunkData {
	const data = job.data as Partial<ChunkData> | undefined;
	if (
		job.name !== chunkJobName ||
		typeof data?.module !== 'string' ||
		typeof data.exportName !== 'string' ||
		!Array.isArray(data.items)
	) {
		throw new TypeError(`job ${job.id} is not a procdash chunk (name '${job.name}')`);
	}
	return {...data, retries: Number.isInteger(data.retries) ? data.retries : 0} as ChunkData;
}

/**
 * The file of a job's module under `root`. A module outside it — `..`, an absolute path, a link
 * leading out — is refused with a TaskLoadError and never loaded: a job is data from the network.
 */
export function moduleUnder(root: string, module: string): string {
	const refused = (why: string) =>
		new TaskLoadError(
			`module '${module}' is outside this worker's root (${root}): ${why}; refused`,
		);
	if (path.isAbsolute(module) || module.includes('\0')) throw refused('not a relative path');
	const file = path.resolve(root, module);
	if (!inside(root, file)) throw refused('it leads out of the root');
	if (existsSync(file) && !inside(root, realpathSync(file)))
		throw refused('a link leads out of the root');
	return file;
}

function inside(root: string, file: string): boolean {
	const relative = path.relative(root, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
