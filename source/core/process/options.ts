import {constants} from 'node:os';
import type {ProcessKind} from '../events/index.js';
import type {TaskFunction, TaskTarget} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {printable} from '../util/printable.js';
import {checkArray, checkName, checkObject, checkTimeout, refuse} from '../util/validate.js';
import {checkOutput, type OutputMode} from './output.js';
import type {StopCommand} from './stop-command.js';
import {checkTaskTarget, describeTask} from './task.js';
import type {TaskArgs} from './task-types.js';

/**
 * An option of Process and Thread that only procdash sets: the name of the pool whose worker it
 * is. The pool replaces its workers itself; nobody else restarts one.
 */
export const poolKey = Symbol('procdash.pool');

/**
 * Options of a Process: exactly one of `target` (a task) and `command` (an executable). `F` is the
 * task's function type, when `task<F>()` gave it one: `args` must then be its arguments.
 */
export type ProcessOptions<F extends TaskFunction = TaskFunction> = {
	/** A function to run in a new Node child, made with `task()`. */
	readonly target?: TaskTarget<F>;
	/** An executable to run, found on PATH unless it contains a slash. */
	readonly command?: string;
	/** Arguments: passed to the task function, or the command's argv (strings). */
	readonly args?: NoInfer<TaskArgs<F>>;
	/** The process's name; `Process-N` when omitted. */
	readonly name?: string;
	/** A daemon is terminated when its orchestrator closes, and may not start children. */
	readonly daemon?: boolean;
	/** Working directory of the child. */
	readonly cwd?: string;
	/** Environment of the child; the parent's when omitted. */
	readonly env?: NodeJS.ProcessEnv;
	/** Run `command` through `/bin/sh -c`; off unless asked for. */
	readonly shell?: boolean;
	/**
	 * Where the child's stdout and stderr go besides the `process:output` events: `'inherit'`
	 * prints each line on this program's own stdout or stderr, `'capture'` does not; the
	 * orchestrator's `output` (`'inherit'` unless it says) when omitted.
	 */
	readonly output?: OutputMode;
	/**
	 * The signal a stop sends first (`stop()`, the dashboard's `k`, the orchestrator's stop):
	 * SIGTERM when omitted. For programs that finish their work on another (nginx: SIGQUIT).
	 */
	readonly stopSignal?: NodeJS.Signals;
	/** How long `stop()` waits after the stop signal before SIGKILL; the orchestrator's grace when omitted. */
	readonly graceMs?: number;
	/**
	 * A command a stop runs instead of the stop signal (with the process's env and cwd, and its pid
	 * as `PROCDASH_PID`), for programs stopped by a command of their own (`nginx -s quit`); if it
	 * fails, the stop signal follows at once; SIGKILL once the grace has passed.
	 */
	readonly stopCommand?: StopCommand;
	/**
	 * Give a command a pipe as its stdin, which `writeStdin()` writes to (the dashboard's `i`);
	 * otherwise its stdin is /dev/null. Not for a task: its stdin is procdash's own channel.
	 */
	readonly stdin?: boolean;
	/** The orchestrator that owns the process; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

/** Throws unless `value` is undefined or the name of a signal this system has (`SIGTERM`). */
export function checkSignal(owner: string, name: string, value: unknown): void {
	if (value === undefined || (typeof value === 'string' && value in constants.signals)) return;
	refuse(owner, name, "a signal's name, such as 'SIGTERM' or 'SIGINT'", value);
}

/** Checks a Process's options up front; returns its kind, or throws a TypeError naming what is wrong. */
export function validateProcessOptions(options: ProcessOptions): ProcessKind {
	checkObject('Process()', options);
	const {target, command, args, name} = options;
	if (target !== undefined && command !== undefined) {
		throw new TypeError('Process(): give either target or command, not both');
	}
	checkName('Process()', name);
	checkArray('Process()', 'args', args);
	checkOutput('Process()', options.output);
	checkSignal('Process()', 'stopSignal', options.stopSignal);
	checkTimeout('Process()', options.graceMs, 'graceMs');
	checkStopCommand(options.stopCommand);
	if (options.stdin !== undefined && typeof options.stdin !== 'boolean')
		refuse('Process()', 'stdin', 'true or false', options.stdin);
	if (target !== undefined) {
		if (options.stdin === true)
			throw new TypeError('Process(): stdin applies to a command, not to a target');
		checkTaskTarget('Process()', target);
		return 'task';
	}
	if (typeof command !== 'string' || command === '') {
		throw new TypeError(
			'Process(): a command (non-empty string) or a target made with task() is required',
		);
	}
	if (args?.some((arg) => typeof arg !== 'string')) {
		throw new TypeError('Process(): the args of a command must all be strings');
	}
	return 'command';
}

/**
 * What a process runs, as the dashboard lists it: `module#export` or the command line. Made
 * printable, since a file name in it may hold anything.
 */
export function describeTarget({target, command, args}: ProcessOptions): string {
	if (target) return describeTask(target);
	return printable([command, ...((args ?? []) as string[])].join(' '));
}

function checkStopCommand(stopCommand: StopCommand | undefined): void {
	if (stopCommand === undefined) return;
	const {command, args} = stopCommand as Partial<StopCommand>;
	const valid =
		typeof command === 'string' &&
		command !== '' &&
		Array.isArray(args) &&
		args.every((arg) => typeof arg === 'string');
	if (!valid)
		refuse(
			'Process()',
			'stopCommand',
			'{command, args}: a non-empty string and a list of strings',
			stopCommand,
		);
}
