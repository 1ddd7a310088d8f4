import {type ChildProcess, spawn} from 'node:child_process';
import {constants} from 'node:os';
import {DaemonError, ProcessStateError, toErrorInfo} from './errors.js';
import type {ProcessKind} from './events.js';
import {
	isChildMessage,
	isSharedBatch,
	isSharedRequest,
	type RunMessage,
	type SharedBatch,
	type SharedReply,
	type SharedRequest,
	type TaskTarget,
} from './ipc.js';
import {Listeners} from './listeners.js';
import {defaultOrchestrator, type Orchestrator} from './orchestrator.js';
import {Outcome} from './outcome.js';
import {forwardLines} from './output-lines.js';
import {printable} from './printable.js';
import {currentIdentity, currentProcess} from './runtime/current.js';
import {type Channel, channelKey, forkRuntime, holdOpen, isRuntimeReady} from './runtime-fork.js';
import {encodeShared} from './shared/handles.js';
import {isTaskTarget} from './task.js';
import {fromWire, toWire, type Wired} from './wire.js';
import {fromChild, toChild} from './wire-parent.js';

/** Options of a Process: exactly one of `target` (a task) and `command` (an executable). */
export type ProcessOptions = {
	/** A function to run in a new Node child, made with `task()`. */
	readonly target?: TaskTarget;
	/** An executable to run, found on PATH unless it contains a slash. */
	readonly command?: string;
	/** Arguments: passed to the task function, or the command's argv (strings). */
	readonly args?: readonly unknown[];
	/** The process's name; `Process-N` when omitted. */
	readonly name?: string;
	/** A daemon is terminated when its orchestrator closes, and may not start children. */
	readonly daemon?: boolean;
	/** Working directory of the child. */
	readonly cwd?: string;
	/** Environment of the child; the parent's when omitted. */
	readonly env?: NodeJS.ProcessEnv;
	/** Run `command` through `/bin/sh -c`; off unless asked for. */
	readonly shell?: boolean;
	/** The orchestrator that owns the process; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

// CPython's `_process_counter`: one count per runtime, taken at construction.
let processCounter = 0;

// How long to wait after a child's exit for its last output lines and messages to arrive. Bounded
// because a grandchild that keeps the pipe open must not hold the exit event back forever.
const drainAfterExitMs = 100;

// Shell conventions for a command that cannot be started.
const notFoundExitcode = 127;
const notExecutableExitcode = 126;

/**
 * A child process, modelled on Python's `multiprocessing.Process`: `start()`, `join()`,
 * `terminate()`, `kill()`, `exitcode`. Each child leads its own process group, so signals reach
 * everything it started.
 */
export class Process {
	/** Unique within the orchestrator; the key of this process in snapshots and events. */
	readonly id: number;
	/** The name shown everywhere; `Process-N` unless given. */
	readonly name: string;
	readonly #orchestrator: Orchestrator;
	readonly #options: ProcessOptions;
	readonly #kind: ProcessKind;
	readonly #identity: readonly number[];
	#daemon: boolean;
	readonly #outcome: Outcome;
	readonly #messageListeners = new Listeners<unknown>();
	#pid: number | undefined;
	#exited: Promise<void> | undefined;
	#child: ChildProcess | undefined;
	#paused = false;

	constructor(options: ProcessOptions) {
		const kind = validate(options);
		this.#kind = kind;
		this.#options = options;
		this.#orchestrator = options.orchestrator ?? defaultOrchestrator();
		this.#identity = [...currentIdentity(), ++processCounter];
		this.name = options.name ?? `Process-${this.#identity.join(':')}`;
		this.#daemon = options.daemon ?? currentProcess().daemon;
		this.id = this.#orchestrator.register(this);
		this.#outcome = new Outcome(this.#orchestrator.bus, this, (held) => {
			if (this.#daemon && this.#child && this.#outcome.exitcode === null) {
				holdOpen(this.#child, held);
			}
		});
		this.#orchestrator.bus.emit('process:created', {
			id: this.id,
			name: this.name,
			kind,
			daemon: this.#daemon,
			target: describeTarget(options),
		});
	}

	/** The OS pid once started; undefined before. */
	get pid(): number | undefined {
		return this.#pid;
	}

	/** null while alive (or not started); 0 on success; N for exit(N); −N when ended by signal N. */
	get exitcode(): number | null {
		return this.#outcome.exitcode;
	}

	/** Whether the process is a daemon. Can be changed only before start. */
	get daemon(): boolean {
		return this.#daemon;
	}

	set daemon(daemon: boolean) {
		if (this.#exited) throw new ProcessStateError('process has already started');
		this.#daemon = daemon;
	}

	/** `task` or `command`. */
	get kind(): ProcessKind {
		return this.#kind;
	}

	/** The options it was made with, so that a process can be started again as a new one. */
	get options(): ProcessOptions {
		return this.#options;
	}

	/** What the task returned, once it has; undefined for commands and failed tasks. */
	get result(): unknown {
		return this.#outcome.result;
	}

	/** The error the task threw, or why the command could not start. */
	get error(): Error | undefined {
		return this.#outcome.error;
	}

	/** True between a successful start and the exit. */
	isAlive(): boolean {
		return this.#pid !== undefined && this.#outcome.exitcode === null;
	}

	/** Starts the child; resolves once it runs and its pid is known. */
	async start(): Promise<void> {
		if (this.#exited) throw new ProcessStateError('cannot start a process twice');
		if (currentProcess().daemon) throw new DaemonError();
		const runMessage = this.#kind === 'task' ? this.#runMessage() : undefined;
		this.#orchestrator.admit(this);
		let started!: () => void;
		const running = new Promise<void>((resolve) => {
			started = resolve;
		});
		this.#exited = new Promise<void>((resolve) => {
			const spare = this.#kind === 'task' ? this.#takeSpare() : undefined;
			const child = spare ?? this.#spawn();
			// Guarded from the moment it exists: its 'spawn' event (and so process:started) may come
			// a while later on a busy event loop, and procdash could be SIGKILLed in between.
			if (child.pid !== undefined) this.#orchestrator.guard(child.pid);
			this.#child = child;
			this.#wire(child);
			const onSpawn = () => {
				this.#pid = child.pid;
				// The task first, the listeners of the bus after: a warm start is that much sooner.
				if (runMessage) child.send(runMessage);
				this.#orchestrator.bus.emit('process:started', {
					id: this.id,
					name: this.name,
					pid: child.pid ?? 0,
					ppid: process.pid,
				});
				// The orchestrator began stopping while this child was being spawned.
				if (this.#orchestrator.stopping) this.kill();
				started();
			};
			// A spare was spawned long ago: it is running now.
			if (spare) queueMicrotask(onSpawn);
			else child.once('spawn', onSpawn);
			child.once('error', (error) => {
				// Only a failed spawn ends here; a started child reports through 'exit'.
				if (this.#pid !== undefined) return;
				this.#failToStart(error as NodeJS.ErrnoException);
				started();
				resolve();
			});
			child.once('exit', (code, signal) => {
				this.#drain(child).then(() => {
					this.#exit(code, signal);
					resolve();
				});
			});
		});
		await running;
	}

	/**
	 * Waits for the process to exit, or for `timeoutMs` to pass with it still running.
	 * Resolves to the exitcode, or null when the wait timed out.
	 */
	join(timeoutMs?: number): Promise<number | null> {
		return this.#outcome.join(this.#exited, timeoutMs);
	}

	/** Sends SIGTERM to the process group. A no-op unless alive; returns whether it was sent. */
	terminate(): boolean {
		return this.signal('SIGTERM');
	}

	/** Sends SIGKILL to the process group. A no-op unless alive. */
	kill(): boolean {
		return this.signal('SIGKILL');
	}

	/**
	 * Terminates politely, then firmly: SIGTERM, up to `graceMs` to exit, then SIGKILL. Resolves to
	 * the exitcode; at once when the process is not alive.
	 */
	async stop(graceMs = this.#orchestrator.graceMs): Promise<number | null> {
		if (!this.terminate()) return this.#outcome.exitcode;
		// A stopped process cannot act on SIGTERM until it is continued.
		if (this.#paused) this.signal('SIGCONT');
		if ((await this.join(graceMs)) === null) this.kill();
		return this.join();
	}

	/** Stops the process group (SIGSTOP). A no-op unless alive. */
	pause(): boolean {
		return this.signal('SIGSTOP');
	}

	/** Continues a paused process group (SIGCONT). A no-op unless alive. */
	resume(): boolean {
		return this.signal('SIGCONT');
	}

	/** Sends `signal` to the whole process group; false when the process is not alive. */
	signal(signal: NodeJS.Signals): boolean {
		const pid = this.#pid;
		if (pid === undefined || !this.isAlive()) return false;
		try {
			process.kill(-pid, signal);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
			throw error;
		}
		if (signal === 'SIGSTOP' || signal === 'SIGTSTP') this.#paused = true;
		if (signal === 'SIGCONT') this.#paused = false;
		this.#orchestrator.bus.emit('process:signalled', {id: this.id, name: this.name, pid, signal});
		return true;
	}

	/** True between pause() and resume(). */
	get paused(): boolean {
		return this.#paused && this.isAlive();
	}

	/**
	 * Sends `message` to a running task child over its IPC channel, for the runtime's own
	 * protocols (pool workers, shared state); false when the child cannot receive it. (`transfer`
	 * is for a Thread's sake: over IPC everything is copied.)
	 */
	postMessage(message: object, _transfer?: readonly ArrayBuffer[]): boolean {
		const child = this.#child;
		if (!child?.connected) return false;
		try {
			return child.send(message);
		} catch {
			return false;
		}
	}

	/**
	 * Calls `listener` with every message the child sends beyond procdash's own start/result
	 * messages; returns the unsubscribe function.
	 */
	onMessage(listener: (message: unknown) => void): () => void {
		return this.#messageListeners.add(listener);
	}

	#runMessage(): RunMessage {
		const target = this.#options.target as TaskTarget;
		let args: Wired;
		try {
			args = toChild(encodeShared(this.#options.args ?? [], this.#orchestrator));
		} catch (error) {
			throw new TypeError(
				`args of ${this.name} cannot be sent to a child process: ${toErrorInfo(error).message}`,
			);
		}
		const self = currentProcess();
		return {
			type: 'run',
			target,
			args,
			self: {name: this.name, daemon: this.#daemon, identity: this.#identity},
			parent: {name: self.name, pid: self.pid},
		};
	}

	// A booted spare can run any task that asks for no cwd or env (or channel) of its own.
	#takeSpare(): ChildProcess | undefined {
		if (this.#options.cwd !== undefined || this.#options.env !== undefined) return undefined;
		if (this.#channel() !== 'json') return undefined;
		const spare = this.#orchestrator.takeSpare((this.#options.target as TaskTarget).module);
		if (spare) holdOpen(spare, !this.#daemon);
		return spare;
	}

	#channel(): Channel {
		return (this.#options as {[channelKey]?: Channel})[channelKey] ?? 'json';
	}

	#spawn(): ChildProcess {
		const {cwd, env, shell} = this.#options;
		const child =
			this.#kind === 'task'
				? forkRuntime({
						cwd,
						env,
						channel: this.#channel(),
						maxProcesses: this.#orchestrator.maxProcesses,
					})
				: spawn(this.#options.command as string, (this.#options.args ?? []) as string[], {
						cwd,
						env,
						shell: shell === true,
						detached: true,
						stdio: ['ignore', 'pipe', 'pipe'],
					});
		if (this.#daemon) holdOpen(child, false);
		return child;
	}

	#wire(child: ChildProcess): void {
		this.#forwardOutput(child);
		child.on('message', (message) => {
			if (isSharedRequest(message)) {
				this.#handleShared(message, child);
				return;
			}
			if (isSharedBatch(message)) {
				this.#handleSharedBatch(message, child);
				return;
			}
			if (isRuntimeReady(message)) return;
			if (!isChildMessage(message)) this.#messageListeners.tell(message);
			else if (message.type === 'returned')
				this.#outcome.returned(fromChild(message.value as Wired));
			else this.#outcome.threw(message.error);
		});
	}

	// A value or array operation is answered in the same turn it arrives; a lock's may wait.
	#handleShared(message: SharedRequest, child: ChildProcess): void {
		const actor = {id: this.id, name: this.name, pid: child.pid ?? 0};
		this.#orchestrator.shared.handleBatch([unwireRequest(message)], actor, ([reply]) => {
			if (reply) this.postMessage(wireReply(reply));
		});
	}

	#handleSharedBatch(message: SharedBatch, child: ChildProcess): void {
		const actor = {id: this.id, name: this.name, pid: child.pid ?? 0};
		this.#orchestrator.shared.handleBatch(message.requests.map(unwireRequest), actor, (replies) => {
			const wired = replies.map(wireReply);
			this.postMessage(
				wired.length === 1 ? (wired[0] as SharedReply) : {type: 'shared-replies', replies: wired},
			);
		});
	}

	#forwardOutput(child: ChildProcess): void {
		for (const stream of ['stdout', 'stderr'] as const) {
			const readable = child[stream];
			if (!readable) continue;
			forwardLines(readable, (line) =>
				this.#orchestrator.bus.emit('process:output', {id: this.id, name: this.name, stream, line}),
			);
			// Paused while whoever reads the events cannot keep up (see Orchestrator.holdOutput).
			this.#orchestrator.trackOutput(readable);
		}
	}

	// 'close' comes after 'exit' once the pipes and the IPC channel are done, so the last lines
	// and the task's result are in before the exit event.
	#drain(child: ChildProcess): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, drainAfterExitMs);
			child.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	#failToStart(error: NodeJS.ErrnoException): void {
		const exitcode = error.code === 'ENOENT' ? notFoundExitcode : notExecutableExitcode;
		const reason =
			error.code === 'ENOENT'
				? 'not found (ENOENT); check the name and PATH'
				: `cannot be executed (${error.code}); check that it is a program you may run (chmod +x), or run it through its interpreter (sh script.sh)`;
		this.#outcome.threw({
			name: 'SpawnError',
			message: `command '${this.#options.command}' ${reason}`,
			code: error.code,
		});
		this.#outcome.exited(exitcode, undefined, null);
	}

	#exit(code: number | null, signal: NodeJS.Signals | null): void {
		const exitcode = code ?? -(constants.signals[signal as NodeJS.Signals] ?? 0);
		this.#outcome.exited(exitcode, this.#pid, signal);
	}
}

function validate(options: ProcessOptions): ProcessKind {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError('Process(): options must be an object with a target or a command');
	}
	const {target, command, args, name} = options;
	if (target !== undefined && command !== undefined) {
		throw new TypeError('Process(): give either target or command, not both');
	}
	if (name !== undefined && (typeof name !== 'string' || name === '')) {
		throw new TypeError(`Process(): name must be a non-empty string, got ${String(name)}`);
	}
	if (args !== undefined && !Array.isArray(args)) {
		throw new TypeError(`Process(): args must be an array, got ${typeof args}`);
	}
	if (target !== undefined) {
		if (!isTaskTarget(target)) {
			throw new TypeError("Process(): target must be made with task(module, 'exportName')");
		}
		return 'task';
	}
	if (typeof command !== 'string' || command === '') {
		throw new TypeError(
			'Process(): a command (non-empty string) or a target made with task() is required',
		);
	}
	if (args?.some((arg) => typeof arg !== 'string')) {
		throw new TypeError('Process(): the args of a command must all be strings');
	}
	return 'command';
}

// The wire carries a request's numbers JSON-safe (bigints, NaN, -0 tagged), and the reply's.
function unwireRequest(request: SharedRequest): SharedRequest {
	return {
		...request,
		...('value' in request ? {value: fromWire(request.value)} : {}),
		...('expected' in request ? {expected: fromWire(request.expected)} : {}),
	} as SharedRequest;
}

function wireReply(reply: SharedReply): SharedReply {
	return reply.ok ? {...reply, result: toWire(reply.result)} : reply;
}

// Shown as it is wherever the process is listed: a file name in it may hold anything.
function describeTarget({target, command, args}: ProcessOptions): string {
	if (target) return printable(`${target.module.split('/').pop()}#${target.exportName}`);
	return printable([command, ...((args ?? []) as string[])].join(' '));
}
