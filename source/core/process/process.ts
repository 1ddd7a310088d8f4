import type {ChildProcess} from 'node:child_process';
import {DaemonError, ProcessStateError} from '../errors.js';
import type {ProcessKind} from '../events/index.js';
import {
	isChildMessage,
	isSharedBatch,
	isSharedRequest,
	type RunMessage,
	type TaskFunction,
} from '../ipc/messages.js';
import type {Wired} from '../ipc/wire.js';
import {fromChild} from '../ipc/wire-parent.js';
import {hostOf, type MemberHost, type Orchestrator} from '../orchestrator/orchestrator.js';
import {currentIdentity, currentProcess} from '../runtime/current.js';
import {answerChild} from '../shared/broker/wire.js';
import {Listeners} from '../util/listeners.js';
import {drainChild, exitcodeOf, spawnFailure} from './child-exit.js';
import {launchChild, taskRunMessage} from './launch.js';
import {describeTarget, type ProcessOptions, validateProcessOptions} from './options.js';
import {Outcome} from './outcome.js';
import {echoLine} from './output.js';
import {forwardLines} from './output-lines.js';
import {holdOpen, isRuntimeReady} from './runtime-fork.js';
import {type StopCommand, stopByCommand} from './stop-command.js';
import type {TaskResult} from './task-types.js';

export type {ProcessOptions} from './options.js';

/**
 * A child process, modelled on Python's `multiprocessing.Process`: `start()`, `join()`,
 * `terminate()`, `kill()`, `exitcode`. Each child leads its own process group, so signals reach
 * everything it started.
 *
 * `F` is its task's function type when `task<F>()` gave it one, and `R` its result's (F's by
 * default: a parameter of its own, so that a Process of a typed task is a Process like any other).
 */
export class Process<F extends TaskFunction = TaskFunction, R = TaskResult<F>> {
	/** Unique within the orchestrator; the key of this process in snapshots and events. */
	readonly id: number;
	/** The name shown everywhere; `Process-N` unless given. */
	readonly name: string;
	readonly #orchestrator: Orchestrator;
	readonly #host: MemberHost;
	readonly #options: ProcessOptions;
	readonly #kind: ProcessKind;
	readonly #identity: readonly number[];
	#daemon: boolean;
	readonly #echo: boolean;
	readonly #outcome: Outcome;
	readonly #messageListeners = new Listeners<unknown>();
	#pid: number | undefined;
	#exited: Promise<void> | undefined;
	#child: ChildProcess | undefined;
	#paused = false;

	/** A process to start; `F` comes from a typed task (`task<F>()`), and `args` must fit it. */
	constructor(typed: ProcessOptions<F>) {
		// The function's type only checks what the caller gives; the machinery takes any task's
		// options (the compiler cannot see that ProcessOptions<F> is one for every F: args is a
		// conditional type of F).
		const options = typed as unknown as ProcessOptions;
		const kind = validateProcessOptions(options);
		this.#kind = kind;
		this.#options = options;
		this.#host = hostOf(options.orchestrator);
		this.#orchestrator = this.#host.orchestrator;
		// CPython's `_process_counter`, taken at construction (one count per orchestrator here).
		this.#identity = [...currentIdentity(), this.#host.count('Process')];
		this.name = options.name ?? `Process-${this.#identity.join(':')}`;
		this.#daemon = options.daemon ?? currentProcess().daemon;
		this.#echo = (options.output ?? this.#orchestrator.output) === 'inherit';
		this.id = this.#host.register(this);
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

	/**
	 * The options it was made with, so that a process can be started again as a new one; as any
	 * task's, so that a typed Process is a Process like any other.
	 */
	get options(): ProcessOptions {
		return this.#options;
	}

	/** What the task returned, once it has; undefined for commands and failed tasks. */
	get result(): R | undefined {
		return this.#outcome.result as R | undefined;
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
		const runMessage =
			this.#kind === 'task'
				? taskRunMessage(
						this.#options,
						this.#orchestrator,
						{
							name: this.name,
							daemon: this.#daemon,
							identity: this.#identity,
						},
						this.id,
					)
				: undefined;
		this.#host.admit(this);
		let started!: () => void;
		const running = new Promise<void>((resolve) => {
			started = resolve;
		});
		this.#exited = new Promise<void>((resolve) => {
			const {child, warm} = launchChild({
				options: this.#options,
				kind: this.#kind,
				daemon: this.#daemon,
				host: this.#host,
			});
			// Guarded from the moment it exists: its 'spawn' event (and so process:started) may come
			// a while later on a busy event loop, and procdash could be SIGKILLed in between.
			if (child.pid !== undefined) this.#host.guard(child.pid);
			this.#child = child;
			this.#wire(child);
			const onSpawn = () => {
				this.#running(child, runMessage);
				started();
			};
			// A spare was spawned long ago: it is running now.
			if (warm) queueMicrotask(onSpawn);
			else child.once('spawn', onSpawn);
			child.once('error', (error) => {
				// Only a failed spawn ends here; a started child reports through 'exit'.
				if (this.#pid !== undefined) return;
				this.#failToStart(error as NodeJS.ErrnoException);
				started();
				resolve();
			});
			child.once('exit', (code, signal) => {
				drainChild(child).then(() => {
					this.#outcome.exited(exitcodeOf(code, signal), this.#pid, signal);
					resolve();
				});
			});
		});
		await running;
	}

	#running(child: ChildProcess, runMessage: RunMessage | undefined): void {
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

	/** The signal a stop sends first: the `stopSignal` option, else SIGTERM. */
	get stopSignal(): NodeJS.Signals {
		return this.#options.stopSignal ?? 'SIGTERM';
	}

	/**
	 * Terminates politely, then firmly: the stop signal (SIGTERM unless `stopSignal`), up to
	 * `graceMs` (the `graceMs` option, else the orchestrator's) to exit, then SIGKILL. Resolves to
	 * the exitcode; at once when the process is not alive.
	 */
	async stop(
		graceMs = this.#options.graceMs ?? this.#orchestrator.graceMs,
	): Promise<number | null> {
		const {stopCommand} = this.#options;
		if (stopCommand && this.isAlive()) {
			if (this.#paused) this.signal('SIGCONT');
			return stopByCommand(this, stopCommand, {
				bus: this.#orchestrator.bus,
				env: this.#host.env(this.#options.env, 'task'),
				cwd: this.#options.cwd,
				started: (pgid) => this.#host.guard(pgid),
				ended: (pgid) => this.#host.unguard(pgid),
				graceMs,
			});
		}
		// The bus is told when SIGKILL will follow, for a countdown on the process's row.
		if (!this.#send(this.stopSignal, graceMs)) return this.#outcome.exitcode;
		// A stopped process cannot act on SIGTERM until it is continued.
		if (this.#paused) this.signal('SIGCONT');
		if ((await this.join(graceMs)) === null) this.kill();
		return this.join();
	}

	/** Whether it was started with a pipe as its stdin (the `stdin` option), for `writeStdin`. */
	get hasStdin(): boolean {
		return this.#options.stdin === true;
	}

	/**
	 * Writes `text` to the process's stdin pipe (the `stdin` option); false when it has none, is
	 * not running, or has closed its stdin.
	 */
	writeStdin(text: string): boolean {
		const stdin = this.#child?.stdin;
		if (!this.isAlive() || !stdin || stdin.destroyed || stdin.writableEnded) return false;
		stdin.write(text);
		return true;
	}

	/** The grace period its own options give (`graceMs`); undefined when it is the orchestrator's. */
	get stopGraceMs(): number | undefined {
		return this.#options.graceMs;
	}

	/** The command a stop runs first (the `stopCommand` option), if any. */
	get stopCommand(): StopCommand | undefined {
		return this.#options.stopCommand;
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
		return this.#send(signal);
	}

	#send(signal: NodeJS.Signals, graceMs?: number): boolean {
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
		this.#orchestrator.bus.emit('process:signalled', {
			id: this.id,
			name: this.name,
			pid,
			signal,
			...(graceMs === undefined ? {} : {graceMs}),
		});
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

	#wire(child: ChildProcess): void {
		this.#forwardOutput(child);
		// A child that closed its stdin makes a write fail (EPIPE): writeStdin says false next time.
		child.stdin?.on('error', () => child.stdin?.destroy());
		child.on('message', (message) => {
			if (isSharedRequest(message) || isSharedBatch(message)) {
				const actor = {id: this.id, name: this.name, pid: child.pid ?? 0};
				answerChild(this.#orchestrator.shared, message, actor, (reply) => this.postMessage(reply));
				return;
			}
			if (isRuntimeReady(message)) return;
			if (!isChildMessage(message)) this.#messageListeners.tell(message);
			else if (message.type === 'returned')
				this.#outcome.returned(fromChild(message.value as Wired));
			else this.#outcome.threw(message.error);
		});
	}

	#forwardOutput(child: ChildProcess): void {
		for (const stream of ['stdout', 'stderr'] as const) {
			const readable = child[stream];
			if (!readable) continue;
			forwardLines(readable, (line, continues) => {
				this.#orchestrator.bus.emit('process:output', {
					id: this.id,
					name: this.name,
					stream,
					line,
					...(continues ? {continues: true} : {}),
				});
				if (this.#echo) echoLine(stream, line, continues);
			});
			// Paused while whoever reads the events cannot keep up (see Orchestrator.holdOutput).
			this.#host.trackOutput(readable);
		}
	}

	#failToStart(error: NodeJS.ErrnoException): void {
		const failure = spawnFailure(this.#options.command as string, error);
		this.#outcome.threw(failure.error);
		this.#outcome.exited(failure.exitcode, undefined, null);
	}
}
