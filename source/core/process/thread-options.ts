import type {TaskFunction, TaskTarget} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkArray, checkName, checkObject} from '../util/validate.js';
import {checkOutput, type OutputMode} from './output.js';
import {checkTaskTarget} from './task.js';
import type {TaskArgs} from './task-types.js';

/**
 * Options of a Thread: Process's, less what a thread cannot have of its own (cwd, env, a
 * command). `F` is the task's function type, when `task<F>()` gave it one.
 */
export type ThreadOptions<F extends TaskFunction = TaskFunction> = {
	/** A function to run in a new worker thread of this process, made with `task()`. */
	readonly target: TaskTarget<F>;
	/** Arguments of the function; Values, SharedArrays and Locks arrive on the same memory. */
	readonly args?: NoInfer<TaskArgs<F>>;
	/** The thread's name; `Thread-N` when omitted. */
	readonly name?: string;
	/** A daemon thread does not keep its program alive, and is ended when its orchestrator closes. */
	readonly daemon?: boolean;
	/**
	 * Where the thread's `process.stdout` and `process.stderr` (its console) go besides the
	 * `process:output` events: `'inherit'` prints each line on this program's own, `'capture'`
	 * does not; the orchestrator's `output` when omitted.
	 */
	readonly output?: OutputMode;
	/** The orchestrator that owns the thread; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

/** Checks a Thread's options up front; throws a TypeError naming what is wrong. */
export function validateThreadOptions(options: ThreadOptions): void {
	checkObject('Thread()', options);
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
	checkTaskTarget('Thread()', target);
	checkName('Thread()', name);
	checkArray('Thread()', 'args', args);
	checkOutput('Thread()', options.output);
}
