import type {TaskFunction, TaskTarget} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkObject} from '../util/validate.js';
import type {OutputMode} from './output.js';
import {Process} from './process.js';
import {checkTaskTarget} from './task.js';
import type {TaskArgs} from './task-types.js';

/** Options of `fork()`. */
export type ForkOptions = {
	/** The clone's name; `Process-N` when omitted. */
	readonly name?: string;
	/** Whether the clone's output is printed here too (`inherit`) or not (`capture`); see ProcessOptions. */
	readonly output?: OutputMode;
	/** The orchestrator that owns the clone; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

/**
 * The closest Node comes to `os.fork()`, and it is not the same thing: Node cannot fork a running
 * process. `fork()` starts a **fresh** Node runtime and hands it a **copy** (structured clone) of
 * `state`; nothing else of the parent — no variable, no open file, no timer — is there.
 *
 * A typed task (`task<F>()`) checks `state` against its function's second parameter.
 *
 * As with `os.fork()`, each side learns which it is from the fork result: the parent's promise
 * resolves with the clone (its `pid` is what `os.fork()` returns in a parent), and the clone's
 * function is called as `fn(0, stateCopy)`, 0 being what `os.fork()` returns in a child. A change
 * the clone makes to its copy never reaches the parent, exactly as after a real fork.
 *
 * @example
 * const clone = await fork(task(new URL('./tasks.js', import.meta.url), 'child'), {counter: 0});
 * clone.pid; // the clone's pid: the parent's fork result
 * await clone.join();
 */
export async function fork<F extends TaskFunction = TaskFunction>(
	target: TaskTarget<F>,
	state?: TaskArgs<F>[1],
	options: ForkOptions = {},
): Promise<Process<F>> {
	checkTaskTarget('fork()', target);
	checkObject('fork()', options);
	const clone = new Process({
		target: target as TaskTarget,
		args: [0, state],
		name: options.name,
		output: options.output,
		orchestrator: options.orchestrator,
	});
	await clone.start();
	// It runs `target`, so its result is F's; the compiler cannot relate a Process of any task
	// to a Process<F>.
	return clone as unknown as Process<F>;
}
