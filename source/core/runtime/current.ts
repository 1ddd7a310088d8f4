import {runtimeContext} from './context.js';
import {threadContext} from './thread-context.js';

/** A process as `currentProcess()` and `parentProcess()` describe it. */
export type ProcessInfo = {
	readonly name: string;
	readonly pid: number;
	readonly daemon: boolean;
};

/**
 * The process this code runs in: inside a task, the name procdash gave it; in a program's own
 * process, `MainProcess` (as CPython names it).
 */
export function currentProcess(): ProcessInfo {
	const context = runtimeContext();
	if (!context) return {name: 'MainProcess', pid: process.pid, daemon: false};
	return {name: context.self.name, pid: process.pid, daemon: context.self.daemon};
}

/** The process that started this one, or null in a main process (as in CPython). */
export function parentProcess(): ProcessInfo | null {
	const context = runtimeContext();
	if (!context) return null;
	return {name: context.parent.name, pid: context.parent.pid, daemon: false};
}

/** The identity chain names of new processes extend (`Process-2:1` inside `Process-2`). */
export function currentIdentity(): readonly number[] {
	return runtimeContext()?.self.identity ?? [];
}

/** A thread as `currentThread()` describes it. */
export type ThreadInfo = {
	readonly name: string;
	/** The worker thread id; 0 for a process's main thread. */
	readonly threadId: number;
	readonly daemon: boolean;
};

/**
 * The thread this code runs in, like Python's `threading.current_thread()`: inside a Thread, the
 * name procdash gave it; elsewhere `MainThread`.
 */
export function currentThread(): ThreadInfo {
	const self = threadContext();
	if (!self) return {name: 'MainThread', threadId: 0, daemon: false};
	return {name: self.name, threadId: self.threadId, daemon: self.daemon};
}
