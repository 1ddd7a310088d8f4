// What comes after a child's end, for a Process and a Thread alike: waiting for its last words,
// and the exit code that says how it ended.
import type {ChildProcess} from 'node:child_process';
import {constants} from 'node:os';
import type {Worker} from 'node:worker_threads';
import type {ErrorInfo} from '../events/index.js';

// How long to wait after an exit for the last output lines and messages to arrive. Bounded
// because a grandchild that keeps the pipe open must not hold the exit event back forever.
const drainAfterExitMs = 100;

// Shell conventions for a command that cannot be started.
const notFoundExitcode = 127;
const notExecutableExitcode = 126;

/** CPython's exitcode of a child: N for exit(N), −N when signal N ended it. */
export function exitcodeOf(code: number | null, signal: NodeJS.Signals | null): number {
	return code ?? -(constants.signals[signal as NodeJS.Signals] ?? 0);
}

/** The signal's name for a CPython-style exit code (−9 → SIGKILL), or null. */
export function signalOf(exitcode: number | null): NodeJS.Signals | null {
	if (exitcode === null || exitcode >= 0) return null;
	const entry = Object.entries(constants.signals).find(([, number]) => number === -exitcode);
	return (entry?.[0] as NodeJS.Signals | undefined) ?? null;
}

/**
 * Resolves once a child process that has exited is done: 'close' comes after 'exit' once the pipes
 * and the IPC channel are done, so the last lines and the task's result are in before the exit
 * event. Or after a bounded wait.
 */
export function drainChild(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, drainAfterExitMs);
		child.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Resolves once a worker that has exited has ended its output streams, or after a bounded wait. */
export function drainWorker(worker: Worker): Promise<void> {
	const ended = (stream: NodeJS.ReadableStream & {readableEnded?: boolean}) =>
		stream.readableEnded
			? Promise.resolve()
			: new Promise<void>((resolve) => stream.once('end', resolve));
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, drainAfterExitMs);
		void Promise.all([ended(worker.stdout), ended(worker.stderr)]).then(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/**
 * Why `command` could not be started, and the exit code a shell would give it: 127 when it is not
 * found, 126 when it cannot be executed.
 */
export function spawnFailure(
	command: string,
	error: NodeJS.ErrnoException,
): {readonly exitcode: number; readonly error: ErrorInfo} {
	const exitcode = error.code === 'ENOENT' ? notFoundExitcode : notExecutableExitcode;
	const reason =
		error.code === 'ENOENT'
			? 'not found (ENOENT); check the name and PATH'
			: `cannot be executed (${error.code}); check that it is a program you may run (chmod +x), or run it through its interpreter (sh script.sh)`;
	return {
		exitcode,
		error: {name: 'SpawnError', message: `command '${command}' ${reason}`, code: error.code},
	};
}
