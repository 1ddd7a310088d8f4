import {statSync} from 'node:fs';
import {constants} from 'node:os';
import path from 'node:path';
import {CommandLineError, splitWords} from '../core/process/command-line.js';
import type {StopCommand} from '../core/process/stop-command.js';
import {readEnvFile} from './env-file.js';
import {describe, isMapping, optionalNumber, type Problems, unknownFields} from './fields.js';
import type {StopRule} from './types.js';

// The checks of a process's fields that are more than a type: a directory that exists, an
// environment (from an env file and the file's own mapping), exit codes.

/** The fields of a process's `stop`. */
export const stopFields = ['signal', 'grace_seconds', 'command'] as const;
/** The fields of a process's `log`. */
export const logFields = ['file', 'max_size_mb', 'keep'] as const;

/** An absolute directory that exists, resolved against the scenario file's own. */
export function directory(
	value: unknown,
	at: string,
	baseDirectory: string,
	problems: Problems,
): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') {
		problems.add(at, `expected a directory (a string), got ${describe(value)}`);
		return undefined;
	}
	const resolved = path.resolve(baseDirectory, value);
	if (!statSync(resolved, {throwIfNoEntry: false})?.isDirectory()) {
		problems.add(at, `no such directory: ${resolved}`);
	}
	return resolved;
}

/** A mapping of names to strings, numbers or booleans, as strings. */
export function environment(
	value: unknown,
	at: string,
	problems: Problems,
): Record<string, string> | undefined {
	if (value === undefined) return undefined;
	if (!isMapping(value)) {
		problems.add(at, `expected a mapping of variable names to values, got ${describe(value)}`);
		return undefined;
	}
	const env: Record<string, string> = {};
	for (const [name, variable] of Object.entries(value)) {
		if (['string', 'number', 'boolean'].includes(typeof variable)) env[name] = String(variable);
		else
			problems.add(
				`${at}.${name}`,
				`expected a string, number or boolean, got ${describe(variable)}`,
			);
	}
	return env;
}

/** The variables of an env file, relative to the scenario file. */
export function envFile(
	value: unknown,
	at: string,
	baseDirectory: string,
	problems: Problems,
): Readonly<Record<string, string>> | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') {
		problems.add(at, `expected a file name (a string), got ${describe(value)}`);
		return undefined;
	}
	const read = readEnvFile(path.resolve(baseDirectory, value), value);
	if ('problem' in read) {
		problems.add(at, read.problem);
		return undefined;
	}
	return read.variables;
}

/** A non-empty list of exit codes, 0 to 255; [0] when absent. */
export function exitCodes(value: unknown, at: string, problems: Problems): readonly number[] {
	if (value === undefined) return [0];
	const valid =
		Array.isArray(value) &&
		value.length > 0 &&
		value.every((code) => Number.isInteger(code) && code >= 0 && code <= 255);
	if (valid) return value as number[];
	problems.add(
		at,
		`expected a list of exit codes (whole numbers 0 to 255), got ${describe(value)}`,
	);
	return [0];
}

/**
 * A process's `stop` rule: the command a stop runs (split into words, no shell), the signal it
 * sends (instead, or when the command fails), the grace before SIGKILL.
 */
export function stopRule(value: unknown, at: string, problems: Problems): StopRule | undefined {
	if (value === undefined) return undefined;
	if (!isMapping(value)) {
		problems.add(
			at,
			`expected a mapping with signal, grace_seconds and command, got ${describe(value)}`,
		);
		return undefined;
	}
	unknownFields(value, stopFields, at, problems);
	const named = value.signal ?? 'SIGTERM';
	const signal = (
		typeof named === 'string' && !named.startsWith('SIG') ? `SIG${named}` : named
	) as NodeJS.Signals;
	if (typeof signal !== 'string' || !(signal in constants.signals)) {
		problems.add(
			`${at}.signal`,
			`expected a signal's name (TERM, INT, QUIT, HUP…), got ${describe(named)}`,
		);
		return undefined;
	}
	const grace = optionalNumber(value, 'grace_seconds', `${at}.grace_seconds`, problems, {min: 0});
	const command = stopCommand(value.command, `${at}.command`, problems);
	return {
		signal,
		graceMs: grace === undefined ? undefined : grace * 1000,
		...(command && {command}),
	};
}

function stopCommand(value: unknown, at: string, problems: Problems): StopCommand | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '') {
		problems.add(at, `expected a command (a non-empty string), got ${describe(value)}`);
		return undefined;
	}
	try {
		const [command = '', ...args] = splitWords(value);
		return {command, args};
	} catch (error) {
		if (!(error instanceof CommandLineError)) throw error;
		problems.add(at, `${error.message}, or write sh -c '…'`);
		return undefined;
	}
}

/** A process's `log`: its file (relative to the scenario file), rotated past max_size_mb, keep old ones. */
export function logRule(
	value: unknown,
	at: string,
	baseDirectory: string,
	problems: Problems,
): {readonly file: string; readonly maxBytes: number; readonly keep: number} | undefined {
	if (value === undefined) return undefined;
	if (!isMapping(value)) {
		problems.add(at, `expected a mapping with file, max_size_mb and keep, got ${describe(value)}`);
		return undefined;
	}
	unknownFields(value, logFields, at, problems);
	const {file} = value;
	if (typeof file !== 'string' || file === '') {
		problems.add(`${at}.file`, `expected a file name (a string), got ${describe(file)}`);
		return undefined;
	}
	const resolved = path.resolve(baseDirectory, file);
	if (!statSync(path.dirname(resolved), {throwIfNoEntry: false})?.isDirectory())
		problems.add(`${at}.file`, `no such directory: ${path.dirname(resolved)}`);
	const megabytes =
		optionalNumber(value, 'max_size_mb', `${at}.max_size_mb`, problems, {min: 0.001}) ?? 10;
	const keep = optionalNumber(value, 'keep', `${at}.keep`, problems, {min: 0, integer: true}) ?? 3;
	return {file: resolved, maxBytes: Math.round(megabytes * 1024 * 1024), keep};
}
