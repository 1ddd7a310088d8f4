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
