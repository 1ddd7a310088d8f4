import {toErrorInfo} from '../core/errors.js';
import type {Member} from '../core/orchestrator/member.js';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {
	commandLineWords,
	restartProcess,
	signalDescendant,
	startCommandLine,
	stopDescendant,
} from '../core/orchestrator/steering.js';
import {Process} from '../core/process/process.js';
import {formatSeconds} from './format.js';

/** A preset as the menu lists it. */
export type PresetChoice = {readonly name: string; readonly description: string};

/** What a key did, in words for the footer. */
export type Outcome = {
	readonly ok: boolean;
	readonly message: string;
	/** The process the key made (started, restarted, or failed to start with a row of its own). */
	readonly id?: number;
};

/** What k, K and p do to a descendant: SIGTERM then SIGKILL, SIGKILL, SIGSTOP, SIGCONT. */
export type DescendantAction = 'terminate' | 'kill' | 'pause' | 'resume';

/**
 * What the dashboard's keys may do to the processes it shows. A live run steers its orchestrator
 * through the core; a replay can steer nothing, and says so. The UI itself starts nothing.
 */
export type DashboardController = {
	/** Why keys that act on processes do nothing (shown in the footer); undefined when they work. */
	readonly readOnly: string | undefined;
	/** Milliseconds between SIGTERM and SIGKILL, for the footer's words. */
	readonly graceMs: number;
	/** SIGTERM to the process with this id, then SIGKILL after the grace period; false when it is not running. */
	readonly terminate: (id: number) => boolean;
	/** SIGKILL to the process with this id; false when it is not running. */
	readonly kill: (id: number) => boolean;
	/** SIGSTOP, or SIGCONT when `paused`; false when it is not running. */
	readonly pause: (id: number, paused: boolean) => boolean;
	/**
	 * Signals a descendant procdash did not start (a command's own child), by pid: the core
	 * refuses one that is not, as of now, a living descendant of a live process.
	 */
	readonly steerDescendant: (pid: number, action: DescendantAction) => Outcome;
	/** Starts the process again as a new one with the same options. */
	readonly restart: (id: number) => Promise<Outcome>;
	/** Why a typed command line cannot be started (an unclosed quote, shell syntax); undefined when it can. */
	readonly checkCommand: (line: string) => string | undefined;
	/** Starts a typed command line (no shell unless it starts with `sh -c`). */
	readonly startCommand: (line: string) => Promise<Outcome>;
	/** Sends `signal` to the process group of the process with this id; false when it is not running. */
	readonly signal: (id: number, signal: NodeJS.Signals) => boolean;
	/** Why the process with this id takes no line on its stdin; undefined when it does. */
	readonly stdinRefusal: (id: number) => string | undefined;
	/** Writes `line` and a newline to the stdin of the process with this id. */
	readonly writeLine: (id: number, line: string) => Outcome;
	/** SIGKILL to every process at once: the second q. */
	readonly killAll: () => void;
	/** Stops everything; a live dashboard leaves once the snapshot says it has stopped. */
	readonly stop: () => void;
	/** What `s` offers: the presets and how to play one; absent where no preset can be played. */
	readonly presets?: {
		readonly choices: readonly PresetChoice[];
		readonly play: (name: string) => void;
	};
};

/** The controller of a live run: every key acts on `orchestrator`; `s` offers `presets`. */
export function orchestratorController(
	orchestrator: Orchestrator,
	presets?: DashboardController['presets'],
): DashboardController {
	const alive = (id: number) => {
		const process = orchestrator.find(id);
		return process?.isAlive() ? process : undefined;
	};
	return {
		presets,
		readOnly: undefined,
		graceMs: orchestrator.graceMs,
		terminate: (id) => {
			const process = alive(id);
			if (!process) return false;
			void process.stop();
			return true;
		},
		kill: (id) => alive(id)?.kill() ?? false,
		pause: (id, paused) => {
			const process = alive(id);
			if (!process) return false;
			return paused ? process.resume() : process.pause();
		},
		steerDescendant: (pid, action) => {
			try {
				const {command, root} =
					action === 'terminate'
						? stopDescendant(orchestrator, pid)
						: signalDescendant(orchestrator, pid, descendantSignals[action]);
				return {
					ok: true,
					message: descendantSent(
						action,
						`${command} (pid ${pid}, under ${root.name})`,
						orchestrator.graceMs,
					),
				};
			} catch (error) {
				return {ok: false, message: `not signalled: ${toErrorInfo(error).message}`};
			}
		},
		restart: (id) =>
			restartProcess(orchestrator, id).then(
				(process) => ({
					ok: true,
					message: `restarted ${process.name} as pid ${process.pid}`,
					id: process.id,
				}),
				(error: unknown) => ({ok: false, message: `cannot restart: ${toErrorInfo(error).message}`}),
			),
		checkCommand: (line) => {
			try {
				commandLineWords(line);
				return undefined;
			} catch (error) {
				return toErrorInfo(error).message;
			}
		},
		startCommand: (line) =>
			startCommandLine(orchestrator, line).then(
				(process) =>
					process.exitcode === null
						? {ok: true, message: `started ${process.name}, pid ${process.pid}`, id: process.id}
						: {
								ok: false,
								message: process.error?.message ?? `${process.name} could not start`,
								id: process.id,
							},
				(error: unknown) => ({ok: false, message: toErrorInfo(error).message}),
			),
		signal: (id, signal) => alive(id)?.signal(signal) ?? false,
		stdinRefusal: (id) => stdinRefusal(orchestrator.find(id)),
		writeLine: (id, line) => {
			const process = orchestrator.find(id);
			const refused = stdinRefusal(process);
			if (refused !== undefined || !(process instanceof Process))
				return {ok: false, message: refused ?? 'no stdin'};
			return process.writeStdin(`${line}\n`)
				? {ok: true, message: `sent to ${process.name}'s stdin: ${line}`}
				: {ok: false, message: `${process.name} has closed its stdin`};
		},
		killAll: () => orchestrator.signalAll('SIGKILL'),
		stop: () => {
			void orchestrator.stop();
		},
	};
}

function stdinRefusal(process: Member | undefined): string | undefined {
	if (!process) return 'no process selected';
	if (!(process instanceof Process) || !process.hasStdin)
		return `${process.name} has no stdin to write to (a scenario file gives one with stdin: true)`;
	if (!process.isAlive()) return `${process.name} is not running: nothing reads its stdin`;
	return undefined;
}

/** The controller of a replay: nothing can be steered; `stop` only ends the playback. */
export function readOnlyController(reason: string, stop: () => void): DashboardController {
	const refused = () => Promise.resolve({ok: false, message: reason});
	return {
		readOnly: reason,
		graceMs: 0,
		terminate: () => false,
		kill: () => false,
		pause: () => false,
		steerDescendant: () => ({ok: false, message: reason}),
		restart: refused,
		checkCommand: () => reason,
		startCommand: refused,
		signal: () => false,
		stdinRefusal: () => reason,
		writeLine: () => ({ok: false, message: reason}),
		killAll: () => {},
		stop,
	};
}

const descendantSignals: Record<Exclude<DescendantAction, 'terminate'>, NodeJS.Signals> = {
	kill: 'SIGKILL',
	pause: 'SIGSTOP',
	resume: 'SIGCONT',
};

function descendantSent(action: DescendantAction, who: string, graceMs: number): string {
	if (action === 'terminate')
		return `SIGTERM sent to ${who}; SIGKILL in ${formatSeconds(graceMs)} if it is still running`;
	if (action === 'kill') return `SIGKILL sent to ${who}`;
	return action === 'pause' ? `SIGSTOP sent to ${who}: paused` : `SIGCONT sent to ${who}: resumed`;
}
