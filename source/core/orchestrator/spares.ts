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
	// Spares asked for beyond `count` by reserve(): booted once, not replaced when taken.
	#reserved = 0;
	readonly #waiting: (() => void)[] = [];
	readonly #guard: SpareGuard;
	readonly #maxProcesses: number | undefined;
	readonly #preload: readonly string[];
	readonly #env: NodeJS.ProcessEnv | undefined;
	readonly #learned: string[] = [];
	readonly #ready: ChildProcess[] = [];
	// What each spare imported before it said it was ready.
	readonly #imported = new WeakMap<ChildProcess, readonly string[]>();
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

	/** Boots spares until `count` (and those reserved) are ready or booting. */
	fill(): void {
		while (!this.#closed && this.#ready.length + this.#booting.size < this.#target()) this.#boot();
	}

	/**
	 * Boots `count` spares for the tasks about to start, importing `modules`, beside those the
	 * spares keep, and resolves once they are ready — or once a boot failed, or the spares closed:
	 * a start is never held up for a spare that will not come (it starts cold then). The first
	 * `count` taken are not replaced, so that no boot competes with the tasks they start.
	 */
	async reserve(count: number, modules: readonly string[]): Promise<void> {
		for (const module of modules) this.learn(module);
		this.#reserved = Math.max(this.#reserved, count);
		this.fill();
		if (this.#closed || this.#ready.length >= this.#target()) return;
		// Spares never keep this process running, but someone waiting for them does.
		const waiting = setInterval(() => {}, 60_000);
		try {
			await new Promise<void>((resolve) => this.#waiting.push(resolve));
		} finally {
			clearInterval(waiting);
		}
	}

	#target(): number {
		return this.#count + this.#reserved;
	}

	// Wakes reserve() once the spares are ready, or cannot all be.
	#settle(failed: boolean): void {
		if (!failed && !this.#closed && this.#ready.length < this.#target()) return;
		for (const resolve of this.#waiting.splice(0)) resolve();
	}

	/** Spares booted from now on import `module` too (the module of a task being started). */
	learn(module: string): void {
		if (this.#preload.includes(module) || this.#learned.includes(module)) return;
		this.#learned.push(module);
		if (this.#learned.length > maxLearned) this.#learned.shift();
	}

	/**
	 * A booted spare, no longer a spare: one that imported `module` when there is one (a spare
	 * booted before the module was learned would import it on the way); undefined when none is
	 * ready (start cold then).
	 */
	take(module?: string): ChildProcess | undefined {
		const prepared = this.#ready.findIndex((spare) =>
			this.#imported.get(spare)?.includes(module as string),
		);
		const [child] = this.#ready.splice(Math.max(prepared, 0), 1);
		if (!child) return undefined;
		child.removeAllListeners('exit');
		child.removeAllListeners('message');
		if (this.#reserved > 0) this.#reserved--;
		else setTimeout(() => this.fill(), refillDelayMs).unref();
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
		this.#settle(true);
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
		const preload = [...this.#preload, ...this.#learned];
		const child = forkRuntime({
			spare: true,
			maxProcesses: this.#maxProcesses,
			preload,
			env: this.#env,
		});
		this.#imported.set(child, preload);
		this.#booting.add(child);
		holdOpen(child, false);
		// Guarded from its fork on, not from its 'spawn' event, which a busy loop may delay.
		if (child.pid !== undefined) this.#guard.started(child.pid);
		child.on('error', () => {
			if (this.#booting.delete(child)) this.#settle(true);
		});
		child.on('message', (message) => {
			if (!isRuntimeReady(message) || !this.#booting.delete(child)) return;
			if (this.#closed) return;
			this.#ready.push(child);
			this.#settle(false);
		});
		child.once('exit', () => {
			if (this.#booting.has(child)) this.#settle(true);
			this.#booting.delete(child);
			const index = this.#ready.indexOf(child);
			if (index !== -1) this.#ready.splice(index, 1);
			if (child.pid !== undefined) this.#guard.ended(child.pid);
		});
	}
}
