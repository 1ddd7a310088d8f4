import path from 'node:path';
import {ProcessStateError} from '../errors.js';
import {splitWords} from '../process/command-line.js';
import {poolKey} from '../process/options.js';
import {Process} from '../process/process.js';
import {Thread} from '../process/thread.js';
import {readStat} from '../stats/proc.js';
import {printable} from '../util/printable.js';
import {checkWholeNumber} from '../util/validate.js';
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

/** A descendant procdash did not start itself, as /proc shows it now. */
export type Descendant = {
	readonly pid: number;
	/** Its executable's name (`comm`), with control characters shown as `?`. */
	readonly command: string;
	/** When it started, in clock ticks after boot: with the pid, it names this one process. */
	readonly starttime: number;
	/** The live process procdash started that it descends from. */
	readonly root: Member;
};

/**
 * `pid` as a living descendant of one of the orchestrator's live processes, found by walking its
 * parents in /proc up to a process procdash started; undefined when it is not one, as of now (a
 * process procdash started is not its own descendant).
 */
export function findDescendant(orchestrator: Orchestrator, pid: number): Descendant | undefined {
	// A thread's pid is procdash's own, the ancestor of everything: it roots nothing.
	const roots = new Map(
		orchestrator
			.processes()
			.filter((member) => member.kind !== 'thread' && member.isAlive())
			.map((member) => [member.pid, member]),
	);
	const stat = readStat(pid);
	if (!stat || stat.state === 'Z' || roots.has(pid)) return undefined;
	let parent = stat.ppid;
	// Bounded, as a tree of processes is: a parent read mid-exit must not keep the walk going.
	for (let depth = 0; depth < 64 && parent > 1; depth++) {
		const root = roots.get(parent);
		if (root) return {pid, command: printable(stat.comm), starttime: stat.starttime, root};
		parent = readStat(parent)?.ppid ?? 0;
	}
	return undefined;
}

/**
 * Sends `signal` to one descendant procdash did not start itself (a command's own child): to that
 * process alone, not to its group, which is its root's. It must be, as of now, a living
 * descendant of one of the orchestrator's live processes; any other pid is refused with a
 * ProcessStateError, so that no key can signal a process outside procdash's own tree.
 */
export function signalDescendant(
	orchestrator: Orchestrator,
	pid: number,
	signal: NodeJS.Signals,
): Descendant {
	return send(orchestrator, pid, signal, undefined);
}

/**
 * Stops a descendant as `Process.stop` stops a process: SIGTERM, then SIGKILL after `graceMs`
 * if the same process (its pid and start time) is still a living descendant by then. Refuses a
 * pid as `signalDescendant` does; returns once SIGTERM is sent.
 */
export function stopDescendant(
	orchestrator: Orchestrator,
	pid: number,
	graceMs = orchestrator.graceMs,
): Descendant {
	const descendant = send(orchestrator, pid, 'SIGTERM', graceMs);
	const timer = setTimeout(() => {
		const now = findDescendant(orchestrator, pid);
		if (now?.starttime !== descendant.starttime || orchestrator.stopping) return;
		try {
			send(orchestrator, pid, 'SIGKILL', undefined);
		} catch {
			// It exited between the look and the signal: what SIGKILL was for.
		}
	}, graceMs);
	// A pending SIGKILL does not keep the program alive: the stop kills what is left.
	timer.unref();
	return descendant;
}

function send(
	orchestrator: Orchestrator,
	pid: number,
	signal: NodeJS.Signals,
	graceMs: number | undefined,
): Descendant {
	checkWholeNumber('signalDescendant()', 'pid', pid, 1);
	const descendant = findDescendant(orchestrator, pid);
	if (!descendant)
		throw new ProcessStateError(`pid ${pid} is not a living descendant of a process procdash runs`);
	try {
		process.kill(pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
		throw new ProcessStateError(`pid ${pid} has exited`, {cause: error});
	}
	orchestrator.bus.emit('descendant:signalled', {
		pid,
		command: descendant.command,
		rootId: descendant.root.id,
		rootName: descendant.root.name,
		signal,
		...(graceMs === undefined ? {} : {graceMs}),
	});
	return descendant;
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
