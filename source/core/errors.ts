import type {ErrorInfo} from './events/index.js';

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

/** An error thrown inside a child process, rebuilt in the parent with the child's name and stack. */
export class RemoteError extends ProcdashError {
	override readonly name: string;
	/** The child's own stack, as the child printed it. */
	readonly remoteStack: string | undefined;

	constructor(info: ErrorInfo) {
		super(info.message);
		this.name = info.name;
		this.remoteStack = info.stack;
		if (info.stack) this.stack = info.stack;
	}
}

/** A Pool method was called in a state that does not allow it (work after close, join before close). */
export class PoolStateError extends ProcdashError {
	override readonly name = 'PoolStateError';
}

/** The pool was terminated (or its orchestrator stopped) before this task finished. */
export class PoolTerminatedError extends ProcdashError {
	override readonly name = 'PoolTerminatedError';
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
		const how = death.signal ? `killed by ${death.signal}` : `exited with code ${death.exitcode}`;
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

// The built-in classes a child's error is rebuilt as, so that `instanceof TypeError` holds in
// the parent as it did in the child. Any other class arrives as a RemoteError with its name.
const builtinErrors: Record<string, ErrorConstructor> = {
	Error,
	TypeError,
	RangeError,
	SyntaxError,
	ReferenceError,
	EvalError,
	URIError,
};

/**
 * Rebuilds an error a child threw: a built-in class as itself, anything else as a RemoteError
 * with the child's class name; either way with the child's message, stack and `code`.
 */
export function rebuildError(info: ErrorInfo): Error {
	const builtin = Object.hasOwn(builtinErrors, info.name) ? builtinErrors[info.name] : undefined;
	if (!builtin) return new RemoteError(info);
	const error = new builtin(info.message);
	if (info.stack) error.stack = info.stack;
	if (info.code !== undefined) Object.assign(error, {code: info.code});
	return error;
}

/** Turns anything thrown into plain data that can cross a process boundary. */
export function toErrorInfo(error: unknown): ErrorInfo {
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			name: error.name,
			message: error.message,
			stack: error.stack,
			...(typeof code === 'string' ? {code} : {}),
		};
	}
	return {name: 'Error', message: String(error)};
}

/** Starting one more process would pass the orchestrator's `maxProcesses`. */
export class ProcessLimitError extends ProcdashError {
	override readonly name = 'ProcessLimitError';
}

/** A lock was released while nobody held it (CPython raises RuntimeError the same way). */
export class LockReleaseError extends ProcdashError {
	override readonly name = 'LockReleaseError';
}
