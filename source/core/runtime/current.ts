import {runtimeContext} from './context.js';

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
