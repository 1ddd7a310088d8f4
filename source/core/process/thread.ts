import {Worker} from 'node:worker_threads';
import {ProcessStateError, toErrorInfo} from '../errors.js';
import type {ProcessKind} from '../events/index.js';
import {
	isChildMessage,
	isThreadRunning,
	type TaskFunction,
	type ThreadStart,
} from '../ipc/messages.js';
import {hostOf, type MemberHost, type Orchestrator} from '../orchestrator/orchestrator.js';
import {runtimeContext} from '../runtime/context.js';
import {currentThread} from '../runtime/current.js';
import {tsxApiUrl} from '../runtime/typescript.js';
import {threadBrokerWire} from '../shared/broker/thread-wire.js';
import {encodeShared} from '../shared/handles.js';
import {Listeners} from '../util/listeners.js';
import {drainWorker} from './child-exit.js';
import {Outcome} from './outcome.js';
import {echoLine} from './output.js';
import {forwardLines} from './output-lines.js';
import {describeTask} from './task.js';
import type {TaskResult} from './task-types.js';
import {type ThreadOptions, validateThreadOptions} from './thread-options.js';

const bootstrapUrl = new URL('../runtime/thread-bootstrap.js', import.meta.url);

// Exit codes by the convention of processes ended by a signal: a thread gets no signal, but
// terminate() and kill() end it as SIGTERM and SIGKILL would end a process.
const terminatedExitcode = -15;
const killedExitcode = -9;

/**
 * A worker thread of this process with Process's API — Python's lesson that processes *and*
 * threads run concurrently: `start()`, `join()`, `terminate()`, `kill()`, `exitcode`. A thread
 * shares the process's memory: Values, SharedArrays and Locks passed in its args are the owner's
 * own memory, worked on with Atomics, with no IPC at all.
 *
 * What differs from a Process: a thread has no pid of its own (`pid` is the process's) and gets no
 * signals: `terminate()` and `kill()` both stop it at once (`worker.terminate()`, which interrupts
 * even a busy loop or an Atomics.wait), and its exit code says which was asked (−15, −9);
 * `pause()` and `resume()` do nothing and return false.
 *
 * `F` is its task's function type when `task<F>()` gave it one, and `R` its result's (F's by
 * default: a parameter of its own, so that a Thread of a typed task is a Thread like any other).
 */
export class Thread<F extends TaskFunction = TaskFunction, R = TaskResult<F>> {
	/** Unique within the orchestrator, shared with processes: the key in snapshots and events. */
	readonly id: number;
	/** The name shown everywhere; `Thread-N` unless given. */
	readonly name: string;
	readonly #orchestrator: Orchestrator;
	readonly #host: MemberHost;
	readonly #options: ThreadOptions;
	readonly #daemon: boolean;
	readonly #echo: boolean;
	readonly #outcome: Outcome;
	readonly #messageListeners = new Listeners<unknown>();
	#worker: Worker | undefined;
	#threadId: number | undefined;
	#tid: number | undefined;
	#exited: Promise<void> | undefined;
	#ended = false;
	#endedBy: {readonly exitcode: number; readonly signal: NodeJS.Signals} | undefined;

	/** A thread to start; `F` comes from a typed task (`task<F>()`), and `args` must fit it. */
	constructor(typed: ThreadOptions<F>) {
		// The function's type only checks what the caller gives; the machinery takes any task's
		// options (the compiler cannot see that ThreadOptions<F> is one for every F: args is a
		// conditional type of F).
		const options = typed as unknown as ThreadOptions;
		validateThreadOptions(options);
		this.#options = options;
		this.#host = hostOf(options.orchestrator);
		this.#orchestrator = this.#host.orchestrator;
		// CPython's threading counter: Thread-1, Thread-2, … (one count per orchestrator here).
		this.name = options.name ?? `Thread-${this.#host.count('Thread')}`;
		this.#daemon = options.daemon ?? currentThread().daemon;
		this.#echo = (options.output ?? this.#orchestrator.output) === 'inherit';
		this.id = this.#host.register(this);
		this.#outcome = new Outcome(this.#orchestrator.bus, this, (held) => {
			const worker = this.#worker;
			if (!this.#daemon || !worker || this.#ended) return;
			if (held) worker.ref();
			else worker.unref();
		});
		this.#orchestrator.bus.emit('process:created', {
			id: this.id,
			name: this.name,
			kind: 'thread',
			daemon: this.#daemon,
			target: describeTask(options.target),
		});
	}

	/** The pid of the process the thread runs in, once started. */
	get pid(): number | undefined {
		return this.#worker ? process.pid : undefined;
	}

	/** The worker thread id, once started. */
	get threadId(): number | undefined {
		return this.#threadId;
	}

	/** The kernel's id of the thread once it runs (Linux), for its CPU in the stats. */
	get tid(): number | undefined {
		return this.#tid;
	}

	/** null while alive (or not started); 0 on return; 1 on a throw; N for `process.exit(N)`; −15 / −9 after terminate() / kill(). */
	get exitcode(): number | null {
		return this.#outcome.exitcode;
	}

	/** A thread is asked to end (terminate()), never signalled: always SIGTERM. */
	get stopSignal(): NodeJS.Signals {
		return 'SIGTERM';
	}

	/** Whether the thread is a daemon. */
	get daemon(): boolean {
		return this.#daemon;
	}

	/** Always `thread`. */
	get kind(): ProcessKind {
		return 'thread';
	}

	/** The options it was made with; as any task's, so that a typed Thread is a Thread like any other. */
	get options(): ThreadOptions {
		return this.#options;
	}

	/** What the task returned, once it has. */
	get result(): R | undefined {
		return this.#outcome.result as R | undefined;
	}

	/** The error the task threw. */
	get error(): Error | undefined {
		return this.#outcome.error;
	}

	/** True between a successful start and the end. */
	isAlive(): boolean {
		return this.#worker !== undefined && !this.#ended;
	}

	/** Starts the thread; resolves once it exists and its thread id is known. */
	async start(): Promise<void> {
		if (this.#exited) throw new ProcessStateError('cannot start a thread twice');
		const workerData = this.#startData();
		try {
			structuredClone(workerData);
		} catch (error) {
			throw new TypeError(
				`args of ${this.name} cannot be sent to a thread: ${toErrorInfo(error).message}`,
			);
		}
		this.#host.admit(this);
		const worker = new Worker(bootstrapUrl, {workerData, stdout: true, stderr: true});
		this.#worker = worker;
		this.#threadId = worker.threadId;
		if (this.#daemon) worker.unref();
		this.#exited = new Promise((resolve) => {
			worker.once('exit', (code) => {
				this.#ended = true;
				// A worker that terminate() stopped exits with 1 (0 if it had not begun); one that
				// ended by itself first keeps its code.
				const endedBy = !this.#outcome.hasReturned && code <= 1 ? this.#endedBy : undefined;
				void drainWorker(worker).then(() => {
					// `signal` names what terminate() or kill() stand for, as a process's exit would.
					this.#outcome.exited(endedBy?.exitcode ?? code, process.pid, endedBy?.signal ?? null);
					resolve();
				});
			});
		});
		this.#wire(worker);
		this.#orchestrator.bus.emit('process:started', {
			id: this.id,
			name: this.name,
			// A thread is not a process of its own: its pid and ppid are its process's, as `ps -L`
			// and the thread's own process.pid and process.ppid say.
			pid: process.pid,
			ppid: process.ppid,
			threadId: worker.threadId,
		});
		// The orchestrator began stopping while this thread was being made.
		if (this.#orchestrator.stopping) this.kill();
	}

	/**
	 * Waits for the thread to end, or for `timeoutMs` to pass with it still running. Resolves to
	 * the exitcode, or null when the wait timed out.
	 */
	join(timeoutMs?: number): Promise<number | null> {
		return this.#outcome.join(this.#exited, timeoutMs);
	}

	/** Stops the thread at once; its exit code will be −15. A no-op unless alive. */
	terminate(): boolean {
		return this.#end(terminatedExitcode, 'SIGTERM');
	}

	/** Stops the thread at once; its exit code will be −9. A no-op unless alive. */
	kill(): boolean {
		return this.#end(killedExitcode, 'SIGKILL');
	}

	/** Stops the thread (a thread needs no grace period: it cannot clean up) and waits for its end. */
	async stop(): Promise<number | null> {
		if (!this.terminate()) return this.#outcome.exitcode;
		return this.join();
	}

	/** A thread cannot be paused: always false. */
	pause(): boolean {
		return false;
	}

	/** A thread cannot be paused: always false. */
	resume(): boolean {
		return false;
	}

	/** SIGTERM and SIGKILL end the thread as terminate() and kill() do; any other signal does nothing. */
	signal(signal: NodeJS.Signals): boolean {
		if (signal === 'SIGTERM') return this.terminate();
		if (signal === 'SIGKILL') return this.kill();
		return false;
	}

	/** Sends `message` to the running thread (its runtime's own protocols); false when it has ended. */
	postMessage(message: object, transfer?: readonly ArrayBuffer[]): boolean {
		if (!this.isAlive()) return false;
		try {
			this.#worker?.postMessage(message, transfer as ArrayBuffer[] | undefined);
			return true;
		} catch {
			return false;
		}
	}

	/** Calls `listener` with every message the thread sends beyond its result; returns the unsubscribe. */
	onMessage(listener: (message: unknown) => void): () => void {
		return this.#messageListeners.add(listener);
	}

	#startData(): ThreadStart {
		const args = encodeShared(
			this.#options.args ?? [],
			this.#orchestrator,
			'thread',
			`${this.name}: args`,
			this.id,
		) as unknown[];
		const context = runtimeContext();
		const tsx = tsxApiUrl();
		return {
			target: this.#options.target,
			args,
			self: {name: this.name, daemon: this.#daemon, id: this.id},
			...(tsx ? {tsx} : {}),
			...(context ? {process: context} : {}),
		};
	}

	#end(exitcode: number, signal: NodeJS.Signals): boolean {
		const worker = this.#worker;
		if (!worker || !this.isAlive()) return false;
		this.#endedBy ??= {exitcode, signal};
		this.#orchestrator.bus.emit('process:signalled', {
			id: this.id,
			name: this.name,
			pid: process.pid,
			signal,
		});
		void worker.terminate();
		return true;
	}

	#wire(worker: Worker): void {
		for (const stream of ['stdout', 'stderr'] as const) {
			forwardLines(worker[stream], (line, continues) => {
				this.#orchestrator.bus.emit('process:output', {
					id: this.id,
					name: this.name,
					stream,
					line,
					...(continues ? {continues: true} : {}),
				});
				if (this.#echo) echoLine(stream, line, continues);
			});
		}
		const brokerWire = threadBrokerWire(
			this.#orchestrator.shared,
			() => ({id: this.id, name: this.name, pid: process.pid}),
			(reply) => this.postMessage(reply),
		);
		worker.on('message', (message) => {
			if (brokerWire(message)) return;
			if (isThreadRunning(message)) {
				this.#tid = message.tid;
				return;
			}
			if (!isChildMessage(message)) this.#messageListeners.tell(message);
			else if (message.type === 'returned') this.#outcome.returned(message.value);
			else this.#outcome.threw(message.error);
		});
		// An error the task's code let escape after the bootstrap's own catch (a stray rejection).
		worker.on('error', (error) => {
			if (!this.#outcome.hasThrown) this.#outcome.threw(toErrorInfo(error));
		});
	}
}
