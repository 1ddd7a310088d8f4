import {Process} from '../../core/process/process.js';
import {task} from '../../core/process/task.js';

/**
 * Runs inside a daemon: tries to start a child of its own. procdash refuses, as CPython does,
 * with DaemonError; the error ends this process with exit code 1.
 */
export async function startGrandchild(): Promise<void> {
	const sleep = task(new URL('./sleep.js', import.meta.url), 'sleepAndReport');
	const grandchild = new Process({target: sleep, args: [100], name: 'grandchild'});
	await grandchild.start();
}
