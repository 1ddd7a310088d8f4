import type {ChildProcess} from 'node:child_process';
import type {Readable} from 'node:stream';
import {ProcessLimitError} from '../errors.js';
import type {ProcessKind} from '../events/index.js';
import {EventBus} from '../events/index.js';
import type {OutputMode} from '../process/output.js';
import {reportBus} from '../report/reporter.js';
import {SharedBroker} from '../shared/broker/broker.js';
import {StatsSampling} from '../stats/sampling.js';
import {printable} from '../util/printable.js';
import {defaultOrchestrator as madeDefault, provideDefaultOrchestrator} from './default.js';
import {findOwned, newOwnerToken, ownedEnv} from './escapees.js';
import {ProcessGroups} from './groups.js';
import type {Member} from './member.js';
import {type OrchestratorOptions, resolveOrchestratorOptions} from './options.js';
import {OutputValve} from './output-valve.js';
import {Spares} from './spares.js';
import {signalEach, stopGroups} from './stop.js';

// What a runtime loads when a task is sent a shared object (runtime/shared-args.ts): warmed-up
// runtimes import it before they count as ready.
const sharedStateModules = [
	new URL('../shared/handles.js', import.meta.url).href,
	new URL('../runtime/shared-client.js', import.meta.url).href,
	new URL('../shared/memory/memory-access.js', import.meta.url).href,
];

export type {Member} from './member.js';
export type {OrchestratorOptions} from './options.js';
/**
 * What a Process or a Thread needs of its orchestrator beyond the public API: internal, reached
 * with `hostOf()`, which the package does not export.
 */
export type MemberHost = {
	readonly orchestrator: Orchestrator;
	/** Adds a new member; returns its id. Called by the Process and Thread constructors. */
	register(member: Member): number;
	/** Reserves a live slot for a member about to start, or throws why it may not. */
	admit(member: Member): void;
	/** Has the watchdog guard the process group `pgid` of a child just spawned. */
	guard(pgid: number): void;
	/** Stops guarding a group `guard` added, once the child it was for has ended. */
	unguard(pgid: number): void;
	/** Follows a child's stdout or stderr, so that `holdOutput` can pause it. */
	trackOutput(readable: Readable): void;
	/** A booted, idle task runtime, if one is ready; spares learn to import `module` ahead. */
	takeSpare(module: string): ChildProcess | undefined;
	/**
	 * The environment of a child: `env` (this process's when omitted) marked as this one's, and for
	 * a command, as `commandEnv` makes it.
	 */
	env(env: NodeJS.ProcessEnv | undefined, kind: ProcessKind): NodeJS.ProcessEnv;
	/**
	 * The next number of a default name (`Process`, `Thread`, `Pool`, `PoolWorker` …): 1, 2, 3 …
	 * on each orchestrator, as CPython counts in each program — so that what one orchestrator
	 * shows (a preset) reads the same however many came before it in this program.
	 */
	count(kind: string): number;
};

const hosts = new WeakMap<Orchestrator, MemberHost>();

/** The host side of `orchestrator` (the default one when omitted), for Process and Thread. */
export function hostOf(orchestrator: Orchestrator = defaultOrchestrator()): MemberHost {
	return hosts.get(orchestrator) as MemberHost;
}

/** What `stop()` found once everything had been stopped. */
export type StopOutcome = {
	/** Process groups (or processes) that still lived after SIGKILL: should always be empty. */
	readonly survivors: readonly number[];
	/** Processes that had left their group, stopped with the rest; absent when none. */
	readonly escaped?: readonly {readonly pid: number; readonly command: string}[];
};

// How often the memory that threads and processes change is read for changes to publish on the bus.
const memorySamplingMs = 200;

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
	/** Where its children's output goes unless they say otherwise: printed (`inherit`) or not (`capture`). */
	readonly output: OutputMode;
	readonly #processes = new Map<number, Member>();
	readonly #live = new Map<number, Member>();
	#liveMembers = 0;
	#memorySampling: NodeJS.Timeout | undefined;
	// Every child's environment carries it, so that the stop finds those that left their group.
	readonly #token = newOwnerToken();
	readonly #groups = new ProcessGroups(this.#token);
	readonly #sampling: StatsSampling;
	#spares: Spares | undefined;
	readonly #newSpares: (count: number) => Spares;
	readonly #output = new OutputValve();
	#stopping: Promise<StopOutcome> | undefined;
	#nextId = 1;
	readonly #counts = new Map<string, number>();

	constructor(options: OrchestratorOptions = {}) {
		const {historySize, maxProcesses, graceMs, spares, preload, output, commandEnv} =
			resolveOrchestratorOptions(options);
		this.output = output;
		this.bus = new EventBus({historySize});
		// Run under procdash (PROCDASH_REPORT is set), this program's events are told to it too.
		reportBus(this.bus);
		this.shared = new SharedBroker(this.bus);
		this.#sampling = new StatsSampling(this.bus, () => this.live());
		this.maxProcesses = maxProcesses;
		this.graceMs = graceMs;
		this.bus.subscribe((event) => {
			// A process a program reported (report channel) is its own: not this one's to guard.
			if (event.type === 'process:started' && this.#processes.has(event.id)) {
				this.#memberStarted();
				// A thread is no process group: it lives and dies with this process.
				if (event.threadId === undefined)
					this.#groups.started({id: event.id, name: event.name, pid: event.pid});
			} else if (event.type === 'process:exited' && this.#processes.has(event.id)) {
				const member = this.#live.get(event.id);
				this.#live.delete(event.id);
				this.shared.processExited(event.id);
				if (member) this.#memberExited(member, event.pid);
				if (member?.kind !== 'thread' && event.pid !== undefined) this.#groups.exited(event.pid);
			}
		});
		this.#newSpares = (count) =>
			new Spares(
				count,
				{
					started: (pid) => this.#groups.guard(pid),
					ended: (pid) => this.#groups.unguard(pid),
				},
				{maxProcesses, preload, env: ownedEnv(undefined, this.#token)},
			);
		if (spares > 0) {
			const booting = this.#newSpares(spares);
			this.#spares = booting;
			// From the next turn: whoever made this orchestrator first finishes what it is doing
			// (the dashboard draws its first frame) without their boots competing for the CPU.
			setImmediate(() => booting.fill());
		}
		hosts.set(this, {
			orchestrator: this,
			register: (member) => this.#register(member),
			admit: (member) => this.#admit(member),
			guard: (pgid) => this.#groups.guard(pgid),
			unguard: (pgid) => this.#groups.unguard(pgid),
			trackOutput: (readable) => this.#output.track(readable),
			takeSpare: (module) => this.#takeSpare(module),
			env: (env, kind) => {
				const owned = ownedEnv(env, this.#token);
				return kind === 'command' && commandEnv ? commandEnv(owned) : owned;
			},
			count: (kind) => {
				const next = (this.#counts.get(kind) ?? 0) + 1;
				this.#counts.set(kind, next);
				return next;
			},
		});
		liveOrchestrators.add(this);
		installExitHook();
	}

	/**
	 * Boots `count` task runtimes ahead, importing the task modules `modules` and, unless
	 * `sharedState` is false (the tasks are sent no Value, Lock or Queue), the code that turns a
	 * shared object a task is sent into a working one (which a task would otherwise wait for at its
	 * first use), and resolves once they are ready (or cannot be): what a preset does before it
	 * starts its clock, as Python's forkserver is started before a program's. They come beside the
	 * spares the orchestrator keeps; a task starts on one that imported its module where one is
	 * ready, and the first `count` taken are not replaced (no boot competes with what they run).
	 */
	async warm(
		count: number,
		modules: readonly (URL | string)[] = [],
		{sharedState = true}: {readonly sharedState?: boolean} = {},
	): Promise<void> {
		if (this.#stopping || count <= 0) return;
		this.#spares ??= this.#newSpares(0);
		await this.#spares.reserve(count, [
			...modules.map(String),
			...(sharedState ? sharedStateModules : []),
		]);
	}

	/** How many spare runtimes are booted and ready. */
	spareCount(): number {
		return this.#spares?.readyCount() ?? 0;
	}

	/** The pids of the spare runtimes, booting or ready. */
	sparePids(): number[] {
		return this.#spares?.pids() ?? [];
	}

	#takeSpare(module: string): ChildProcess | undefined {
		if (this.#stopping || !this.#spares) return undefined;
		this.#spares.learn(module);
		return this.#spares.take(module);
	}

	#register(process: Member): number {
		const id = this.#nextId++;
		this.#processes.set(id, process);
		return id;
	}

	#admit(process: Member): void {
		if (this.#stopping)
			throw new ProcessLimitError(`cannot start ${process.name}: procdash is stopping`);
		if (this.#live.size >= this.maxProcesses) {
			throw new ProcessLimitError(
				`cannot start ${process.name}: ${this.#live.size} processes are alive, the limit is ${this.maxProcesses} (raise it with --max-processes)`,
			);
		}
		this.#live.set(process.id, process);
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

	#threads(): Member[] {
		return this.live().filter((member) => member.kind === 'thread');
	}

	#childProcesses(): Member[] {
		return this.live().filter((member) => member.kind !== 'thread');
	}

	/**
	 * Stops reading the children's output while `held`, and reads on once it is not. For readers of
	 * the events that cannot keep up (a pipe): the children then wait on their full pipes, as they
	 * would writing to a slow terminal, instead of procdash buffering what they print without end.
	 */
	holdOutput(held: boolean): void {
		this.#output.hold(held);
	}

	/** Samples CPU and memory every `intervalMs` and emits `stats:sampled`. */
	startSampling(intervalMs = 1000): void {
		this.#sampling.start(intervalMs);
	}

	/** Stops the sampling that `startSampling` began. */
	stopSampling(): void {
		this.#sampling.stop();
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

	// Threads, and processes where they share memory, change shared state unseen: while any
	// runs, the memory is read a few times a second and its changes published; a member's end
	// publishes its last ones at once, and frees a lock it died holding.
	#memberStarted(): void {
		if (++this.#liveMembers > 1) return;
		this.#memorySampling = setInterval(() => this.#sampleMemory(), memorySamplingMs);
		this.#memorySampling.unref();
	}

	#memberExited(member: Member, pid: number | undefined): void {
		this.#sampleMemory();
		const actor = {id: member.id, name: member.name, pid: pid ?? process.pid};
		// The tag it wrote on a lock's word: a thread's actor id, minus a process's pid.
		if (member.kind === 'thread') this.shared.memoryHolderExited(actor, member.id);
		else if (pid !== undefined) this.shared.memoryHolderExited(actor, -pid);
		if (--this.#liveMembers > 0) return;
		clearInterval(this.#memorySampling);
		this.#memorySampling = undefined;
	}

	#sampleMemory(): void {
		this.shared.sampleMemory((tag) => {
			// A process just ended is no longer live, and may still be on a word: all are looked at,
			// the latest first (a pid can be reused).
			const member =
				tag > 0
					? this.#processes.get(tag)
					: [...this.#processes.values()]
							.reverse()
							.find((known) => known.kind !== 'thread' && known.pid === -tag);
			if (!member) return undefined;
			return {id: member.id, name: member.name, pid: member.pid ?? process.pid};
		});
	}

	async #stop(graceMs: number): Promise<StopOutcome> {
		this.stopSampling();
		// The spares end by SIGKILL; one not reaped yet is no escapee.
		const spares = new Set(this.#spares?.close());
		// Threads have no process group of their own (their pid is this process's): they end
		// with terminate(), never with a signal to a group.
		await Promise.all(this.#threads().map((thread) => thread.stop()));
		const stopped = await stopGroups(
			{
				bus: this.bus,
				groups: this.#groups,
				live: () => this.#childProcesses(),
				owned: () => findOwned(this.#token, spares),
			},
			graceMs,
		);
		// Stopped for good: the watchdog need not linger for the next short process.
		this.#groups.close();
		const escaped = stopped.escaped.map(({pid, command}) => ({pid, command: printable(command)}));
		const outcome = {survivors: stopped.survivors, ...(escaped.length > 0 ? {escaped} : {})};
		this.bus.emit('orchestrator:stopped', outcome);
		liveOrchestrators.delete(this);
		return outcome;
	}
}

let defaultInstance: Orchestrator | undefined;

provideDefaultOrchestrator(() => {
	defaultInstance ??= new Orchestrator();
	return defaultInstance;
});

/** The orchestrator that processes join when they name none. */
export function defaultOrchestrator(): Orchestrator {
	return madeDefault<Orchestrator>();
}

/** A new, independent orchestrator with its own bus: one per dashboard, test or scenario. */
export function createOrchestrator(options?: OrchestratorOptions): Orchestrator {
	return new Orchestrator(options);
}
