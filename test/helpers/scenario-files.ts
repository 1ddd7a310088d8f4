import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {BusEvent, EventOf, EventType} from '../../source/core/events/index.js';
import {type CliRun, expectNoneRunning, pidsIn, runCli} from './cli.js';

// Scenario files run through the built command, with real processes, in a fresh directory: the
// commands may keep their state in files there (a restarted process can fail the first times only).

/**
 * Runs `yaml` as procdash.yaml with `--json` (and `args`), beside `files` (name → text), in a
 * fresh `directory`; nothing left running.
 */
export async function scenario(
	yaml: string,
	files: Readonly<Record<string, string>> = {},
	args: readonly string[] = [],
): Promise<CliRun & {readonly directory: string}> {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-scenario-'));
	writeFileSync(path.join(directory, 'procdash.yaml'), yaml);
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(directory, name)), {recursive: true});
		writeFileSync(path.join(directory, name), text);
	}
	const run = await runCli(['-c', 'procdash.yaml', '--json', ...args], {cwd: directory});
	await expectNoneRunning(pidsIn(run.events));
	return {...run, directory};
}

/** The run's events of `type`, of the process named `name` when given. */
export function eventsOf<K extends EventType>(run: CliRun, type: K, name?: string): EventOf<K>[] {
	return run.events.filter(
		(event): event is BusEvent & EventOf<K> =>
			event.type === type && (name === undefined || ('name' in event && event.name === name)),
	);
}

/** The exit codes of every process named `name`, in the summary's order (restarts are new rows). */
export function exitcodesOf(run: CliRun, name: string): (number | null)[] {
	return (run.summary?.processes ?? [])
		.filter((process) => process.name === name)
		.map((process) => process.exitcode);
}
