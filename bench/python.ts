// Python anchors: a script run with python3, its JSON printed on stdout. A machine without
// python3 skips them with a note; nothing fails for it.
import {spawnSync} from 'node:child_process';

/** What a Python anchor gave: its JSON output, or why it was skipped. */
export type PythonRun<T> =
	| {readonly ok: true; readonly version: string; readonly output: T}
	| {readonly ok: false; readonly note: string};

let version: string | undefined | null;

/** `Python 3.11.7`, or null when there is no python3. */
export function pythonVersion(): string | null {
	if (version !== undefined) return version;
	const run = spawnSync('python3', ['--version'], {encoding: 'utf8'});
	version = run.error || run.status !== 0 ? null : run.stdout.trim();
	return version;
}

/** Runs `script` with `args` and parses what it prints as JSON. */
export function runPython<T>(
	script: string,
	args: readonly (string | number)[] = [],
): PythonRun<T> {
	const found = pythonVersion();
	if (!found) return {ok: false, note: 'python3 not found: the Python anchor is skipped'};
	const run = spawnSync('python3', ['-c', script, ...args.map(String)], {
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	if (run.status !== 0) {
		return {
			ok: false,
			note: `python3 failed, anchor skipped: ${run.stderr.trim().split('\n').at(-1)}`,
		};
	}
	return {ok: true, version: found, output: JSON.parse(run.stdout) as T};
}
