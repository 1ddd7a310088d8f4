import {type ChildProcess, spawn} from 'node:child_process';
import {toErrorInfo} from '../errors.js';
import type {ProcessKind} from '../events/index.js';
import type {RunMessage, TaskTarget} from '../ipc/messages.js';
import type {Wired} from '../ipc/wire.js';
import {toChild} from '../ipc/wire-parent.js';
import type {MemberHost, Orchestrator} from '../orchestrator/orchestrator.js';
import {currentProcess} from '../runtime/current.js';
import {encodeShared} from '../shared/handles.js';
import type {ProcessOptions} from './options.js';
import {type Channel, channelKey, forkRuntime, holdOpen} from './runtime-fork.js';

/** What launching the child of a Process needs to know of it. */
export type Launch = {
	readonly options: ProcessOptions;
	readonly kind: ProcessKind;
	readonly daemon: boolean;
	readonly host: MemberHost;
};

/**
 * The child of a Process: for a task, a spare runtime when one can serve (`warm`: it runs
 * already), else a fresh one forked; for a command, the command spawned in a process group of its
 * own. A daemon's child does not hold the program open.
 */
export function launchChild(launch: Launch): {
	readonly child: ChildProcess;
	readonly warm: boolean;
} {
	const spare = launch.kind === 'task' ? takeSpare(launch) : undefined;
	if (spare) return {child: spare, warm: true};
	const {options, kind, daemon, host} = launch;
	const {cwd, shell} = options;
	const env = host.env(options.env, kind);
	const child =
		kind === 'task'
			? forkRuntime({
					cwd,
					env,
					channel: channelOf(options),
					maxProcesses: host.orchestrator.maxProcesses,
				})
			: spawn(options.command as string, (options.args ?? []) as string[], {
					cwd,
					env,
					shell: shell === true,
					detached: true,
					stdio: [options.stdin === true ? 'pipe' : 'ignore', 'pipe', 'pipe'],
				});
	if (daemon) holdOpen(child, false);
	return {child, warm: false};
}

/**
 * The message that tells a task runtime what to run and who it is. Throws a TypeError when the
 * args cannot be sent to a child process.
 */
export function taskRunMessage(
	options: ProcessOptions,
	orchestrator: Orchestrator,
	self: {readonly name: string; readonly daemon: boolean; readonly identity: readonly number[]},
	recipient?: number,
): RunMessage {
	const encoded = encodeShared(
		options.args ?? [],
		orchestrator,
		'process',
		`${self.name}: args`,
		recipient,
	);
	let args: Wired;
	try {
		args = toChild(encoded);
	} catch (error) {
		throw new TypeError(
			`args of ${self.name} cannot be sent to a child process: ${toErrorInfo(error).message}`,
		);
	}
	const parent = currentProcess();
	return {
		type: 'run',
		target: options.target as TaskTarget,
		args,
		self,
		parent: {name: parent.name, pid: parent.pid},
	};
}

// A booted spare can run any task that asks for no cwd or env (or channel) of its own.
function takeSpare({options, daemon, host}: Launch): ChildProcess | undefined {
	if (options.cwd !== undefined || options.env !== undefined) return undefined;
	if (channelOf(options) !== 'json') return undefined;
	const spare = host.takeSpare((options.target as TaskTarget).module);
	if (spare) holdOpen(spare, !daemon);
	return spare;
}

function channelOf(options: ProcessOptions): Channel {
	return (options as {[channelKey]?: Channel})[channelKey] ?? 'json';
}
