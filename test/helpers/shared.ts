import {type Orchestrator, Process, task} from '../../source/index.js';

/** The module of the shared-state task fixtures, as children import it. */
export const sharedTasks = new URL('../fixtures/shared-tasks.js', import.meta.url);

/** Starts a child running the shared-state fixture `exportName` with `args`; resolves once it runs. */
export async function startSharedTask(
	orchestrator: Orchestrator,
	exportName: string,
	args: readonly unknown[],
	name?: string,
): Promise<Process> {
	const child = new Process({
		target: task(sharedTasks, exportName),
		args,
		name,
		orchestrator,
	});
	await child.start();
	return child;
}

/**
 * Makes this test file's Values, SharedArrays and Locks reach child processes through the broker
 * (PROCDASH_SHARED_MEMORY=off), for tests of what only the broker sees: every operation as an
 * event, FIFO waiters, timeouts. Call it at the top of the file, before any shared object is made.
 */
export function forceBrokerPath(): void {
	process.env.PROCDASH_SHARED_MEMORY = 'off';
}
