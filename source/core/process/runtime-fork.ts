import {type ChildProcess, fork} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {messageType} from '../ipc/messages.js';

const bootstrapPath = fileURLToPath(new URL('../runtime/bootstrap.js', import.meta.url));

/**
 * An option of Process that only procdash sets: the serialization of the child's channel, JSON
 * unless `advanced` (pool workers, whose bulk of numbers V8's serializer carries faster).
 */
export const channelKey = Symbol('procdash.channel');

/** The serialization of a runtime's IPC channel. */
export type Channel = 'json' | 'advanced';

/** Where and how a task runtime starts. */
export type RuntimeOptions = {
	readonly cwd?: string;
	readonly env?: NodeJS.ProcessEnv;
	/** JSON (the default) or V8's structured clone. */
	readonly channel?: Channel;
	/**
	 * A spare: it imports `preload` (module URLs) before it says it is ready, then the shared-state
	 * code while it waits for a task.
	 */
	readonly spare?: boolean;
	readonly preload?: readonly string[];
	/** The live processes the runtime itself may start (its orchestrators' default limit). */
	readonly maxProcesses?: number;
};

/**
 * The environment variable that sets the default `maxProcesses` of every orchestrator in a
 * program; procdash sets it for its task runtimes, so that its limit applies to what they start.
 */
export const maxProcessesVariable = 'PROCDASH_MAX_PROCESSES';

/**
 * Starts a fresh task runtime: a Node child running the bootstrap, leading its own process
 * group, with piped output and an IPC channel. It waits for a `run` message.
 */
export function forkRuntime({
	cwd,
	env,
	spare = false,
	preload = [],
	channel = 'json',
	maxProcesses,
}: RuntimeOptions = {}): ChildProcess {
	return fork(bootstrapPath, spare ? ['--spare', ...preload] : [], {
		cwd,
		env:
			maxProcesses === undefined
				? env
				: {...(env ?? process.env), [maxProcessesVariable]: String(maxProcesses)},
		execArgv: runtimeExecArgv(),
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		// JSON: see wire.ts for why, and how values keep their structured-clone semantics.
		serialization: channel,
	});
}

/** Whether `child` keeps this program alive: a daemon or an idle spare must not. */
export function holdOpen(child: ChildProcess, hold: boolean): void {
	const handles = [
		child,
		(child as unknown as {channel?: {ref?: () => void; unref?: () => void}}).channel,
		child.stdout as unknown as {ref?: () => void; unref?: () => void} | null,
		child.stderr as unknown as {ref?: () => void; unref?: () => void} | null,
	];
	for (const handle of handles) {
		if (hold) handle?.ref?.();
		else handle?.unref?.();
	}
}

/** True when `message` is the bootstrap saying it is loaded and listening. */
export function isRuntimeReady(message: unknown): boolean {
	return messageType(message) === 'runtime-ready';
}

// fork() passes this program's Node flags on, which is what a user running `node --import tsx`
// wants; but a program run with `node -e '…'` would pass its whole script, and the child would
// run it instead of the bootstrap.
function runtimeExecArgv(): string[] {
	const kept: string[] = [];
	const flags = process.execArgv;
	for (let index = 0; index < flags.length; index++) {
		const flag = flags[index] as string;
		if (['-e', '--eval', '-p', '--print', '-pe'].includes(flag)) index++;
		else if (!/^(--eval|--print|--input-type)=/.test(flag)) kept.push(flag);
	}
	return kept;
}
