import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {TaskLoadError, toErrorInfo} from '../errors.js';
import type {TaskTarget} from '../ipc/messages.js';
import {typeScriptHint} from './typescript.js';

/** A task function as a child calls it. */
export type CallableTask = (...args: unknown[]) => unknown;

/**
 * Imports `target`'s module and returns its exported function, or throws a `TaskLoadError` that
 * says what the module exports instead.
 */
export async function loadTask(target: TaskTarget): Promise<CallableTask> {
	let module: Record<string, unknown>;
	try {
		module = await import(target.module);
	} catch (error) {
		const info = toErrorInfo(error);
		const hint = typeScriptHint(target.module);
		if (info.code === 'ERR_UNKNOWN_FILE_EXTENSION' && hint)
			throw loadError(`cannot import task module ${target.module}: ${hint}`, error);
		// Node names the importer (this file), which only confuses: say what to check instead.
		if (info.code === 'ERR_MODULE_NOT_FOUND' && info.message.includes(fileURLToPath(target.module)))
			throw loadError(
				`task module ${target.module} does not exist; check the module given to task() (new URL('./tasks.js', import.meta.url) names a file next to the module that calls it)${typeScriptBeside(target.module)}`,
			);
		throw loadError(`cannot import task module ${target.module}: ${info.message}`, error);
	}
	const fn = module[target.exportName];
	if (typeof fn !== 'function') {
		const exported = Object.keys(module).filter((name) => typeof module[name] === 'function');
		throw loadError(
			`task module ${target.module} has no exported function '${target.exportName}' (it exports: ${exported.join(', ') || 'none'})`,
		);
	}
	return fn as CallableTask;
}

// tasks.js named, tasks.ts beside it: the TypeScript source, which this Node cannot run.
function typeScriptBeside(module: string): string {
	const source = module.replace(/\.([cm]?)js$/, '.$1ts');
	if (source === module || !existsSync(fileURLToPath(source))) return '';
	return `; ${source.split('/').pop()} is there, but ${typeScriptHint(source)}`;
}

function loadError(message: string, cause?: unknown): TaskLoadError {
	return new TaskLoadError(message, cause === undefined ? undefined : {cause});
}
