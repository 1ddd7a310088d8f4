import {randomUUID} from 'node:crypto';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	type AbortError,
	PoolBrokenError,
	PoolTerminatedError,
	toErrorInfo,
	WorkerDiedError,
} from '../../errors.js';
import type {PoolEnding} from '../../events/pool.js';
import type {Orchestrator} from '../../orchestrator/orchestrator.js';
import {KeepAlive} from '../../util/keep-alive.js';
import {redact} from '../../util/redact.js';
import {PoolEmitter} from '../emitter.js';
import type {PoolEngine, PoolState} from '../engine.js';
import type {PoolJob, PoolTask} from '../jobs.js';
import type {ResolvedPoolOptions} from '../options.js';
import {unpack} from '../pack.js';
import {checkRoom, TaskQueue} from '../queue.js';
import type {RemoteOptions} from './options.js';
import {readOutcome, remoteWorker} from './remote-outcome.js';
import {Session} from './session.js';
import type {ChunkData} from './wire.js';

// Task events of a job no worker has named yet (it is active, the outcome tells where it ran).
const unknownWorker = {processId: 0, worker: 'remote'} as const;

/**
 * The bullmq backend of a Pool: one BullMQ job per chunk on the pool's queue, at most `processes`
 * of them on Redis at once, their outcomes heard through the queue's events. The jobs carry the
 * pool's tag (a UUID), so two pools on one queue never take each other's results.
 */
export class BullmqDispatcher implements PoolEngine {
	readonly #options: ResolvedPoolOptions;
	readonly #remote: RemoteOptions;
	readonly #name: string;
	readonly #events: PoolEmitter;
	readonly #tag = randomUUID();
	readonly #queue = new TaskQueue();
	// Tasks whose job is on Redis, by job id, and those a worker has begun.
	readonly #inFlight = new Map<string, PoolTask>();
	readonly #started = new Set<string>();
	readonly #idleWaiters: (() => void)[] = [];
	readonly #keepAlive = new KeepAlive();
	readonly #unsubscribe: () => void;
	#session: Promise<Session> | undefined;
	#closing: Promise<void> | undefined;
	// Jobs being taken off Redis (a cancel, terminate): the session closes after.
	#removing: Promise<unknown> = Promise.resolve();
	#state: PoolState = 'running';
	#failure: Error | undefined;
	#outstanding = 0;
	#nextTaskId = 1;
	#dispatching = false;

	constructor(options: ResolvedPoolOptions, orchestrator: Orchestrator, id: number, name: string) {
		this.#options = options;
		this.#remote = options.remote as RemoteOptions;
		this.#name = name;
		this.#events = new PoolEmitter(orchestrator.bus, id, name);
		this.#events.emit('pool:created', {
			processes: options.processes,
			maxTasksPerChild: null,
			remote: {queue: this.#remote.queue, connection: redact(this.#remote.connection)},
		});
		this.#unsubscribe = orchestrator.bus.subscribe((event) => {
			if (event.type === 'orchestrator:stopping')
				void this.#abandon(
					'terminated',
					new PoolTerminatedError(`${name}: the orchestrator is stopping`),
				);
		});
	}

	get state(): PoolState {
		return this.#state;
	}

	get failure(): Error | undefined {
		return this.#failure;
	}

	submit(job: PoolJob, items: readonly unknown[], chunksize: number): void {
		const module = relativeModule(job, this.#remote.root);
		checkRoom(this.#name, job.call, Math.ceil(items.length / chunksize), {
			outstanding: this.#outstanding,
			processes: this.#options.processes,
			maxQueue: this.#options.maxQueue,
		});
		const tasks = job.tasks(items, chunksize, () => this.#nextTaskId++);
		if (tasks.length === 0) return;
		moduleOf.set(job, module);
		this.#outstanding += tasks.length;
		this.#queue.push(tasks);
		this.#events.emit('pool:task-queued', {tasks: tasks.length, count: items.length});
		this.#keepAlive.set(true);
		this.#dispatch();
	}

	cancel(job: PoolJob, error: AbortError): void {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		const tasks = this.#queue.remove((task) => task.job === job);
		const jobIds: string[] = [];
		let running = 0;
		for (const [jobId, task] of this.#inFlight) {
			if (task.job !== job) continue;
			this.#inFlight.delete(jobId);
			jobIds.push(jobId);
			tasks.push(task);
			if (this.#started.delete(jobId)) running += task.items.length;
		}
		if (tasks.length === 0) return;
		this.#removeJobs(jobIds);
		this.#events.callCancelled(job, error.message, tasks, running);
		for (const task of tasks) this.#settle(task, error);
		this.#dispatch();
	}

	close(): void {
		if (this.#state !== 'running') return;
		this.#state = 'closed';
		this.#events.emit('pool:closed', {how: 'closed'});
		this.#checkIdle();
	}

	async idle(): Promise<void> {
		if (this.#outstanding === 0 && !this.#session && !this.#closing) return;
		await new Promise<void>((resolve) => {
			this.#idleWaiters.push(resolve);
			this.#keepAlive.set(true);
		});
	}

	async terminate(): Promise<void> {
		await this.#abandon('terminated', new PoolTerminatedError(`${this.#name} was terminated`));
		await this.idle();
	}

	// Outcomes arrive in bursts (the queue's events are read in batches): the jobs that replace
	// them go to Redis as one addBulk at the end of the burst, not one round trip each.
	#dispatch(): void {
		if (this.#dispatching) return;
		this.#dispatching = true;
		setImmediate(() => {
			this.#dispatching = false;
			this.#dispatchNow();
		});
	}

	#dispatchNow(): void {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		const room = this.#options.processes - this.#inFlight.size;
		if (room <= 0 || this.#queue.length === 0) return;
		const jobs = this.#queue.take(room).map((task) => {
			const jobId = `${this.#tag}-${task.id}-${task.attempts}`;
			this.#inFlight.set(jobId, task);
			return {jobId, data: this.#chunkData(task)};
		});
		this.#open()
			.then((session) => session.add(jobs))
			.catch((error: unknown) => this.#abandon('broken', brokenBy(this.#name, error)));
	}

	#chunkData(task: PoolTask): ChunkData {
		const {job} = task;
		return {
			pool: this.#tag,
			taskId: task.id,
			module: moduleOf.get(job) as string,
			exportName: job.target.exportName,
			spread: job.spread,
			items: unpack(task.items),
			retries: job.retries,
		};
	}

	#open(): Promise<Session> {
		this.#session ??= Session.open(this.#remote, {
			active: (jobId) => this.#onActive(jobId),
			completed: (jobId, returnvalue) => this.#onCompleted(jobId, returnvalue),
			failed: (jobId, reason) => this.#onFailed(jobId, reason),
			status: (status, connection) => this.#events.emit('pool:redis', {status, connection}),
			workers: (heartbeats) => {
				const now = Date.now();
				const workers = heartbeats.map(({host, pid, concurrency, busy, stalledMs, at}) => {
					const heartbeatAgeMs = Math.max(0, now - at);
					const state = heartbeatAgeMs > stalledMs ? ('stale' as const) : ('live' as const);
					return {host, pid, concurrency, busy, heartbeatAgeMs, state};
				});
				this.#events.emit('pool:remote-workers', {workers});
			},
		});
		return this.#session;
	}

	#onActive(jobId: string): void {
		const task = this.#inFlight.get(jobId);
		if (!task || this.#started.has(jobId)) return;
		this.#started.add(jobId);
		this.#events.taskStarted(unknownWorker, task);
	}

	#onCompleted(jobId: string, returnvalue: unknown): void {
		const task = this.#take(jobId);
		if (!task) return;
		const read = readOutcome(task, returnvalue);
		const at =
			'outcome' in read ? {processId: 0, worker: remoteWorker(read.outcome)} : unknownWorker;
		const ms = 'outcome' in read ? read.outcome.ms : 0;
		if (read.error) {
			this.#events.taskDone(at, task, ms, toErrorInfo(read.error));
			this.#settle(task, read.error);
		} else if ('outcome' in read && read.outcome.ok) {
			this.#events.taskDone(at, task, ms);
			this.#settle(task, read.outcome.values);
		}
		this.#dispatch();
	}

	// BullMQ fails a job whose lock expired more often than its workers' maxStalledCount: the
	// procdash worker running it vanished (SIGKILL, a machine gone) each time. A death, as locally.
	#onFailed(jobId: string, reason: string): void {
		const task = this.#take(jobId);
		if (!task) return;
		const death = new WorkerDiedError({
			worker: 'remote',
			pid: undefined,
			exitcode: null,
			signal: null,
			taskId: task.id,
			call: `${task.job.call}(${task.job.target.module.split('/').pop()}#${task.job.target.exportName})`,
			items: [task.first, task.first + task.items.length - 1],
			how: `was lost (BullMQ failed its job: ${reason})`,
		});
		if (task.attempts < task.job.retries) {
			task.attempts++;
			this.#queue.unshift([task]);
			this.#events.taskRetried(task, toErrorInfo(death));
		} else {
			this.#events.taskDone(unknownWorker, task, 0, toErrorInfo(death));
			this.#settle(task, death);
		}
		this.#dispatch();
	}

	#take(jobId: string): PoolTask | undefined {
		const task = this.#inFlight.get(jobId);
		if (!task) return undefined;
		this.#inFlight.delete(jobId);
		// A job that ended without an 'active' heard (its events came together) still started.
		if (!this.#started.delete(jobId)) this.#events.taskStarted(unknownWorker, task);
		return task;
	}

	#settle(task: PoolTask, outcome: readonly unknown[] | Error): void {
		this.#outstanding--;
		if (outcome instanceof Error) task.job.fail(task, outcome);
		else task.job.succeed(task, outcome);
		this.#checkIdle();
	}

	// Stops taking work and fails everything still held; the jobs not yet taken leave Redis.
	async #abandon(how: Exclude<PoolEnding, 'closed'>, error: Error): Promise<void> {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		this.#state = how;
		this.#failure = error;
		const held = this.#queue.drain();
		const jobIds = [...this.#inFlight.keys()];
		held.push(...this.#inFlight.values());
		this.#inFlight.clear();
		this.#started.clear();
		this.#events.abandoned(how, error.message, held);
		const removed = this.#removeJobs(jobIds);
		for (const task of held) this.#settle(task, error);
		await removed;
	}

	#removeJobs(jobIds: readonly string[]): Promise<unknown> {
		const session = this.#session;
		if (!session || jobIds.length === 0) return Promise.resolve();
		const removing = session.then((open) => open.remove(jobIds)).catch(() => {});
		this.#removing = Promise.all([this.#removing, removing]);
		return removing;
	}

	// Nothing outstanding: the session closes (it is opened again by the next call).
	#checkIdle(): void {
		if (this.#outstanding > 0) return;
		const session = this.#session;
		this.#session = undefined;
		if (session && !this.#closing) {
			this.#closing = Promise.all([session, this.#removing])
				.then(([open]) => open.close())
				.catch(() => {})
				.finally(() => {
					this.#closing = undefined;
					this.#checkIdle();
				});
			return;
		}
		if (this.#closing || this.#session) return;
		if (this.#state !== 'running') this.#unsubscribe();
		for (const resolve of this.#idleWaiters.splice(0)) resolve();
		this.#keepAlive.set(false);
	}
}

// Each call's module as the workers name it, set when its tasks are made.
const moduleOf = new WeakMap<PoolJob, string>();

/** A task's module relative to the pool's root, with `/` between its parts, as workers resolve it. */
function relativeModule(job: PoolJob, root: string): string {
	const {module} = job.target;
	if (!module.startsWith('file:')) {
		throw new TypeError(
			`${job.call}(): a bullmq pool's task module must be a file under its root (${root}), got ${module.slice(0, 40)}`,
		);
	}
	return path.relative(root, fileURLToPath(module)).split(path.sep).join('/');
}

function brokenBy(name: string, error: unknown): Error {
	const {message} = toErrorInfo(error);
	return new PoolBrokenError(`${name}: ${message}`, {cause: error});
}
