import {type AbortError, PoolTerminatedError, rebuildError, toErrorInfo} from '../errors.js';
import type {PoolEnding, ReplacementReason} from '../events/pool.js';
import {isPoolWorkerMessage, type PoolWorkerMessage} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {KeepAlive} from '../util/keep-alive.js';
import {BootFailures} from './boot.js';
import {PoolEmitter} from './emitter.js';
import type {PoolEngine, PoolState} from './engine.js';
import type {PoolJob, PoolTask} from './jobs.js';
import type {ResolvedPoolOptions} from './options.js';
import {type Packed, packAtLeast, packSlice} from './pack.js';
import {checkRoom, TaskQueue} from './queue.js';
import {withdraw} from './withdraw.js';
import {
	answered,
	capacity,
	createWorker,
	deathOf,
	markReady,
	postTasks,
	stopWorker,
	type WorkerSlot,
} from './workers.js';

// terminate(): SIGTERM, then SIGKILL to workers still there after this long.
const terminateGraceMs = 1000;

/**
 * The machinery behind Pool: the queue, the workers, dispatch, worker death and replacement.
 * Every change is an event on the orchestrator's bus.
 */
export class PoolScheduler implements PoolEngine {
	readonly #options: ResolvedPoolOptions;
	readonly #orchestrator: Orchestrator;
	readonly #name: string;
	readonly #events: PoolEmitter;
	readonly #queue = new TaskQueue();
	readonly #slots = new Set<WorkerSlot>();
	// Its workers by Process id, to know their exits from the bus. (Not join(): joining a daemon
	// holds the program open, and a pool nobody closed must not.)
	readonly #byProcess = new Map<number, WorkerSlot>();
	readonly #idleWaiters: (() => void)[] = [];
	readonly #unsubscribe: () => void;
	#state: PoolState = 'running';
	#failure: Error | undefined;
	#outstanding = 0;
	#nextTaskId = 1;
	#terminating: Promise<void> | undefined;
	readonly #keepAlive = new KeepAlive();
	readonly #bootFailures: BootFailures;

	constructor(options: ResolvedPoolOptions, orchestrator: Orchestrator, id: number, name: string) {
		this.#options = options;
		this.#orchestrator = orchestrator;
		this.#name = name;
		this.#events = new PoolEmitter(orchestrator.bus, id, name);
		this.#bootFailures = new BootFailures(name);
		this.#events.emit('pool:created', {
			processes: options.processes,
			maxTasksPerChild: options.maxTasksPerChild ?? null,
		});
		this.#unsubscribe = orchestrator.bus.subscribe((event) => {
			if (event.type === 'process:exited') {
				const slot = this.#byProcess.get(event.id);
				// One turn later: if the exit was seen before the channel was drained, whatever
				// the worker sent last has been read by then.
				if (slot) setImmediate(() => this.#onExit(slot));
			} else if (event.type === 'orchestrator:stopping') {
				// The orchestrator signals every worker itself; the pool only has to fail what it
				// still holds, and not start replacements.
				this.#abandon(
					'terminated',
					new PoolTerminatedError(`${name}: the orchestrator is stopping`),
				);
			}
		});
		for (let index = 0; index < options.processes; index++) this.#startWorker();
	}

	/** running, closed (no new work), terminated, or broken (workers cannot start). */
	get state(): PoolState {
		return this.#state;
	}

	/** Why the pool broke or was terminated, when it was. */
	get failure(): Error | undefined {
		return this.#failure;
	}

	/**
	 * Queues `job`'s items in chunks of `chunksize` and sends what workers can take. Throws a
	 * PoolQueueFullError, queuing nothing, when more tasks than `maxQueue` would then wait.
	 */
	submit(job: PoolJob, items: readonly unknown[], chunksize: number): void {
		checkRoom(this.#name, job.call, Math.ceil(items.length / chunksize), {
			outstanding: this.#outstanding,
			processes: this.#options.processes,
			maxQueue: this.#options.maxQueue,
		});
		const cut = this.#cutter(job, items, chunksize);
		const tasks = job.tasks(items, chunksize, () => this.#nextTaskId++, cut);
		if (tasks.length === 0) return;
		this.#outstanding += tasks.length;
		this.#queue.push(tasks);
		this.#events.emit('pool:task-queued', {tasks: tasks.length, count: items.length});
		this.#updateKeepAlive();
		this.#dispatch();
	}

	// A map's chunks of numbers are packed once, as they are cut: each is sent as it is kept.
	// When every item is a number, a typed array's set() packs them all natively (2.3 ms for
	// 100k, where a first map's JavaScript loop takes 3–10 ms and the constructor 4–7 ms), and
	// each chunk is a view of it; a thread's is a copy, as cloning a view clones its whole buffer.
	#cutter(
		job: PoolJob,
		items: readonly unknown[],
		chunksize: number,
	): ((items: readonly unknown[], start: number, end: number) => Packed) | undefined {
		if (job.spread || chunksize < packAtLeast) return undefined;
		if (!job.numbers) return packSlice;
		const packed = new Float64Array(items.length);
		packed.set(items as readonly number[]);
		const thread = this.#options.backend === 'thread';
		return (_, start, end) => {
			if (end - start < packAtLeast) return items.slice(start, end);
			return thread ? packed.slice(start, end) : packed.subarray(start, end);
		};
	}

	/**
	 * Cancels `job`: its queued tasks are dropped, the workers running its tasks are killed (and
	 * replaced), and each of its tasks not yet answered fails with `error`.
	 */
	cancel(job: PoolJob, error: AbortError): void {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		const {tasks, running, workers} = withdraw(job, this.#queue, this.#slots);
		if (tasks.length === 0) return;
		for (const slot of workers) {
			slot.cancelled = true;
			slot.stopping = true;
			slot.process.kill();
		}
		this.#events.callCancelled(job, error.message, tasks, running);
		for (const task of tasks) this.#settle(task, error);
		this.#dispatch();
	}

	/** No new work; workers stop once the queue has drained. */
	close(): void {
		if (this.#state !== 'running') return;
		this.#state = 'closed';
		this.#events.emit('pool:closed', {how: 'closed'});
		if (this.#outstanding === 0) for (const slot of this.#slots) stopWorker(slot);
	}

	/** Resolves once every task has settled and every worker has exited. */
	async idle(): Promise<void> {
		if (this.#outstanding === 0 && this.#slots.size === 0) return;
		await new Promise<void>((resolve) => {
			this.#idleWaiters.push(resolve);
			this.#updateKeepAlive();
		});
	}

	/** Fails every outstanding task, stops the workers now (SIGTERM, then SIGKILL). */
	terminate(): Promise<void> {
		this.#terminating ??= this.#terminate();
		return this.#terminating;
	}

	async #terminate(): Promise<void> {
		this.#abandon('terminated', new PoolTerminatedError(`${this.#name} was terminated`));
		for (const slot of this.#slots) slot.process.terminate();
		const timer = setTimeout(() => {
			for (const slot of this.#slots) slot.process.kill();
		}, terminateGraceMs);
		await this.idle();
		clearTimeout(timer);
	}

	#startWorker(replacing?: {readonly slot: WorkerSlot; readonly reason: ReplacementReason}) {
		const {initializer, initargs} = this.#options;
		let slot: WorkerSlot;
		try {
			slot = createWorker(this.#orchestrator, {initializer, initargs}, this.#options, this.#name);
		} catch (error) {
			this.#workerFailedToStart(error);
			return;
		}
		const {process} = slot;
		this.#slots.add(slot);
		this.#byProcess.set(process.id, slot);
		process.onMessage((message) => {
			if (isPoolWorkerMessage(message)) this.#onMessage(slot, message);
		});
		if (replacing) this.#events.workerReplaced(replacing.slot, slot, replacing.reason);
		process.start().then(
			() => {
				this.#events.workerStarted(slot);
				// terminate() may have come while it was starting.
				if (this.#state === 'terminated' || this.#state === 'broken') process.terminate();
			},
			(error: unknown) => {
				this.#slots.delete(slot);
				this.#byProcess.delete(process.id);
				this.#workerFailedToStart(error);
				this.#checkIdle();
			},
		);
	}

	// Without a single worker, nothing would ever run what is queued: fail it rather than wait.
	#workerFailedToStart(error: unknown): void {
		if (this.#slots.size > 0) return;
		this.#abandon('broken', this.#bootFailures.cannotStart(error));
	}

	#onMessage(slot: WorkerSlot, message: PoolWorkerMessage, timed = true): void {
		if (message.type === 'pool:ready') {
			markReady(slot);
			this.#bootFailures.ready();
			this.#events.workerReady(slot);
			this.#dispatch();
			return;
		}
		if (message.type === 'pool:results') {
			let timed = true;
			for (const result of message.results) {
				this.#onMessage(slot, result, timed);
				timed = false;
			}
			return;
		}
		const task = slot.tasks[0];
		if (!task || task.id !== message.taskId) return;
		slot.tasks.shift();
		answered(slot, task, message.ms, timed);
		const done = message.type === 'pool:done';
		this.#events.taskDone(slot, task, message.ms, done ? undefined : message.error);
		const next = slot.tasks[0];
		if (next) this.#events.taskStarted(slot, next);
		// The worker's next tasks go out before this one's values are taken in: copying a big
		// chunk's values into the call's results would otherwise keep the worker waiting.
		this.#dispatch();
		this.#settle(task, done ? message.values : rebuildError(message.error));
	}

	#dispatch(): void {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		const limit = this.#options.maxTasksPerChild;
		// No worker is sent more than its share of what waits: short tasks sent ahead all to the
		// first worker would leave the others idle (CPython's workers take turns at one queue).
		let takers = 0;
		for (const slot of this.#slots) if (slot.ready && !slot.stopping) takers++;
		const share = Math.ceil(this.#queue.length / Math.max(1, takers));
		for (const slot of this.#slots) {
			const next = this.#queue.peek();
			if (!next) return;
			const room = Math.min(share, capacity(slot, limit, next.items.length));
			if (room === 0) continue;
			const wasIdle = slot.tasks.length === 0;
			for (const {task, error} of postTasks(slot, this.#queue.take(room))) {
				this.#events.taskStarted(slot, task);
				this.#events.taskDone(slot, task, 0, toErrorInfo(error));
				this.#settle(task, error);
			}
			const head = slot.tasks[0];
			if (wasIdle && head) this.#events.taskStarted(slot, head);
			if (limit !== undefined && slot.sent >= limit) {
				slot.retiring = true;
				stopWorker(slot);
			}
		}
	}

	#settle(task: PoolTask, outcome: Packed | Error): void {
		this.#outstanding--;
		if (outcome instanceof Error) task.job.fail(task, outcome);
		else task.job.succeed(task, outcome);
		if (this.#outstanding === 0 && this.#state === 'closed') {
			for (const slot of this.#slots) stopWorker(slot);
		}
		this.#updateKeepAlive();
		this.#checkIdle();
	}

	#onExit(slot: WorkerSlot): void {
		this.#slots.delete(slot);
		this.#byProcess.delete(slot.process.id);
		const lost = slot.tasks.splice(0);
		if (this.#state === 'running' || this.#state === 'closed') this.#afterExit(slot, lost);
		this.#checkIdle();
	}

	// A worker that was told to stop and did is replaced only if it retired (maxTasksPerChild);
	// any other exit is a death: its running task fails (or is retried), the tasks sent ahead go
	// back to the front of the queue, and a new worker takes its place.
	#afterExit(slot: WorkerSlot, lost: PoolTask[]): void {
		const {process} = slot;
		if (slot.cancelled) {
			if (this.#needsWorker()) this.#startWorker({slot, reason: 'cancelled'});
			return;
		}
		if (slot.stopping && lost.length === 0 && process.exitcode === 0) {
			if (slot.retiring && this.#needsWorker()) this.#startWorker({slot, reason: 'max-tasks'});
			return;
		}
		const bootFailure = slot.ready ? undefined : this.#bootFailures.diedBeforeReady(process);
		if (bootFailure) {
			this.#abandon('broken', bootFailure);
			return;
		}
		const [head, ...rest] = lost;
		this.#events.workerDied(slot, head, rest.length);
		this.#queue.unshift(rest);
		if (head) this.#lose(slot, head);
		if (this.#needsWorker()) this.#startWorker({slot, reason: 'died'});
		this.#dispatch();
	}

	#lose(slot: WorkerSlot, task: PoolTask): void {
		const error = deathOf(slot, task);
		if (task.attempts < task.job.retries) {
			task.attempts++;
			this.#queue.unshift([task]);
			this.#events.taskRetried(task, toErrorInfo(error));
			return;
		}
		this.#events.taskDone(slot, task, 0, toErrorInfo(error));
		this.#settle(task, error);
	}

	#needsWorker(): boolean {
		let active = 0;
		for (const slot of this.#slots) if (!slot.retiring) active++;
		if (active >= this.#options.processes) return false;
		return this.#state === 'running' || (this.#state === 'closed' && this.#outstanding > 0);
	}

	// Stops taking work and fails everything still held. Used by terminate(), by the
	// orchestrator's stop, and when workers cannot start.
	#abandon(how: Exclude<PoolEnding, 'closed'>, error: Error): void {
		if (this.#state === 'terminated' || this.#state === 'broken') return;
		this.#state = how;
		this.#failure = error;
		const held = this.#queue.drain();
		for (const slot of this.#slots) held.push(...slot.tasks.splice(0));
		this.#events.abandoned(how, error.message, held);
		for (const task of held) this.#settle(task, error);
		if (how === 'broken') for (const slot of this.#slots) slot.process.terminate();
	}

	#checkIdle(): void {
		if (this.#outstanding > 0 || this.#slots.size > 0) return;
		if (this.#state !== 'running') this.#unsubscribe();
		for (const resolve of this.#idleWaiters.splice(0)) resolve();
		this.#updateKeepAlive();
	}

	#updateKeepAlive(): void {
		this.#keepAlive.set(this.#outstanding > 0 || this.#idleWaiters.length > 0);
	}
}
