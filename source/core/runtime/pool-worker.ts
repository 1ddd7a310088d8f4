// The loop a pool worker runs: the target of each worker Process. It takes tasks (chunks of
// items) from its pool one at a time, in the order they came, and answers each with one message.
import {toErrorInfo} from '../errors.js';
import {
	isPoolParentMessage,
	type PoolTaskMessage,
	type PoolWorkerConfig,
	type PoolWorkerMessage,
} from '../ipc.js';
import {type Packed, pack} from '../pool-pack.js';
import {decodeWired, encodeWired, isV8Wired, needsV8, type Wired} from '../wire.js';
import {onParentMessage, postToParent} from './channel.js';
import {loadTask, type TaskFunction} from './load-task.js';
import {threadPort} from './thread-context.js';
import {fromParent, toParent} from './wire-child.js';

const loaded = new Map<string, Promise<TaskFunction>>();

// One import per module and export for the worker's life, as CPython's workers keep theirs.
function cachedTask(task: PoolTaskMessage): Promise<TaskFunction> {
	const key = `${task.target.module}#${task.target.exportName}`;
	let fn = loaded.get(key);
	if (!fn) {
		fn = loadTask(task.target);
		loaded.set(key, fn);
	}
	return fn;
}

// In a thread, packed values move to the pool rather than being copied.
function post(message: PoolWorkerMessage): void {
	const transfer =
		message.type === 'pool:done' && message.values instanceof Float64Array
			? [message.values.buffer as ArrayBuffer]
			: undefined;
	postToParent(message, transfer);
}

// A thread's port clones; a process's items come wired (wire.ts), and most need no node:v8.
const inThread = threadPort() !== undefined;

function items(task: PoolTaskMessage): Packed | Promise<Packed> {
	if (inThread) return task.items as Packed;
	const wired = task.items as Wired;
	if (isV8Wired(wired)) return fromParent(wired) as Promise<Packed>;
	return decodeWired(wired) as Packed;
}

function values(values: readonly unknown[]): Packed | Wired | Promise<Wired> {
	const packed = pack(values);
	if (inThread) return packed;
	return needsV8(packed) ? toParent(packed) : encodeWired(packed);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return (
		(typeof value === 'object' || typeof value === 'function') &&
		value !== null &&
		typeof (value as {then?: unknown}).then === 'function'
	);
}

// Sync functions are called back to back without an await per item: that is what makes a
// chunk of 12,500 trivial items cost microseconds rather than a turn of the event loop each.
async function runTask(task: PoolTaskMessage): Promise<void> {
	const started = performance.now();
	let index = 0;
	let results: unknown[] = [];
	try {
		const chunk = await items(task);
		results = new Array<unknown>(chunk.length);
		const fn = await cachedTask(task);
		for (; index < chunk.length; index++) {
			const item = chunk[index];
			const value = task.spread ? fn(...(item as unknown[])) : fn(item);
			results[index] = isThenable(value) ? await value : value;
		}
	} catch (error) {
		const ms = performance.now() - started;
		post({type: 'pool:failed', taskId: task.taskId, index, error: toErrorInfo(error), ms});
		return;
	}
	const ms = performance.now() - started;
	try {
		post({type: 'pool:done', taskId: task.taskId, values: await values(results), ms});
	} catch (error) {
		const info = toErrorInfo(error);
		post({
			type: 'pool:failed',
			taskId: task.taskId,
			index: 0,
			error: {
				name: 'DataCloneError',
				message: `task '${task.target.exportName}' returned a value that cannot be sent to the parent: ${info.message}`,
				stack: info.stack,
			},
			ms,
		});
	}
}

/**
 * Serves a pool until it says stop: runs the initializer, tells the pool it is ready, then runs
 * each task it is sent, in order. Resolves to the number of tasks run, and the worker exits 0.
 */
export async function serve(config: PoolWorkerConfig): Promise<number> {
	if (config.initializer) {
		const initialize = await loadTask(config.initializer);
		await initialize(...config.initargs);
	}
	return new Promise<number>((resolve) => {
		const pending: PoolTaskMessage[] = [];
		let running = false;
		let stopping = false;
		let completed = 0;
		const pump = async () => {
			if (running) return;
			running = true;
			for (let task = pending.shift(); task; task = pending.shift()) {
				await runTask(task);
				completed++;
			}
			running = false;
			if (stopping) {
				unsubscribe();
				resolve(completed);
			}
		};
		const unsubscribe = onParentMessage((message) => {
			if (!isPoolParentMessage(message)) return;
			if (message.type === 'pool:task') pending.push(message);
			else if (message.type === 'pool:tasks') pending.push(...message.tasks);
			else stopping = true;
			void pump();
		});
		post({type: 'pool:ready'});
	});
}
