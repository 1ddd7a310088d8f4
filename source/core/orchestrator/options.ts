import {checkOutput, type OutputMode} from '../process/output.js';
import {maxProcessesVariable} from '../process/runtime-fork.js';
import {moduleUrl} from '../process/task.js';
import {checkNumber, checkWholeNumber, refuse} from '../util/validate.js';

const owner = 'createOrchestrator()';

/** Options of an orchestrator. */
export type OrchestratorOptions = {
	/** Events kept for late subscribers. */
	readonly historySize?: number;
	/**
	 * Live processes allowed at once; one more start rejects with ProcessLimitError. Default: 256,
	 * or `PROCDASH_MAX_PROCESSES` when set — procdash sets it for its task processes, so that the
	 * limit applies to what a task starts as well.
	 */
	readonly maxProcesses?: number;
	/** Milliseconds between SIGTERM and SIGKILL when stopping. */
	readonly graceMs?: number;
	/**
	 * Task runtimes to keep booted and idle, so that a task starts in about an IPC round trip
	 * instead of a Node boot. Off (0) unless asked for: each spare is a live process.
	 */
	readonly spares?: number;
	/**
	 * Modules (URLs or paths) every spare imports while it boots, as Python's
	 * `set_forkserver_preload` does: a task of one of them then starts without importing it.
	 * Their top-level code runs in every spare, used or not.
	 */
	readonly preload?: readonly (string | URL)[];
	/**
	 * Where its children's stdout and stderr go unless a Process, Thread or Pool says otherwise:
	 * `'inherit'` (the default) prints each line on this program's own stdout or stderr, as
	 * Python's children do; `'capture'` leaves them to the `process:output` events alone (the
	 * dashboard and `--json` use it). The events are emitted either way.
	 */
	readonly output?: OutputMode;
	/**
	 * Makes the environment of every command process (a Process with `command`) it starts, from the
	 * one it would get otherwise: the procdash CLI adds its report channel's variable this way.
	 */
	readonly commandEnv?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
};

/** An orchestrator's options, checked, with their defaults filled in. */
export type ResolvedOrchestratorOptions = {
	readonly historySize: number | undefined;
	readonly maxProcesses: number;
	readonly graceMs: number;
	readonly spares: number;
	/** The modules to preload, as URLs. */
	readonly preload: readonly string[];
	readonly output: OutputMode;
	readonly commandEnv: ((env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv) | undefined;
};

const defaultMaxProcesses = 256;
const defaultGraceMs = 5000;

// A task runtime inherits its parent orchestrator's limit through the environment.
function inheritedMaxProcesses(): number {
	const inherited = Number(process.env[maxProcessesVariable]);
	return Number.isInteger(inherited) && inherited >= 1 ? inherited : defaultMaxProcesses;
}

/**
 * Checks an orchestrator's options up front, with a RangeError or TypeError that names the option
 * and the value given, and fills in the defaults. (`historySize` is the EventBus's to check.)
 */
export function resolveOrchestratorOptions({
	historySize,
	maxProcesses = inheritedMaxProcesses(),
	graceMs = defaultGraceMs,
	spares = 0,
	preload = [],
	output = 'inherit',
	commandEnv,
}: OrchestratorOptions = {}): ResolvedOrchestratorOptions {
	checkWholeNumber(owner, 'maxProcesses', maxProcesses, 1);
	checkNumber(owner, 'graceMs', graceMs, 0);
	checkWholeNumber(owner, 'spares', spares, 0);
	if (!Array.isArray(preload))
		refuse(owner, 'preload', 'an array of module URLs or paths', preload);
	checkOutput(owner, output);
	if (commandEnv !== undefined && typeof commandEnv !== 'function')
		refuse(owner, 'commandEnv', 'a function', commandEnv);
	return {
		commandEnv,
		output,
		historySize,
		maxProcesses,
		graceMs,
		spares,
		preload: preload.map((module) => moduleUrl(module, `${owner} preload`)),
	};
}
