import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {TaskTarget} from '../ipc/messages.js';
import {printable} from '../util/printable.js';
import {refuse} from '../util/validate.js';

/**
 * Names a function for a child process to run: the module that exports it and the export's name.
 * The module is imported fresh in the child, so it must be a file (JavaScript, or anything the
 * child's Node can import); `import.meta.url`-relative URLs are the usual way to name it.
 *
 * @example task(new URL('./tasks.js', import.meta.url), 'increment')
 */
export function task(module: URL | string, exportName = 'default'): TaskTarget {
	if (typeof exportName !== 'string' || exportName === '')
		refuse('task()', 'exportName', 'a non-empty string', exportName);
	return {kind: 'task', module: moduleUrl(module), exportName};
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
): asserts value is TaskTarget {
	if (!isTaskTarget(value))
		throw new TypeError(`${owner}: ${name} must be made with task(module, 'exportName')`);
}
