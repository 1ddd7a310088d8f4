import type {Readable} from 'node:stream';
import {ProcessLimitError} from './errors.js';
import {EventBus} from './events.js';
import type {Process} from './process.js';
import {ProcessGroups} from './process-groups.js';
import {maxProcessesVariable} from './runtime-fork.js';
import {SharedBroker} from './shared/broker.js';
import {Spares} from './spares.js';
import {StatsSampler, sampleMachine} from './stats.js';
import {signalEach, stopGroups} from './stop.js';
import {moduleUrl} from './task.js';
import type {Thread} from './thread.js';

/** What an orchestrator runs: a child process, or a worker thread of this process. */
export type Member = Process | Thread;

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
};

/** What `stop()` found once everything had been stopped. */
export type StopOutcome = {
	/** Process groups that still had a member after SIGKILL: should always be empty. */
	readonly survivors: readonly number[];
};

const defaultMaxProcesses = 256;

// A task runtime inherits its parent orchestrator's limit through the environment.
function inheritedMaxProcesses(): number {
	const inherited = Number(process.env[maxProcessesVariable]);
	return Number.isInteger(inherited) && inherited >= 1 ? inherited : defaultMaxProcesses;
}
// How often the memory that threads change is read for changes to publish on the bus.
const threadSamplingMs = 200;
const defaultGraceMs = 5000;

const liveOrchestrators = new Set<Orchestrator>();
let exitHookInstalled = false;

// The last chance to leave nothing behind when the program exits (normally or on an uncaught
// exception): daemons and anything else still running get SIGTERM. The watchdog covers SIGKILL.
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const orchestrator of liveOrchestrators) orchestrator.signalAll('SIGTERM');
	});
}

/**
 * Owns every process started through it: hands out ids, carries the event bus, guards the
 * process groups with a watchdog, samples stats, and stops everything on request.
 */
export class Orchestrator {
	/** Every change made through this orchestrator is an event here. */
	readonly bus: EventBus;
	/** Owns every shared Value, SharedArray and Lock made on this orchestrator. */
	readonly shared: SharedBroker;
	/** Default grace period of `stop()`. */
	readonly graceMs: number;
	/** How many processes may be alive at once. */
	readonly maxProcesses: number;
	readonly #processes = new Map<number, Member>();
	readonly #live = new Map<number, Member>();
	#liveThreads = 0;
	#threadSampling: NodeJS.Timeout | undefined;
	readonly #groups = new ProcessGroups();
	readonly #sampler = new StatsSampler();
	readonly #spares: Spares | undefined;
	readonly #outputs = new Set<Readable>();
	#outputHeld = false;
	#samplingTimer: NodeJS.Timeout | undefined;
	#stopping: Promise<StopOutcome> | undefined;
	#nextId = 1;

	constructor({
		historySize,
		maxProcesses = inheritedMaxProcesses(),
		graceMs = defaultGraceMs,
		spares = 0,
		preload = [],
	}: OrchestratorOptions = {}) {
		if (!Number.isInteger(maxProcesses) || maxProcesses < 1) {
			throw new RangeError(`maxProcesses must be a positive integer, got ${maxProcesses}`);
		}
		if (typeof graceMs !== 'number' || !(graceMs >= 0)) {
			throw new RangeError(`graceMs must be a non-negative number, got ${graceMs}`);
		}
		this.bus = new EventBus({historySize});
		this.shared = new SharedBroker(this.bus);
		this.maxProcesses = maxProcesses;
		this.graceMs = graceMs;
		this.bus.subscribe((event) => {
			if (event.type === 'process:started') {
				// A thread is no process group: it lives and dies with this process.
				if (event.threadId !== undefined) this.#threadStarted();
				else this.#groups.started({id: event.id, name: event.name, pid: event.pid});
			} else if (event.type === 'process:exited') {
				const member = this.#live.get(event.id);
				this.#live.delete(event.id);
				this.shared.processExited(event.id);
				if (member?.kind === 'thread') this.#threadExited(member, event.pid);
				else if (event.pid !== undefined) this.#groups.exited(event.pid);
			}
		});
		if (!Number.isInteger(spares) || spares < 0) {
			throw new RangeError(`spares must be a non-negative integer, got ${spares}`);
		}
		if (!Array.isArray(preload)) {
			throw new TypeError(
				`preload must be an array of module URLs or paths, got ${typeof preload}`,
			);
		}
		const preloaded = preload.map((module) => moduleUrl(module, 'createOrchestrator(): preload'));
		if (spares > 0) {
			this.#spares = new Spares(
				spares,
				{
					started: (pid) => this.#groups.guard(pid),
					ended: (pid) => this.#groups.unguard(pid),
				},
				{maxProcesses, preload: preloaded},
			);
			this.#spares.fill();
		}
		liveOrchestrators.add(this);
		installExitHook();
	}

	/** How many spare runtimes are booted and ready. */
	spareCount(): number {
		return this.#spares?.readyCount() ?? 0;
	}

	/** The pids of the spare runtimes, booting or ready. */
	sparePids(): number[] {
		return this.#spares?.pids() ?? [];
	}

	/**
	 * A booted, idle task runtime, if one is ready; called by Process.start() with the task's
	 * module, which spares booted from now on import ahead.
	 */
	takeSpare(module: string) {
		if (this.#stopping || !this.#spares) return undefined;
		this.#spares.learn(module);
		return this.#spares.take();
	}

	/** Adds a new process or thread; returns its id. Called by the Process and Thread constructors. */
	register(process: Member): number {
		const id = this.#nextId++;
		this.#processes.set(id, process);
		return id;
	}

	/** Reserves a live slot for a process (or thread) about to start, or throws why it may not. */
	admit(process: Member): void {
		if (this.#stopping)
			throw new ProcessLimitError(`cannot start ${process.name}: procdash is stopping`);
		if (this.#live.size >= this.maxProcesses) {
			throw new ProcessLimitError(
				`cannot start ${process.name}: ${this.#live.size} processes are alive, the limit is ${this.maxProcesses} (raise it with --max-processes)`,
			);
		}
		this.#live.set(process.id, process);
	}

	/** Has the watchdog guard the process group `pgid` of a child just spawned; called by Process. */
	guard(pgid: number): void {
		this.#groups.guard(pgid);
	}

	/** Every process and thread made through this orchestrator, in creation order. */
	processes(): Member[] {
		return [...this.#processes.values()];
	}

	/** The process or thread with this id. */
	find(id: number): Member | undefined {
		return this.#processes.get(id);
	}

	/** True once `stop()` has begun: no process may start any more. */
	get stopping(): boolean {
		return this.#stopping !== undefined;
	}

	/** Processes and threads that have started and not yet exited. */
	live(): Member[] {
		return [...this.#live.values()];
	}

	/** The watchdog's pid while it runs (it is a child of this program too). */
	get watchdogPid(): number | undefined {
		return this.#groups.watchdogPid;
	}

	/**
	 * Sends `signal` to every live process group at once, and to the groups of exited processes
	 * whose children live on; used when the program is exiting, and for a forced stop.
	 */
	signalAll(signal: NodeJS.Signals): void {
		if (signal === 'SIGTERM' || signal === 'SIGKILL') this.#spares?.close();
		// A thread takes only SIGTERM and SIGKILL, as terminate() and kill(); nothing reaches a group.
		for (const thread of this.#threads()) thread.signal(signal);
		signalEach(this.bus, this.#groups, this.#childProcesses(), signal);
		if (signal === 'SIGTERM') signalEach(this.bus, this.#groups, this.#childProcesses(), 'SIGCONT');
	}

	#threads(): Thread[] {
		return this.live().filter((member): member is Thread => member.kind === 'thread');
	}

	#childProcesses(): Process[] {
		return this.live().filter((member): member is Process => member.kind !== 'thread');
	}

	/** Follows a child's stdout or stderr, so that `holdOutput` can pause it; called by Process. */
	trackOutput(readable: Readable): void {
		this.#outputs.add(readable);
		readable.once('close', () => this.#outputs.delete(readable));
		if (this.#outputHeld) readable.pause();
	}

	/**
	 * Stops reading the children's output while `held`, and reads on once it is not. For readers of
	 * the events that cannot keep up (a pipe): the children then wait on their full pipes, as they
	 * would writing to a slow terminal, instead of procdash buffering what they print without end.
	 */
	holdOutput(held: boolean): void {
		if (held === this.#outputHeld) return;
		this.#outputHeld = held;
		for (const readable of this.#outputs) {
			if (held) readable.pause();
			else readable.resume();
		}
	}

	/** Samples CPU and memory every `intervalMs` and emits `stats:sampled`. */
	startSampling(intervalMs = 1000): void {
		if (this.#samplingTimer) return;
		const tick = async () => {
			const live = this.live();
			const roots = live
				.filter((member) => member.kind !== 'thread')
				.map((process) => process.pid)
				.filter((pid): pid is number => pid !== undefined);
			const threads = this.#sampler.sampleThreads(
				live.flatMap((member) =>
					member.kind === 'thread' && (member as Thread).tid !== undefined
						? [{id: member.id, tid: (member as Thread).tid as number}]
						: [],
				),
			);
			const [processes, machine] = await Promise.all([
				this.#sampler.sample(roots),
				sampleMachine(),
			]);
			if (!this.#samplingTimer) return;
			this.bus.emit('stats:sampled', {
				processes,
				...(threads.length > 0 ? {threads} : {}),
				...(machine ? {machine} : {}),
			});
		};
		this.#samplingTimer = setInterval(() => void tick(), intervalMs);
		this.#samplingTimer.unref();
		void tick();
	}

	/** Stops the sampling that `startSampling` began. */
	stopSampling(): void {
		clearInterval(this.#samplingTimer);
		this.#samplingTimer = undefined;
	}

	/**
	 * Ends like a Python program does: daemons are terminated, every other process is waited for.
	 */
	async close(): Promise<void> {
		for (const process of this.live()) if (process.daemon) process.terminate();
		await Promise.all(this.live().map((process) => process.join()));
	}

	/**
	 * Stops everything: SIGTERM to every process group (those of exited processes whose children
	 * live on included), `graceMs` for them all to be gone, then SIGKILL. Resolves once every
	 * process has exited, with any group that somehow survived. Calling it again returns the
	 * same stop.
	 */
	stop({graceMs = this.graceMs}: {readonly graceMs?: number} = {}): Promise<StopOutcome> {
		this.#stopping ??= this.#stop(graceMs);
		return this.#stopping;
	}

	// Threads change shared memory unseen: while any runs, its changes are read a few times a
	// second and published; a thread's end publishes its last ones at once.
	#threadStarted(): void {
		if (++this.#liveThreads > 1) return;
		this.#threadSampling = setInterval(() => this.shared.publishThreadChanges(), threadSamplingMs);
		this.#threadSampling.unref();
	}

	#threadExited(thread: Member, pid: number | undefined): void {
		this.shared.publishThreadChanges();
		this.shared.threadExited({id: thread.id, name: thread.name, pid: pid ?? process.pid});
		if (--this.#liveThreads > 0) return;
		clearInterval(this.#threadSampling);
		this.#threadSampling = undefined;
	}

	async #stop(graceMs: number): Promise<StopOutcome> {
		this.stopSampling();
		this.#spares?.close();
		// Threads have no process group of their own (their pid is this process's): they end
		// with terminate(), never with a signal to a group.
		await Promise.all(this.#threads().map((thread) => thread.stop()));
		const survivors = await stopGroups(
			{bus: this.bus, groups: this.#groups, live: () => this.#childProcesses()},
			graceMs,
		);
		// Stopped for good: the watchdog need not linger for the next short process.
		this.#groups.close();
		this.bus.emit('orchestrator:stopped', {survivors});
		liveOrchestrators.delete(this);
		return {survivors};
	}
}

let defaultInstance: Orchestrator | undefined;

/** The orchestrator that processes join when they name none. */
export function defaultOrchestrator(): Orchestrator {
	defaultInstance ??= new Orchestrator();
	return defaultInstance;
}

/** A new, independent orchestrator with its own bus: one per dashboard, test or scenario. */
export function createOrchestrator(options?: OrchestratorOptions): Orchestrator {
	return new Orchestrator(options);
}
