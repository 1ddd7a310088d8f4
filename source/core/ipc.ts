import type {ErrorInfo} from './events.js';

/** A task target: a module (file URL) and the name of the function it exports. */
export type TaskTarget = {
	readonly kind: 'task';
	/** The module as a `file:` URL string. */
	readonly module: string;
	readonly exportName: string;
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
	readonly args: readonly unknown[];
	readonly self: Omit<ProcessIdentity, 'pid'>;
	readonly parent: Pick<ProcessIdentity, 'name' | 'pid'>;
};

/** Child to parent: the task returned this value. */
export type ReturnedMessage = {readonly type: 'returned'; readonly value: unknown};

/** Child to parent: the task threw (or could not be loaded). */
export type ThrewMessage = {readonly type: 'threw'; readonly error: ErrorInfo};

/** Every message a parent sends a task child. */
export type ParentMessage = RunMessage;

/** Every message a task child sends its parent. */
export type ChildMessage = ReturnedMessage | ThrewMessage;

/** True when `message` is one of ours (a child may use process.send for its own ends too). */
export function isChildMessage(message: unknown): message is ChildMessage {
	if (typeof message !== 'object' || message === null) return false;
	const {type} = message as {type?: unknown};
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
	readonly procdashShared: 'value' | 'array' | 'lock';
	readonly id: number;
	readonly name: string;
	readonly typecode?: string;
	readonly length?: number;
};

/** True when `message` is a child's request to the shared-state broker. */
export function isSharedRequest(message: unknown): message is SharedRequest {
	return (
		typeof message === 'object' &&
		message !== null &&
		(message as {type?: unknown}).type === 'shared'
	);
}

/** True when `message` is the broker's reply to a shared-state request. */
export function isSharedReply(message: unknown): message is SharedReply {
	return (
		typeof message === 'object' &&
		message !== null &&
		(message as {type?: unknown}).type === 'shared-reply'
	);
}

/** True when `value` is a shared handle made by the parent. */
export function isSharedHandle(value: unknown): value is SharedHandle {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as SharedHandle).procdashShared === 'string'
	);
}
