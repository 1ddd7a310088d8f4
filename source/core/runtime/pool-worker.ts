// The loop a pool worker runs: the target of each worker Process (or Thread). It takes tasks
// (chunks of items) from its pool one at a time, in the order they came, and answers each; the
// answers to a batch of short tasks go back together.
import {toErrorInfo} from '../errors.js';
import {
	isPoolParentMessage,
	type PoolReadyMessage,
	type PoolResultMessage,
	type PoolTaskMessage,
	type PoolWorkerConfig,
	type PoolWorkerMessage,
} from '../ipc/messages.js';
import {bundleItems, pack, packAtLeast} from '../pool/pack.js';
import {onParentMessage, postToParent} from './channel.js';
import {type CallableTask, loadTask} from './load-task.js';
import {decodeHandles} from './shared-args.js';

const loaded = new Map<string, Promise<CallableTask>>();

// One import per module and export for the worker's life, as CPython's workers keep theirs.
function cachedTask(task: PoolTaskMessage): Promise<CallableTask> {
	const key = `${task.target.module}#${task.target.exportName}`;
	let fn = loaded.get(key);
	if (!fn) {
		fn = loadTask(task.target);
		loaded.set(key, fn);
	}
	return fn;
}

// Results wait in an outbox until the worker yields to its event loop (a task that really
// waits, or the end of the batch it was sent), or until there are many: a batch of short tasks
// is answered in one message rather than one each. Before the worker exits they are all sent.
type Outgoing = {readonly result: PoolResultMessage; readonly exportName: string};
const outbox: Outgoing[] = [];
const maxOutbox = 64;
let flushing: NodeJS.Immediate | undefined;

function flush(): void {
	clearImmediate(flushing);
	flushing = undefined;
	if (outbox.length === 0) return;
	const outgoing = outbox.splice(0);
	const results = outgoing.map(({result}) => result);
	try {
		send(
			results.length === 1 ? (results[0] as PoolResultMessage) : {type: 'pool:results', results},
		);
	} catch {
		// A value that cannot be serialized fails its own task, not the others sent with it.
		for (const each of outgoing) sendOrFail(each);
	}
}

// In a thread, packed values move to the pool rather than being copied.
function send(message: PoolWorkerMessage): void {
	const results = message.type === 'pool:results' ? message.results : [message];
	const transfer = results.flatMap((result) =>
		result.type === 'pool:done' && result.values instanceof Float64Array
			? [result.values.buffer as ArrayBuffer]
			: [],
	);
	postToParent(message, transfer);
}

function sendOrFail({result, exportName}: Outgoing): void {
	try {
		send(result);
	} catch (error) {
		const info = toErrorInfo(error);
		send({
			type: 'pool:failed',
			taskId: result.taskId,
			index: 0,
			error: {
				name: 'DataCloneError',
				message: `task '${exportName}' returned a value that cannot be sent to the parent: ${info.message}`,
				stack: info.stack,
			},
			ms: result.ms,
		});
	}
}

function post(message: PoolReadyMessage | PoolResultMessage, exportName = ''): void {
	if (message.type === 'pool:ready') {
		postToParent(message);
		return;
	}
	outbox.push({result: message, exportName});
	// A long task's values go at once: the pool refills this worker only once it hears of them,
	// and they are worth a message of their own.
	if (
		outbox.length >= maxOutbox ||
		(message.type === 'pool:done' && message.values.length >= bundleItems)
	)
		flush();
	else flushing ??= setImmediate(flush);
}

process.on('exit', flush);

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
	let values: unknown[] | Float64Array = [];
	let index = 0;
	try {
		const fn = await cachedTask(task);
		const items = task.shared ? ((await decodeHandles(task.items)) as unknown[]) : task.items;
		let pending: {readonly value: unknown} | undefined;
		if (!task.spread && items.length >= packAtLeast) {
			const numbers = new Float64Array(items.length);
			const stop = callForNumbers(fn, items, numbers);
			index = stop.index;
			if (stop.how === 'threw') throw stop.error;
			if (stop.how === 'end') values = numbers;
			else {
				values = Array.from(numbers.subarray(0, index));
				pending = stop;
			}
		}
		if (Array.isArray(values)) {
			values.length = items.length;
			if (pending) {
				const {value} = pending;
				values[index++] = isThenable(value) ? await value : value;
			}
			for (; index < items.length; index++) {
				const item = items[index];
				const value = task.spread ? fn(...(item as unknown[])) : fn(item);
				values[index] = isThenable(value) ? await value : value;
			}
		}
	} catch (error) {
		const ms = performance.now() - started;
		post({type: 'pool:failed', taskId: task.taskId, index, error: toErrorInfo(error), ms});
		return;
	}
	const ms = performance.now() - started;
	const packed = values instanceof Float64Array ? values : pack(values);
	post({type: 'pool:done', taskId: task.taskId, values: packed, ms}, task.target.exportName);
}

/** Where callForNumbers stopped: at the end, at a value that is not a number, or at a throw. */
type NumbersStop =
	| {readonly how: 'end'; readonly index: number}
	| {readonly how: 'value'; readonly index: number; readonly value: unknown}
	| {readonly how: 'threw'; readonly index: number; readonly error: unknown};

// The loop of a map of numbers to numbers, on its own so that V8 optimizes it within a
// script's first big map: the same loop inside runTask, an async function, is compiled four
// times slower and entered only after its chunk has run through in the interpreter (a first
// chunk of 12,500 items took 30–60 ms that way, under 10 ms this way). Each value goes straight
// into the Float64Array that will be sent; the first value that is not a number, or a throw,
// stops the loop there, and runTask goes on from that item the general way.
function callForNumbers(
	fn: CallableTask,
	items: ArrayLike<unknown>,
	numbers: Float64Array,
): NumbersStop {
	let index = 0;
	try {
		for (; index < items.length; index++) {
			const value = fn(items[index]);
			if (typeof value !== 'number') return {how: 'value', index, value};
			numbers[index] = value;
		}
	} catch (error) {
		return {how: 'threw', index, error};
	}
	return {how: 'end', index};
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
