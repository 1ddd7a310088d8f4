import pidtree from 'pidtree';
import {isRunning, listPids, readProcFile, readStat} from '../../source/core/stats/proc.js';

// The one /proc reader: a process's state, and whether it still runs (a zombie has ended).
export {isRunning, procState} from '../../source/core/stats/proc.js';

/** Options of `waitFor`. */
export type WaitForOptions = {
	/** How long the condition has to become true. */
	readonly timeoutMs?: number;
	/** How often to look again. */
	readonly intervalMs?: number;
	/** Said in the error when the deadline passes. */
	readonly message?: string;
};

/**
 * Polls `condition` until it returns true, or rejects once `timeoutMs` has passed. This is how
 * tests wait for the OS to catch up: on a condition with a deadline, never for a fixed time.
 */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	// The deadline is generous: a loaded 2-core CI machine can take seconds to boot a runtime or
	// deliver a signal, and a condition that holds returns at once however long the deadline is.
	{timeoutMs = 10_000, intervalMs = 20, message = 'condition'}: WaitForOptions = {},
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (performance.now() >= deadline) {
			throw new Error(`waitFor: ${message} did not hold within ${timeoutMs} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** The executable's name as the kernel reports it (`comm`), or undefined once the pid is gone. */
export function commandOf(pid: number): string | undefined {
	return readStat(pid)?.comm;
}

/** `pid` and every descendant of it, in breadth-first order (pidtree, so it runs `ps`). */
export async function processTree(pid: number): Promise<number[]> {
	try {
		return await pidtree(pid, {root: true});
	} catch {
		// pidtree rejects when the root is gone.
		return [];
	}
}

/** The pids in the tree under `pid` (itself included) whose command is `command`. */
export async function treeCommands(pid: number, command: string): Promise<number[]> {
	return (await processTree(pid)).filter((member) => commandOf(member) === command);
}

/**
 * Descendants of this (test) process that are still living: no zombies, and none of the pids in
 * `ignore` (pass each orchestrator's `watchdogPid`, which is a child of the test by design).
 */
export async function livingDescendants(
	ignore: readonly (number | undefined)[] = [],
): Promise<number[]> {
	const pids = await pidtree(process.pid);
	return pids.filter((pid) => !ignore.includes(pid) && isRunning(pid));
}

/**
 * Waits (up to `timeoutMs`) for every living descendant to be gone and returns those left, so
 * that an afterEach can assert the list is empty and print what leaked when it is not.
 */
export async function settledDescendants(
	ignore: () => readonly (number | undefined)[] = () => [],
	timeoutMs = 5000,
): Promise<number[]> {
	let left: number[] = [];
	try {
		await waitFor(
			async () => {
				left = await livingDescendants(ignore());
				return left.length === 0;
			},
			{timeoutMs, intervalMs: 50, message: 'no living descendant'},
		);
	} catch {
		// The caller's assertion reports what is left, with the commands.
	}
	return left;
}

/** `pid (command)` for each pid, for readable assertion messages. */
export function describePids(pids: readonly number[]): string[] {
	return pids.map((pid) => `${pid} (${commandOf(pid) ?? 'gone'})`);
}

/** The running processes whose command line is exactly `words` (from /proc/<pid>/cmdline). */
export function pidsRunning(words: readonly string[]): number[] {
	const wanted = `${words.join('\0')}\0`;
	return listPids().filter(
		(pid) => readProcFile(`/proc/${pid}/cmdline`) === wanted && isRunning(pid),
	);
}
