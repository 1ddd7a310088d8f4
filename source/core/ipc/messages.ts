import type {ErrorInfo} from '../events/index.js';
import type {Packed} from '../pool/pack.js';
import type {RegionPlace} from '../shared/memory/region.js';
import type {Wired} from './wire.js';

/**
 * Any function a task may name. A task made without a type stands for it: it takes anything and
 * gives `unknown`.
 */
export type TaskFunction = (...args: never[]) => unknown;

// The key of a task's function type: it exists only for the compiler, never at run time.
declare const taskType: unique symbol;

/**
 * A task target: a module (file URL) and the name of the function it exports. `F` is the type of
 * that function when `task<F>()` was told it (then calls that run it check their arguments and
 * know its result), `TaskFunction` when not.
 */
export type TaskTarget<F extends TaskFunction = TaskFunction> = {
	readonly kind: 'task';
	/** The module as a `file:` URL string. */
	readonly module: string;
	readonly exportName: string;
	/** Only in the type: the function's type. */
	readonly [taskType]?: F;
};

/** Who a process is, as its runtime sees itself and its parent. */
export type ProcessIdentity = {
	readonly name: string;
	readonly pid: number;
	readonly daemon: boolean;
	/** CPython's `_identity`: the chain of counters that makes names like `Process-2:1`. */
	readonly identity: readonly number[];
};

/** Parent to child: run this task with these arguments. */
export type RunMessage = {
	readonly type: 'run';
	readonly target: TaskTarget;
	/** The arguments as the wire carries them (wire.ts): JSON, or V8's serialization. */
	readonly args: Wired;
	readonly self: Omit<ProcessIdentity, 'pid'>;
	readonly parent: Pick<ProcessIdentity, 'name' | 'pid'>;
};

/** What a Thread's worker is started with (its `workerData`). */
export type ThreadStart = {
	readonly target: TaskTarget;
	/** The task's arguments; shared objects as handles that carry their memory. */
	readonly args: readonly unknown[];
	readonly self: {readonly name: string; readonly daemon: boolean; readonly id: number};
	/** tsx's ESM API, to register in the thread before the task loads: the owner runs under tsx. */
	readonly tsx?: string;
	/** Who the process the thread runs in is, when procdash started it; absent in a main program. */
	readonly process?: {
		readonly self: ProcessIdentity;
		readonly parent: Pick<ProcessIdentity, 'name' | 'pid'>;
	};
};

/** The `type` of a message as it arrived: undefined unless it is an object that has one. */
export function messageType(message: unknown): unknown {
	return typeof message === 'object' && message !== null
		? (message as {type?: unknown}).type
		: undefined;
}

/** A Thread to its owner: it runs, as the kernel's thread `tid` (Linux), for its CPU in the stats. */
export type ThreadRunningMessage = {readonly type: 'thread-running'; readonly tid: number};

/** True when `message` is a Thread saying it runs. */
export function isThreadRunning(message: unknown): message is ThreadRunningMessage {
	return messageType(message) === 'thread-running';
}

/**
 * Child to parent: the task returned this value — from a child process as the wire carries it
 * (a `Wired`, wire.ts), from a Thread as it is (a worker's port clones).
 */
export type ReturnedMessage = {readonly type: 'returned'; readonly value: unknown};

/** Child to parent: the task threw (or could not be loaded). */
export type ThrewMessage = {readonly type: 'threw'; readonly error: ErrorInfo};

/** What a pool worker is started with (the `args` of its Process). */
export type PoolWorkerConfig = {
	/** Run once in the worker before it takes tasks, like CPython's `initializer`. */
	readonly initializer: TaskTarget | undefined;
	readonly initargs: readonly unknown[];
};

/**
 * Parent to pool worker: one task, that is one chunk of items. The worker calls `target` on
 * each item in order and answers with one message for the whole chunk.
 */
export type PoolTaskMessage = {
	readonly type: 'pool:task';
	readonly taskId: number;
	readonly target: TaskTarget;
	/** Call `target(...item)` (starmap, apply) rather than `target(item)` (map). */
	readonly spread: boolean;
	/** The chunk's items; numbers may come packed (pool-pack.ts). */
	readonly items: Packed;
	/** The call's items hold shared objects' handles: the worker makes them proxies first. */
	readonly shared?: true;
};

/** Parent to pool worker: several tasks at once, run in order (short tasks sent ahead). */
export type PoolTasksMessage = {
	readonly type: 'pool:tasks';
	readonly tasks: readonly PoolTaskMessage[];
};

/** Parent to pool worker: finish the tasks already sent, then exit. */
export type PoolStopMessage = {readonly type: 'pool:stop'};

/** Every message a pool sends its workers. */
export type PoolParentMessage = PoolTaskMessage | PoolTasksMessage | PoolStopMessage;

/** Pool worker to parent: listening now; tasks sent from here on are not lost. */
export type PoolReadyMessage = {readonly type: 'pool:ready'};

/** Pool worker to parent: a task's values, one per item, in order; `ms` is how long it ran. */
export type PoolTaskDoneMessage = {
	readonly type: 'pool:done';
	readonly taskId: number;
	/** One value per item, in order; numbers may come packed (pool-pack.ts). */
	readonly values: Packed;
	readonly ms: number;
};

/** Pool worker to parent: a task threw on item `index` of its chunk. */
export type PoolTaskFailedMessage = {
	readonly type: 'pool:failed';
	readonly taskId: number;
	readonly index: number;
	readonly error: ErrorInfo;
	readonly ms: number;
};

/** A task's outcome. */
export type PoolResultMessage = PoolTaskDoneMessage | PoolTaskFailedMessage;

/** Pool worker to parent: several tasks' outcomes at once, in the order the tasks ran. */
export type PoolResultsMessage = {
	readonly type: 'pool:results';
	readonly results: readonly PoolResultMessage[];
};

/** Every message a pool worker sends its pool. */
export type PoolWorkerMessage = PoolReadyMessage | PoolResultMessage | PoolResultsMessage;

/** True when `message` is a pool's message to its worker. */
export function isPoolParentMessage(message: unknown): message is PoolParentMessage {
	const type = messageType(message);
	return type === 'pool:task' || type === 'pool:tasks' || type === 'pool:stop';
}

/** True when `message` is a pool worker's message to its pool. */
export function isPoolWorkerMessage(message: unknown): message is PoolWorkerMessage {
	const type = messageType(message);
	return (
		type === 'pool:ready' ||
		type === 'pool:done' ||
		type === 'pool:failed' ||
		type === 'pool:results'
	);
}

/** Every message a parent sends a task child. */
export type ParentMessage = RunMessage;

/** Every message a task child sends its parent. */
export type ChildMessage = ReturnedMessage | ThrewMessage;

/** True when `message` is one of ours (a child may use process.send for its own ends too). */
export function isChildMessage(message: unknown): message is ChildMessage {
	const type = messageType(message);
	return type === 'returned' || type === 'threw';
}

/** A child asks the parent's broker to act on a shared value, array or lock. */
export type SharedRequest = {
	readonly type: 'shared';
	readonly requestId: number;
	readonly id: number;
} & (
	| {readonly op: 'read'; readonly index?: number}
	| {readonly op: 'slice'; readonly start?: number; readonly end?: number}
	| {readonly op: 'write' | 'add'; readonly index?: number; readonly value: unknown}
	| {
			readonly op: 'cas';
			readonly index?: number;
			readonly expected: unknown;
			readonly value: unknown;
	  }
	| {readonly op: 'acquire'; readonly block?: boolean; readonly timeoutMs?: number}
	| {readonly op: 'release'}
	| {
			/** An operation of a queue, pipe, event, semaphore … : its method and arguments. */
			readonly op: 'call';
			readonly method: string;
			readonly args: readonly unknown[];
			/** Sent without waiting for an answer (a put on an unbounded queue, a pipe's send). */
			readonly noReply?: true;
	  }
);

/** The broker's answer to one SharedRequest. */
export type SharedReply =
	| {
			readonly type: 'shared-reply';
			readonly requestId: number;
			readonly ok: true;
			readonly result: unknown;
	  }
	| {
			readonly type: 'shared-reply';
			readonly requestId: number;
			readonly ok: false;
			readonly error: ErrorInfo;
	  };

/** A shared object as it travels in a task's args; the child turns it back into a working proxy. */
export type SharedHandle = {
	readonly procdashShared: 'value' | 'array' | 'lock' | 'sync';
	/** A sync handle's class: `Queue`, `Pipe`, `Event`, … (what the child rebuilds). */
	readonly kind?: string;
	/** A pipe Connection's end. */
	readonly end?: 'a' | 'b';
	/** A Barrier's parties, a queue's maxsize: what a proxy answers without asking. */
	readonly size?: number;
	readonly id: number;
	readonly name: string;
	readonly typecode?: string;
	readonly length?: number;
	/** Only in a handle made for a thread: the object's memory, mapped by the thread. */
	readonly buffer?: SharedArrayBuffer;
	/** Where processes share memory: where a child maps the object's memory (memory/region.ts). */
	readonly region?: RegionPlace;
};

/**
 * A child's requests made in one turn of its event loop (operations issued without awaiting each
 * other), in one message: the broker applies them in order, each atomically.
 */
export type SharedBatch = {
	readonly type: 'shared-batch';
	readonly requests: readonly SharedRequest[];
};

/** The broker's answers to the requests of a batch it could answer at once, in one message. */
export type SharedReplies = {
	readonly type: 'shared-replies';
	readonly replies: readonly SharedReply[];
};

/** True when `message` is a child's batch of requests to the shared-state broker. */
export function isSharedBatch(message: unknown): message is SharedBatch {
	return messageType(message) === 'shared-batch';
}

/** True when `message` is the broker's batch of replies. */
export function isSharedReplies(message: unknown): message is SharedReplies {
	return messageType(message) === 'shared-replies';
}

/** True when `message` is a child's request to the shared-state broker. */
export function isSharedRequest(message: unknown): message is SharedRequest {
	return messageType(message) === 'shared';
}

/** True when `message` is the broker's reply to a shared-state request. */
export function isSharedReply(message: unknown): message is SharedReply {
	return messageType(message) === 'shared-reply';
}

/** True when `value` is a shared handle made by the parent. */
export function isSharedHandle(value: unknown): value is SharedHandle {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as SharedHandle).procdashShared === 'string'
	);
}

/** True when `value` holds a shared handle at any depth of arrays and plain objects. */
export function containsHandle(value: unknown): boolean {
	if (isSharedHandle(value)) return true;
	if (Array.isArray(value)) return value.some(containsHandle);
	if (typeof value === 'object' && value !== null) {
		const prototype = Object.getPrototypeOf(value);
		if (prototype === Object.prototype || prototype === null)
			return Object.values(value).some(containsHandle);
	}
	return false;
}
