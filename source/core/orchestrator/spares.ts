import type {ChildProcess} from 'node:child_process';
import {forkRuntime, holdOpen, isRuntimeReady} from '../process/runtime-fork.js';

/** What the spares tell their orchestrator, so that its watchdog guards them too. */
export type SpareGuard = {
	readonly started: (pid: number) => void;
	readonly ended: (pid: number) => void;
};

// Task modules the spares remember, newest last.
const maxLearned = 8;
// A taken spare is replaced this much later: the new one's boot (~80 ms of CPU) would otherwise
// compete with the task just started on the old one.
const refillDelayMs = 20;

/**
 * Task runtimes booted ahead of need — Python's forkserver, done the Node way. Node cannot fork
 * a running process, and booting one costs ~80 ms; a spare has already paid that, so starting a
 * task on it costs about one IPC round trip — once the spare has imported the task's module too.
 * Spares import the modules they are told to preload (as `set_forkserver_preload` does) and,
 * as a forked child inherits its parent's, the modules of the last tasks started: a task that
 * runs again starts without its import. Taken spares are replaced in the background.
 */
export class Spares {
	readonly #count: number;
	readonly #guard: SpareGuard;
	readonly #maxProcesses: number | undefined;
	readonly #preload: readonly string[];
	readonly #env: NodeJS.ProcessEnv | undefined;
	readonly #learned: string[] = [];
	readonly #ready: ChildProcess[] = [];
	readonly #booting = new Set<ChildProcess>();
	#closed = false;
	readonly #killed: number[] = [];

	/** `preload`: module URLs every spare imports before it counts as ready. */
	constructor(
		count: number,
		guard: SpareGuard,
		{
			maxProcesses,
			preload = [],
			env,
		}: {
			readonly maxProcesses?: number;
			readonly preload?: readonly string[];
			/** The spares' environment; this process's when omitted. */
			readonly env?: NodeJS.ProcessEnv;
		} = {},
	) {
		this.#count = count;
		this.#guard = guard;
		this.#maxProcesses = maxProcesses;
		this.#preload = preload;
		this.#env = env;
	}

	/** Boots spares until `count` are ready or booting. */
	fill(): void {
		while (!this.#closed && this.#ready.length + this.#booting.size < this.#count) this.#boot();
	}

	/** Spares booted from now on import `module` too (the module of a task being started). */
	learn(module: string): void {
		if (this.#preload.includes(module) || this.#learned.includes(module)) return;
		this.#learned.push(module);
		if (this.#learned.length > maxLearned) this.#learned.shift();
	}

	/** A booted spare, no longer a spare; undefined when none is ready (start cold then). */
	take(): ChildProcess | undefined {
		const child = this.#ready.shift();
		if (!child) return undefined;
		child.removeAllListeners('exit');
		child.removeAllListeners('message');
		setTimeout(() => this.fill(), refillDelayMs).unref();
		return child;
	}

	/** Kills every spare (SIGKILL, certain to end it); takes no more. Returns every pid it killed. */
	close(): number[] {
		this.#closed = true;
		for (const pid of this.pids()) this.#killed.push(pid);
		for (const child of [...this.#ready, ...this.#booting]) {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
		this.#ready.length = 0;
		this.#booting.clear();
		return [...this.#killed];
	}

	/** How many spares are ready to be taken. */
	readyCount(): number {
		return this.#ready.length;
	}

	/** Pids of the spares, booting or ready. */
	pids(): number[] {
		return [...this.#ready, ...this.#booting]
			.map((child) => child.pid)
			.filter((pid): pid is number => pid !== undefined);
	}

	#boot(): void {
		const child = forkRuntime({
			maxProcesses: this.#maxProcesses,
			preload: [...this.#preload, ...this.#learned],
			env: this.#env,
		});
		this.#booting.add(child);
		holdOpen(child, false);
		// Guarded from its fork on, not from its 'spawn' event, which a busy loop may delay.
		if (child.pid !== undefined) this.#guard.started(child.pid);
		child.on('error', () => this.#booting.delete(child));
		child.on('message', (message) => {
			if (!isRuntimeReady(message) || !this.#booting.delete(child)) return;
			if (this.#closed) return;
			this.#ready.push(child);
		});
		child.once('exit', () => {
			this.#booting.delete(child);
			const index = this.#ready.indexOf(child);
			if (index !== -1) this.#ready.splice(index, 1);
			if (child.pid !== undefined) this.#guard.ended(child.pid);
		});
	}
}
