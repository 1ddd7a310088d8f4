import type {TaskTarget} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {isTaskTarget} from './task.js';

/** Options of a Thread: Process's, less what a thread cannot have of its own (cwd, env, a command). */
export type ThreadOptions = {
	/** A function to run in a new worker thread of this process, made with `task()`. */
	readonly target: TaskTarget;
	/** Arguments of the function; Values, SharedArrays and Locks arrive on the same memory. */
	readonly args?: readonly unknown[];
	/** The thread's name; `Thread-N` when omitted. */
	readonly name?: string;
	/** A daemon thread does not keep its program alive, and is ended when its orchestrator closes. */
	readonly daemon?: boolean;
	/** The orchestrator that owns the thread; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

/** Checks a Thread's options up front; throws a TypeError naming what is wrong. */
export function validateThreadOptions(options: ThreadOptions): void {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('Thread(): options must be an object with a target');
	}
	const {target, args, name} = options;
	const {command, cwd, env, shell} = options as {
		command?: unknown;
		cwd?: unknown;
		env?: unknown;
		shell?: unknown;
	};
	if (command !== undefined || shell !== undefined) {
		throw new TypeError('Thread(): a thread runs a task function, not a command: use a Process');
	}
	if (cwd !== undefined || env !== undefined) {
		throw new TypeError(
			'Thread(): a thread shares its process’s cwd and env and cannot have its own: use a Process',
		);
	}
	if (!isTaskTarget(target)) {
		throw new TypeError("Thread(): target must be made with task(module, 'exportName')");
	}
	if (name !== undefined && (typeof name !== 'string' || name === '')) {
		throw new TypeError(`Thread(): name must be a non-empty string, got ${String(name)}`);
	}
	if (args !== undefined && !Array.isArray(args)) {
		throw new TypeError(`Thread(): args must be an array, got ${typeof args}`);
	}
}
