import {WorkerDiedError} from '../errors.js';
import type {PoolParentMessage, PoolTaskMessage, PoolWorkerConfig} from '../ipc/messages.js';
import {hostOf, type Member, type Orchestrator} from '../orchestrator/orchestrator.js';
import {signalOf} from '../process/child-exit.js';
import {poolKey} from '../process/options.js';
import {Process, type ProcessOptions} from '../process/process.js';
import {channelKey} from '../process/runtime-fork.js';
import {task} from '../process/task.js';
import {Thread} from '../process/thread.js';
import type {PoolTask} from './jobs.js';
import type {ResolvedPoolOptions} from './options.js';
import {bundleItems} from './pack.js';

const workerTarget = task(new URL('../runtime/pool-worker.js', import.meta.url), 'serve');

// A worker is sent tasks ahead, several to a message, when they are short: about this much work
// beyond what a round trip costs it (judged by its last task's time per item, times the items of
// the next, and by the time its last answer took beyond its run), so that it never waits a round
// trip for its next one and the parent writes one message per many tiny tasks. A task longer
// than that goes alone to whichever worker is free first, which keeps CPython's schedule (one
// shared queue) for real work. Per item, not per task: a map's first chunks may be a hundred
// times the size of the warm-up's, and judged by those all of them would go to one worker. The
// round trip counts: a chunk of 12,500 numbers runs in under a millisecond but takes 3–4 ms to
// cross there and back, and a worker sent one at a time would wait that long between them.
const aheadMs = 2;
const maxDepth = 64;

/** A worker (process or thread) of a pool and what the pool has sent it. */
export type WorkerSlot = {
	readonly process: Member;
	/** It has said it listens: tasks may be sent. */
	ready: boolean;
	/** Tasks sent and not yet answered, in order; the first one is running. */
	readonly tasks: PoolTask[];
	/** Tasks sent over its life, for maxTasksPerChild. */
	sent: number;
	/** It is told to stop (or will be, once ready): it takes no more tasks. */
	stopping: boolean;
	/** It stops because it reached maxTasksPerChild. */
	retiring: boolean;
	/** It was killed because the call whose task it ran was cancelled. */
	cancelled: boolean;
	/** How long its last task ran per item, in milliseconds. */
	msPerItem: number | undefined;
	/** What its last timed answer took beyond the task's run: the message there and back. */
	roundTripMs: number;
	/** When its last answer came (performance.now()). */
	answeredAt: number;
};

/**
 * Makes (does not start) a daemonic worker: a Process named `PoolWorker-N`, or a Thread named
 * `PoolThread-N`.
 */
export function createWorker(
	orchestrator: Orchestrator,
	config: PoolWorkerConfig,
	{backend, output}: Pick<ResolvedPoolOptions, 'backend' | 'output'>,
	pool: string,
): WorkerSlot {
	// One count for the orchestrator, as CPython's process counter: worker names never repeat,
	// even across pools, so a name in the event pane always means one process.
	const host = hostOf(orchestrator);
	const options = {
		target: workerTarget,
		args: [config],
		daemon: true,
		output,
		orchestrator,
		[poolKey]: pool,
	};
	// A worker process's channel is V8's structured clone, not JSON: a chunk of numbers then
	// crosses as its bytes, twice as fast as any JSON encoding of them (see wire.ts).
	const process =
		backend === 'thread'
			? new Thread({...options, name: `PoolThread-${host.count('PoolThread')}`})
			: new Process({
					...options,
					name: `PoolWorker-${host.count('PoolWorker')}`,
					[channelKey]: 'advanced',
				} as ProcessOptions);
	return {
		process,
		ready: false,
		tasks: [],
		sent: 0,
		stopping: false,
		retiring: false,
		cancelled: false,
		msPerItem: undefined,
		roundTripMs: 0,
		answeredAt: 0,
	};
}

/**
 * How many tasks of `items` items each (the next queued task's size) to send the worker now:
 * none while it is busy enough, else enough to fill it. A worker holding several is refilled
 * only once half are done, so messages carry several.
 */
export function capacity(
	slot: WorkerSlot,
	maxTasksPerChild: number | undefined,
	items: number,
): number {
	if (!slot.ready || slot.stopping) return 0;
	const taskMs = slot.msPerItem === undefined ? undefined : slot.msPerItem * items;
	const depth =
		taskMs === undefined
			? 1
			: Math.min(
					maxDepth,
					Math.max(1, Math.floor((aheadMs + slot.roundTripMs) / Math.max(taskMs, 0.001))),
				);
	const held = slot.tasks.length;
	if (held > 0 && held * 2 > depth) return 0;
	const left = maxTasksPerChild === undefined ? depth : maxTasksPerChild - slot.sent;
	return Math.max(0, Math.min(depth - held, left));
}

/**
 * The worker answered `task`, which ran `ms`. `timed`: the first answer of its message, whose
 * wait tells the round trip (the others came with it).
 */
export function answered(slot: WorkerSlot, task: PoolTask, ms: number, timed: boolean): void {
	const now = performance.now();
	slot.msPerItem = ms / Math.max(1, task.items.length);
	// It began when it was sent, or when the worker answered the task before it, if later.
	if (timed) slot.roundTripMs = Math.max(0, now - Math.max(task.sentAt, slot.answeredAt) - ms);
	slot.answeredAt = now;
}

/** A task that could not be sent: its items cannot be serialized. */
export type Unsendable = {readonly task: PoolTask; readonly error: TypeError};

/**
 * Sends `tasks` to the worker: short ones together in one message, as a message each would cost
 * more than they do; long ones a message each, so that the worker starts on the first while the
 * next is still on its way. Returns those whose items cannot be serialized (they were not sent);
 * a worker that is gone is not an error here: its exit accounts for them.
 */
export function postTasks(slot: WorkerSlot, tasks: readonly PoolTask[]): Unsendable[] {
	const bundles = bundle(tasks);
	if (bundles.length > 1) return bundles.flatMap((each) => postTasks(slot, each));
	const messages = tasks.map(taskMessage);
	const message: PoolParentMessage =
		messages.length === 1
			? (messages[0] as PoolTaskMessage)
			: {type: 'pool:tasks', tasks: messages};
	// postMessage is false both when the channel is backed up (the message is still sent) and
	// when it could not be serialized; only the second is worth a second look, and plain
	// numbers and strings always serialize, so a big chunk of them is never cloned to check.
	if (slot.process.postMessage(message) || messages.every(plainItems) || cloneable(messages)) {
		const now = performance.now();
		for (const task of tasks) task.sentAt = now;
		slot.tasks.push(...tasks);
		slot.sent += tasks.length;
		return [];
	}
	if (tasks.length > 1) return tasks.flatMap((task) => postTasks(slot, [task]));
	const [task] = tasks as [PoolTask];
	const last = task.first + task.items.length - 1;
	const to = slot.process.kind === 'thread' ? 'thread' : 'process';
	return [
		{
			task,
			error: new TypeError(
				`items ${task.first}–${last} cannot be sent to a worker ${to}: ${cloneError(messages)}`,
			),
		},
	];
}

function bundle(tasks: readonly PoolTask[]): PoolTask[][] {
	const bundles: PoolTask[][] = [];
	let current: PoolTask[] = [];
	let items = 0;
	for (const task of tasks) {
		if (current.length > 0 && items + task.items.length > bundleItems) {
			bundles.push(current);
			current = [];
			items = 0;
		}
		current.push(task);
		items += task.items.length;
	}
	if (current.length > 0) bundles.push(current);
	return bundles;
}

function taskMessage(task: PoolTask): PoolTaskMessage {
	return {
		type: 'pool:task',
		taskId: task.id,
		target: task.job.target,
		spread: task.job.spread,
		// Packed as the task was cut, and kept: a task lost with its worker is sent again.
		items: task.items,
		...(task.job.shared ? {shared: true} : {}),
	};
}

// Packed items are numbers: nothing in them to look at.
function plainItems({items}: PoolTaskMessage): boolean {
	if (items instanceof Float64Array) return true;
	return items.every(
		(item) => isPrimitive(item) || (Array.isArray(item) && item.every(isPrimitive)),
	);
}

function isPrimitive(value: unknown): boolean {
	const type = typeof value;
	return (
		value === null ||
		type === 'number' ||
		type === 'string' ||
		type === 'boolean' ||
		type === 'undefined' ||
		type === 'bigint'
	);
}

function cloneable(value: unknown): boolean {
	return cloneError(value) === undefined;
}

function cloneError(value: unknown): string | undefined {
	try {
		structuredClone(value);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * Tells the worker to stop once the tasks it holds are done; a worker not yet ready is told when
 * it is (a message sent before it listens would be lost).
 */
export function stopWorker(slot: WorkerSlot): void {
	if (slot.stopping) return;
	slot.stopping = true;
	if (slot.ready) slot.process.postMessage({type: 'pool:stop'});
}

/** Marks the worker ready; one told to stop while it booted is told now. */
export function markReady(slot: WorkerSlot): void {
	slot.ready = true;
	if (slot.stopping) slot.process.postMessage({type: 'pool:stop'});
}

/** The error of a task lost with its worker, from what the worker's exit tells. */
export function deathOf(slot: WorkerSlot, task: PoolTask): WorkerDiedError {
	const {process} = slot;
	return new WorkerDiedError({
		worker: process.name,
		pid: process.pid,
		exitcode: process.exitcode,
		signal: signalOf(process.exitcode),
		taskId: task.id,
		call: `${task.job.call}(${task.job.target.module.split('/').pop()}#${task.job.target.exportName})`,
		items: [task.first, task.first + task.items.length - 1],
	});
}
