import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {TaskFunction, TaskTarget} from '../ipc/messages.js';
import {printable} from '../util/printable.js';
import {refuse} from '../util/validate.js';
import type {TaskExports} from './task-types.js';

/**
 * Names a function for a child process to run: the module that exports it and the export's name.
 * The module is imported fresh in the child, so it must be a file (JavaScript, or anything the
 * child's Node can import); `import.meta.url`-relative URLs are the usual way to name it.
 *
 * Given the function's type as `F`, the calls that run the task check their arguments against it
 * and know its result; without, they take anything and give `unknown`. `taskModule()` names the
 * module's type once for all its tasks.
 *
 * @example
 * task(new URL('./tasks.js', import.meta.url), 'increment')
 * task<typeof import('./tasks.js')['square']>(new URL('./tasks.js', import.meta.url), 'square')
 */
export function task<F extends TaskFunction = TaskFunction>(
	module: URL | string,
	exportName = 'default',
): TaskTarget<F> {
	if (typeof exportName !== 'string' || exportName === '')
		refuse('task()', 'exportName', 'a non-empty string', exportName);
	return {kind: 'task', module: moduleUrl(module), exportName};
}

/**
 * The tasks of one module, typed by the module's type `M` (`typeof import('./tasks.js')`): the
 * function it returns takes the name of an exported function — a name it does not export fails to
 * compile — and makes its task with that function's type, as `task<F>()` would.
 *
 * @example
 * const tasks = taskModule<typeof import('./tasks.js')>(new URL('./tasks.js', import.meta.url));
 * await pool.map(tasks('square'), [1, 2, 3]); // number[]
 */
export function taskModule<M>(
	module: URL | string,
): <K extends TaskExports<M>>(exportName: K) => TaskTarget<Extract<M[K], TaskFunction>> {
	const url = moduleUrl(module, 'taskModule()');
	return (exportName) => task(url, exportName);
}

/** A module as a URL string: a URL, a `file:` or `data:` URL string, or a path (from the cwd). */
export function moduleUrl(module: URL | string, owner = 'task()'): string {
	if (module instanceof URL) return module.href;
	if (typeof module !== 'string' || module === '')
		refuse(owner, 'module', 'a URL or a path', module);
	if (/^(file|data):/.test(module)) return module;
	return pathToFileURL(path.resolve(module)).href;
}

/**
 * A task as it is listed everywhere: `file.js#exportName`. Made printable, since a file name or an
 * export name may hold anything.
 */
export function describeTask(target: TaskTarget): string {
	return printable(`${target.module.split('/').pop()}#${target.exportName}`);
}

/** True when `value` was made by `task()`. */
export function isTaskTarget(value: unknown): value is TaskTarget {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as TaskTarget).kind === 'task' &&
		typeof (value as TaskTarget).module === 'string'
	);
}

/** Throws a TypeError (`owner: name must be made with task(…)`) unless `value` is a task target. */
export function checkTaskTarget(
	owner: string,
	value: unknown,
	name = 'target',
): asserts value is TaskTarget<TaskFunction> {
	if (!isTaskTarget(value))
		throw new TypeError(`${owner}: ${name} must be made with task(module, 'exportName')`);
}
