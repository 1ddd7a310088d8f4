import type {ErrorInfo, JsonValue} from './events/index.js';

/**
 * The base of every error procdash throws on purpose: `error instanceof ProcdashError` tells
 * procdash's own errors from anything else. Each subclass has a fixed `name`.
 */
export class ProcdashError extends Error {
	override readonly name: string = 'ProcdashError';
}

/** How an InputError is made: its exit code and whether its message names its own place. */
export type InputErrorOptions = ErrorOptions & {
	/** The exit code of the procdash command when this error ends it; 2 unless said. */
	readonly exitcode?: number;
	/** Every line of the message starts with a place (`file:line:col: …`): printed as it is. */
	readonly located?: boolean;
};

/**
 * Input that the person running procdash can fix — a command line, a scenario file, a
 * recording — with a message that says what is wrong and what to do. The procdash command
 * prints it on its own (after `procdash: `, unless the message is `located`) and exits with
 * `exitcode`, without a stack: the one kind of error the command catches.
 */
export class InputError extends ProcdashError {
	override readonly name: string = 'InputError';
	/** The exit code of the procdash command when this error ends it. */
	readonly exitcode: number;
	/** True when every line of the message starts with the place it is about. */
	readonly located: boolean;

	constructor(
		message: string,
		{exitcode = 2, located = false, ...options}: InputErrorOptions = {},
	) {
		super(message, options);
		this.exitcode = exitcode;
		this.located = located;
	}
}

/** A Process method was called in a state that does not allow it (start twice, join before start). */
export class ProcessStateError extends ProcdashError {
	override readonly name = 'ProcessStateError';
}

/** A daemonic process tried to start a child, which CPython forbids too. */
export class DaemonError extends ProcdashError {
	override readonly name = 'DaemonError';

	constructor(options?: ErrorOptions) {
		super('daemonic processes are not allowed to have children', options);
	}
}

/**
 * An error thrown inside a child process (or a Thread) of a class the parent does not know,
 * rebuilt with the child's class name, message and stack, its `code`, its other own enumerable
 * properties that JSON carries (also in `fields`), and its `cause`, rebuilt the same way.
 */
export class RemoteError extends ProcdashError {
	override readonly name: string;
	/** The child's own stack, as the child printed it. */
	readonly remoteStack: string | undefined;
	/** The child's error's `code`: a string such as `ENOENT`, or whatever its class put there. */
	readonly code: JsonValue | undefined;
	/** The child's error's other own enumerable properties that crossed (JSON values). */
	readonly fields: {readonly [key: string]: JsonValue};

	constructor(info: ErrorInfo) {
		super(info.message, causeOf(info));
		this.name = info.name;
		this.remoteStack = info.stack;
		this.code = info.code ?? info.fields?.code;
		this.fields = info.fields ?? {};
		if (info.stack) this.stack = info.stack;
		addFields(this, info);
	}
}

/**
 * A task's module could not be imported, or does not export the function named: its message says
 * which, and what the module exports instead. Thrown in the child, rebuilt as itself.
 */
export class TaskLoadError extends ProcdashError {
	override readonly name = 'TaskLoadError';
}

/**
 * A command could not be started: not found (exit code 127, `code` `ENOENT`) or not executable
 * (126). It is the Process's `error`; the start itself does not fail.
 */
export class SpawnError extends ProcdashError {
	override readonly name = 'SpawnError';
	/** The system's error code: `ENOENT`, `EACCES` … */
	readonly code: string | undefined;

	constructor(message: string, options?: ErrorOptions & {readonly code?: string}) {
		super(message, options);
		this.code = options?.code;
	}
}

/**
 * A pool broke: its workers cannot start (none could be, or several died in a row before they
 * were ready). Every task it held rejects with it, and every call after it with PoolStateError.
 */
export class PoolBrokenError extends ProcdashError {
	override readonly name = 'PoolBrokenError';
}

/** A Pool method was called in a state that does not allow it (work after close, join before close). */
export class PoolStateError extends ProcdashError {
	override readonly name = 'PoolStateError';
}

/** The pool was terminated (or its orchestrator stopped) before this task finished. */
export class PoolTerminatedError extends ProcdashError {
	override readonly name = 'PoolTerminatedError';
}

/** Why a pool call was cancelled: its `signal` aborted, or its `timeoutMs` passed. */
export type AbortReason = 'aborted' | 'timeout';

/**
 * A pool call was cancelled by its `signal` or its `timeoutMs`: its tasks still queued were
 * dropped and its running ones stopped (their workers replaced). `cause` is the signal's reason.
 */
export class AbortError extends ProcdashError {
	override readonly name = 'AbortError';
	/** `aborted` (the signal) or `timeout` (timeoutMs). */
	readonly reason: AbortReason;

	constructor(message: string, reason: AbortReason, options?: ErrorOptions) {
		super(message, options);
		this.reason = reason;
	}
}

/** A pool call would have put more tasks in the queue than the pool's `maxQueue` allows. */
export class PoolQueueFullError extends ProcdashError {
	override readonly name = 'PoolQueueFullError';
}

/** What a WorkerDiedError knows about the worker that died and the task it held. */
export type WorkerDeath = {
	/** The worker process's name, e.g. `PoolWorker-3`. */
	readonly worker: string;
	readonly pid: number | undefined;
	/** CPython's convention: the exit status, or −N when ended by signal N. */
	readonly exitcode: number | null;
	readonly signal: NodeJS.Signals | null;
	/** The pool's id of the task (one chunk of items) the worker was running. */
	readonly taskId: number;
	/** The call and target of the task: `map(tasks.js#square)`. */
	readonly call: string;
	/** The indexes of the task's items in the call's input, first and last. */
	readonly items: readonly [first: number, last: number];
	/** What befell it, when its exit code does not say (a remote worker that vanished). */
	readonly how?: string;
};

/**
 * A pool worker died (SIGKILL, `process.exit`, an out-of-memory kill) while it ran a task.
 * CPython's Pool hangs forever here (gh-66587); procdash fails the task with this instead.
 */
export class WorkerDiedError extends ProcdashError {
	override readonly name = 'WorkerDiedError';
	/** The worker's name. */
	readonly worker: string;
	readonly pid: number | undefined;
	readonly exitcode: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly taskId: number;
	/** The indexes of the lost items in the call's input, first and last. */
	readonly items: readonly [first: number, last: number];

	constructor(death: WorkerDeath, options?: ErrorOptions) {
		const how =
			death.how ??
			(death.signal ? `killed by ${death.signal}` : `exited with code ${death.exitcode}`);
		const [first, last] = death.items;
		// apply() has one item, its arguments: naming it would only confuse.
		const which = death.call.startsWith('apply(')
			? ''
			: first === last
				? `, item ${first}`
				: `, items ${first}–${last}`;
		super(
			`pool worker ${death.worker} (pid ${death.pid ?? '?'}) ${how} while running task ${death.taskId}: ${death.call}${which}`,
			options,
		);
		this.worker = death.worker;
		this.pid = death.pid;
		this.exitcode = death.exitcode;
		this.signal = death.signal;
		this.taskId = death.taskId;
		this.items = death.items;
	}
}

/**
 * Redis did not answer a bullmq pool or `procdash worker` at start, within the connect timeout:
 * the message says where (the password redacted) and why, on one line.
 */
export class RedisUnreachableError extends ProcdashError {
	override readonly name = 'RedisUnreachableError';
}

/** Starting one more process would pass the orchestrator's `maxProcesses`. */
export class ProcessLimitError extends ProcdashError {
	override readonly name = 'ProcessLimitError';
}

/** A lock was released while nobody held it (CPython raises RuntimeError the same way). */
export class LockReleaseError extends ProcdashError {
	override readonly name = 'LockReleaseError';
}

/** `get` found the queue empty (without blocking, or when its timeout ran out): Python's queue.Empty. */
export class QueueEmptyError extends ProcdashError {
	override readonly name = 'QueueEmptyError';
}

/** `put` found the queue full (without blocking, or when its timeout ran out): Python's queue.Full. */
export class QueueFullError extends ProcdashError {
	override readonly name = 'QueueFullError';
}

/** `put` on a queue this handle closed. */
export class QueueClosedError extends ProcdashError {
	override readonly name = 'QueueClosedError';
}

/** `recv` on a pipe whose other end is closed and drained, or a use of a closed end: Python's EOFError / OSError. */
export class ConnectionClosedError extends ProcdashError {
	override readonly name = 'ConnectionClosedError';
}

/** A barrier was broken (aborted, timed out, reset, or its missing parties are gone). */
export class BrokenBarrierError extends ProcdashError {
	override readonly name = 'BrokenBarrierError';
}

// The classes a child's error is rebuilt as, so that `instanceof TypeError` (or
// `TaskLoadError` …) holds in the parent as it did in the child: the built-in ones, and
// procdash's own that a child can throw. Any other class arrives as a RemoteError with its name.
const knownErrors: Record<string, (message: string, options?: ErrorOptions) => Error> = {
	Error: (message, options) => new Error(message, options),
	TypeError: (message, options) => new TypeError(message, options),
	RangeError: (message, options) => new RangeError(message, options),
	SyntaxError: (message, options) => new SyntaxError(message, options),
	ReferenceError: (message, options) => new ReferenceError(message, options),
	EvalError: (message, options) => new EvalError(message, options),
	URIError: (message, options) => new URIError(message, options),
	TaskLoadError: (message, options) => new TaskLoadError(message, options),
	SpawnError: (message, options) => new SpawnError(message, options),
	DaemonError: (message, options) => Object.assign(new DaemonError(options), {message}),
	ProcessStateError: (message, options) => new ProcessStateError(message, options),
	ProcessLimitError: (message, options) => new ProcessLimitError(message, options),
	LockReleaseError: (message, options) => new LockReleaseError(message, options),
	QueueEmptyError: (message, options) => new QueueEmptyError(message, options),
	QueueFullError: (message, options) => new QueueFullError(message, options),
	QueueClosedError: (message, options) => new QueueClosedError(message, options),
	ConnectionClosedError: (message, options) => new ConnectionClosedError(message, options),
	BrokenBarrierError: (message, options) => new BrokenBarrierError(message, options),
	PoolStateError: (message, options) => new PoolStateError(message, options),
	PoolTerminatedError: (message, options) => new PoolTerminatedError(message, options),
	PoolBrokenError: (message, options) => new PoolBrokenError(message, options),
};

/**
 * Rebuilds an error a child threw: a built-in class or one of procdash's as itself, anything
 * else as a RemoteError with the child's class name; either way with the child's message, stack,
 * `code`, other fields and `cause`.
 */
export function rebuildError(info: ErrorInfo): Error {
	const make = Object.hasOwn(knownErrors, info.name) ? knownErrors[info.name] : undefined;
	if (!make) return new RemoteError(info);
	const error = make(info.message, causeOf(info));
	if (info.stack) error.stack = info.stack;
	if (info.code !== undefined)
		Object.defineProperty(error, 'code', {value: info.code, enumerable: true});
	addFields(error, info);
	return error;
}

function causeOf(info: ErrorInfo): ErrorOptions | undefined {
	const {cause} = info;
	if (!cause) return undefined;
	return {cause: 'error' in cause ? rebuildError(cause.error) : cause.value};
}

// The child's fields, as own properties, where they do not hide one the rebuilt error has.
function addFields(error: Error, info: ErrorInfo): void {
	for (const [key, value] of Object.entries(info.fields ?? {})) {
		if (!(key in error)) Object.defineProperty(error, key, {value, enumerable: true});
	}
}

// How much of an error's own data crosses with it: enough for a code, a status, a few details;
// never a payload.
const maxFields = 16;
const maxFieldChars = 2048;
const maxCauseDepth = 4;
const maxJsonDepth = 8;

/**
 * Turns anything thrown into plain data that can cross a process boundary: its class name,
 * message and stack, its `code`, its other own enumerable properties that JSON carries as they are
 * (at most 16, each at most 2 KiB as JSON), and its `cause` (4 levels at most).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
	return infoOf(error, 0);
}

function infoOf(error: unknown, depth: number): ErrorInfo {
	if (!(error instanceof Error)) return {name: 'Error', message: String(error)};
	const code = (error as NodeJS.ErrnoException).code;
	const fields = fieldsOf(error);
	const cause = depth < maxCauseDepth ? crossingCause(error, depth) : undefined;
	return {
		name: error.name,
		message: error.message,
		stack: error.stack,
		...(typeof code === 'string' ? {code} : {}),
		...(fields ? {fields} : {}),
		...(cause ? {cause} : {}),
	};
}

// Without the properties ErrorInfo has a place of its own for.
const ownPlaces = new Set(['name', 'message', 'stack', 'cause']);

function fieldsOf(error: Error): Record<string, JsonValue> | undefined {
	let entries: [string, unknown][];
	try {
		entries = Object.entries(error);
	} catch {
		// A getter that throws: the error still crosses, without its fields.
		return undefined;
	}
	const fields: Record<string, JsonValue> = {};
	let count = 0;
	for (const [key, value] of entries) {
		if (count === maxFields) break;
		if (ownPlaces.has(key) || (key === 'code' && typeof value === 'string')) continue;
		if (!isJson(value, 0) || JSON.stringify(value).length > maxFieldChars) continue;
		fields[key] = value;
		count++;
	}
	return count > 0 ? fields : undefined;
}

function crossingCause(error: Error, depth: number): ErrorInfo['cause'] {
	let cause: unknown;
	try {
		if (!('cause' in error)) return undefined;
		cause = error.cause;
	} catch {
		return undefined;
	}
	if (cause instanceof Error) return {error: infoOf(cause, depth + 1)};
	if (isJson(cause, 0) && JSON.stringify(cause).length <= maxFieldChars) return {value: cause};
	return undefined;
}

function isJson(value: unknown, depth: number): value is JsonValue {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'object' || depth === maxJsonDepth) return false;
	if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	return Object.values(value).every((item) => isJson(item, depth + 1));
}
