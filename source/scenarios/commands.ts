import path from 'node:path';
import {joinWords} from '../core/process/command-line.js';
import {Process} from '../core/process/process.js';
import {printable} from '../core/util/printable.js';
import type {Scenario} from './scenario.js';

/** One command to run: an executable and its arguments. */
export type CommandToRun = {readonly command: string; readonly args: readonly string[]};

/**
 * Any commands as a scenario (`procdash run`): all started at once, each with no shell (unless the
 * command is one, as in `sh -c …`), their whole process trees shown by the stats sampler. It
 * passes when every command exits with 0; one that cannot be found exits with 127.
 */
export function commandsScenario(commands: readonly CommandToRun[]): Scenario {
	const lines = commands.map(({command, args}) => printable(joinWords([command, ...args])));
	return {
		name: 'run',
		description: `run ${lines.join(' · ')}`,
		about: `Running ${lines.join(' · ')}. Every process a command starts appears under it, live, with its CPU and memory.`,
		async run(orchestrator) {
			const names = uniqueNames(commands.map(({command}) => printable(path.basename(command))));
			const processes = commands.map(
				({command, args}, index) => new Process({command, args, name: names[index], orchestrator}),
			);
			await Promise.all(processes.map((process) => process.start()));
			await Promise.all(processes.map((process) => process.join()));
			const outcomes = processes.map((process) => `${process.name}: ${exitText(process)}`);
			if (processes.length === 1) return {ok: processes[0]?.exitcode === 0, notes: outcomes};
			const failed = processes.filter((process) => process.exitcode !== 0);
			const headline =
				failed.length === 0
					? `all ${processes.length} commands exited with 0`
					: `${failed.length} of ${processes.length} commands failed: ${failed.map((process) => process.name).join(', ')}`;
			return {ok: failed.length === 0, notes: [headline, ...outcomes]};
		},
	};
}

function exitText(process: Process): string {
	if (process.error?.name === 'SpawnError') return process.error.message;
	return `exit code ${process.exitcode}`;
}

// Two commands with the same name get `sleep` and `sleep-2`, so that rows can be told apart.
function uniqueNames(names: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return names.map((name) => {
		const count = (seen.get(name) ?? 0) + 1;
		seen.set(name, count);
		return count === 1 ? name : `${name}-${count}`;
	});
}
