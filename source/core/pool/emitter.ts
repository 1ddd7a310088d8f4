import type {ErrorInfo, EventBus, EventMap} from '../events/index.js';
import type {PoolEnding, ReplacementReason} from '../events/pool.js';
import {signalOf} from '../process/child-exit.js';
import type {PoolJob, PoolTask} from './jobs.js';
import type {WorkerSlot} from './workers.js';

type PoolEventType = Extract<keyof EventMap, `pool:${string}`>;
type PoolPayload<K extends PoolEventType> = Omit<EventMap[K], 'poolId' | 'pool'>;

/** One pool's voice on the bus: every pool event, with the pool's id and name filled in. */
export class PoolEmitter {
	readonly #bus: EventBus;
	readonly #poolId: number;
	readonly #pool: string;

	constructor(bus: EventBus, poolId: number, pool: string) {
		this.#bus = bus;
		this.#poolId = poolId;
		this.#pool = pool;
	}

	/** Emits a pool event of any type. */
	emit<K extends PoolEventType>(type: K, payload: PoolPayload<K>): void {
		this.#bus.emit(type, {poolId: this.#poolId, pool: this.#pool, ...payload} as EventMap[K]);
	}

	/** `task` began on the worker of `slot` (or a remote worker). */
	taskStarted(slot: WorkerSlot | WorkerAt, task: PoolTask): void {
		this.emit('pool:task-started', taskRef(workerAt(slot), task));
	}

	/** `task` ended on the worker of `slot` (or a remote worker): values (no `error`) or a failure. */
	taskDone(slot: WorkerSlot | WorkerAt, task: PoolTask, ms: number, error?: ErrorInfo): void {
		const ref = taskRef(workerAt(slot), task);
		const rounded = Math.round(ms);
		this.emit(
			'pool:task-done',
			error ? {...ref, ok: false, ms: rounded, error} : {...ref, ok: true, ms: rounded},
		);
	}

	/** The worker of `slot` is running as `pid`. */
	workerStarted(slot: WorkerSlot): void {
		const {process} = slot;
		this.emit('pool:worker-started', {
			processId: process.id,
			worker: process.name,
			pid: process.pid ?? 0,
		});
	}

	/** The worker of `slot` takes tasks. */
	workerReady(slot: WorkerSlot): void {
		this.emit('pool:worker-ready', {processId: slot.process.id, worker: slot.process.name});
	}

	/**
	 * The worker of `slot` died: `lost` is the task it was running, if any, and `requeued` how
	 * many tasks sent ahead to it go back to the queue.
	 */
	workerDied(slot: WorkerSlot, lost: PoolTask | undefined, requeued: number): void {
		const {process} = slot;
		this.emit('pool:worker-died', {
			processId: process.id,
			worker: process.name,
			pid: process.pid,
			exitcode: process.exitcode ?? 0,
			signal: signalOf(process.exitcode),
			taskId: lost?.id,
			requeued,
		});
	}

	/** `task`, lost with its worker, goes back to the queue for its attempt number `attempts`. */
	taskRetried(task: PoolTask, error: ErrorInfo): void {
		this.emit('pool:task-retried', {
			taskId: task.id,
			call: task.job.call,
			first: task.first,
			count: task.items.length,
			attempt: task.attempts,
			error,
		});
	}

	/** The pool ended `how` for `reason`; the items of the tasks in `held` will not run. */
	abandoned(how: Exclude<PoolEnding, 'closed'>, reason: string, held: readonly PoolTask[]): void {
		let cancelled = 0;
		for (const task of held) cancelled += task.items.length;
		this.emit('pool:closed', {how, reason, cancelled});
	}

	/** `job` was cancelled for `reason`: `tasks` will not run; `running` of their items had begun. */
	callCancelled(job: PoolJob, reason: string, tasks: readonly PoolTask[], running: number): void {
		let items = 0;
		for (const task of tasks) items += task.items.length;
		this.emit('pool:call-cancelled', {call: job.call, reason, queued: items - running, running});
	}

	/** `replacement` takes the place of `slot`'s worker. */
	workerReplaced(slot: WorkerSlot, replacement: WorkerSlot, reason: ReplacementReason): void {
		this.emit('pool:worker-replaced', {
			processId: slot.process.id,
			worker: slot.process.name,
			replacementId: replacement.process.id,
			replacement: replacement.process.name,
			reason,
		});
	}
}

/**
 * A worker as task events name it: a local one by its Process id and name; a remote one (a bullmq
 * pool's) by `host:pid` of its `procdash worker`, with Process id 0, as it has no row of its own here.
 */
export type WorkerAt = {readonly processId: number; readonly worker: string};

function workerAt(slot: WorkerSlot | WorkerAt): WorkerAt {
	return 'process' in slot ? {processId: slot.process.id, worker: slot.process.name} : slot;
}

function taskRef(at: WorkerAt, task: PoolTask) {
	return {
		taskId: task.id,
		call: task.job.call,
		first: task.first,
		count: task.items.length,
		processId: at.processId,
		worker: at.worker,
	};
}
