import path from 'node:path';
import {ProcessStateError} from '../errors.js';
import {splitWords} from '../process/command-line.js';
import {poolKey} from '../process/options.js';
import {Process} from '../process/process.js';
import {Thread} from '../process/thread.js';
import type {Member} from './member.js';
import type {Orchestrator} from './orchestrator.js';

/**
 * Starts a command line typed by a person, without a shell: the line is split into words as a
 * shell would split them, and shell syntax is refused — unless the line starts with `sh -c`,
 * whose script then goes to /bin/sh as one argument. Rejects with what is wrong.
 */
export async function startCommandLine(orchestrator: Orchestrator, line: string): Promise<Process> {
	const [command, ...args] = commandLineWords(line);
	const child = new Process({
		command,
		args,
		name: uniqueName(orchestrator, path.basename(command)),
		orchestrator,
	});
	await child.start();
	return child;
}

/**
 * The command and arguments `startCommandLine` would run for `line`, without running anything:
 * throws with what is wrong (an empty line, an unclosed quote, shell syntax outside `sh -c`), so
 * that a person can be told before anything starts.
 */
export function commandLineWords(line: string): [string, ...string[]] {
	const trimmed = line.trim();
	if (trimmed === '')
		throw new TypeError('type a command line, e.g. sleep 30 or sh -c "yes | head"');
	const script = /^sh\s+-c\s+([\s\S]+)$/.exec(trimmed)?.[1];
	const words = script === undefined ? splitWords(trimmed) : ['sh', '-c', unquote(script)];
	return words as [string, ...string[]];
}

/**
 * Starts a process again as a new one, with the options it was made with (and its name). The
 * old one, if still running, is stopped first (SIGTERM, the grace period, SIGKILL).
 */
export async function restartProcess(orchestrator: Orchestrator, id: number): Promise<Member> {
	const previous = orchestrator.find(id);
	if (!previous) throw new RangeError(`no process with id ${id}`);
	if (!(previous instanceof Process || previous instanceof Thread)) {
		throw new TypeError(`${previous.name} cannot be restarted`);
	}
	const pool = (previous.options as {readonly [poolKey]?: string})[poolKey];
	if (pool !== undefined) {
		throw new ProcessStateError(
			`${previous.name} is a worker of ${pool}, which replaces its workers itself`,
		);
	}
	if (previous.isAlive()) await previous.stop();
	const {name} = previous;
	const next =
		previous instanceof Thread
			? new Thread({...previous.options, name, orchestrator})
			: new Process({...previous.options, name, orchestrator});
	await next.start();
	return next;
}

// `sh -c 'a | b'`: the script is the one quoted word; `sh -c a | b`: the rest of the line as typed.
function unquote(script: string): string {
	try {
		const words = splitWords(script);
		if (words.length === 1) return words[0] as string;
	} catch {
		// Shell syntax outside quotes: the shell will read it.
	}
	return script;
}

// Names are how a person tells rows apart: a second `sleep` is `sleep-2`.
function uniqueName(orchestrator: Orchestrator, base: string): string {
	const taken = new Set(orchestrator.processes().map((process) => process.name));
	if (!taken.has(base)) return base;
	let suffix = 2;
	while (taken.has(`${base}-${suffix}`)) suffix++;
	return `${base}-${suffix}`;
}
