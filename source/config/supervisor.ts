import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {hostOf} from '../core/orchestrator/orchestrator.js';
import {Process} from '../core/process/process.js';
import {delay} from './delay.js';
import {ProbeLoop} from './probe-loop.js';
import {maxBackoffMs, type ProcessSpec} from './types.js';

/** A promise with its resolve function outside, for milestones other processes wait on. */
class Milestone {
	readonly reached: Promise<boolean>;
	#resolve!: (value: boolean) => void;
	constructor() {
		this.reached = new Promise((resolve) => {
			this.#resolve = resolve;
		});
	}
	/** Settles the milestone; only the first call counts. */
	settle(value: boolean): void {
		this.#resolve(value);
	}
}

/** How a supervised process ended up. */
export type SupervisedOutcome = {
	readonly name: string;
	/** The last process started for this spec (a restart is a new process). */
	readonly last: Process;
	readonly restarts: number;
	/** Why it never started, when a dependency failed it. */
	readonly blockedBy: string | undefined;
	/** Whether it ran and its last run's exit code is one of its successes. */
	readonly ok: boolean;
	/** Whether another's exit_on_failure or exit_on_end stopped it. */
	readonly halted: boolean;
};

/**
 * Runs one process of a scenario file: waits for its dependencies, starts it, and starts it again
 * (as a new process with the same options) as its restart policy says, with exponential backoff.
 * Other supervisors wait on its `started` and `succeeded` milestones.
 */
export class Supervisor {
	/** Reached (true) once the first process has started; false when it never will. */
	readonly started = new Milestone();
	/** Reached (true) once a process exited with a success code; false when none will. */
	readonly succeeded = new Milestone();
	/** Reached (true) once its readiness probe passed; false when it never will. */
	readonly healthy = new Milestone();
	/** Reached (true) once a process of it exited, whatever its code; false when none will. */
	readonly completed = new Milestone();
	readonly #spec: ProcessSpec;
	readonly #first: Process;
	readonly #orchestrator: Orchestrator;
	// The process of the latest run (a restart is a new one).
	#current: Process;
	#halted = false;

	constructor(spec: ProcessSpec, orchestrator: Orchestrator) {
		this.#spec = spec;
		this.#orchestrator = orchestrator;
		// Made now, so that the dashboard lists it (as created) while it waits for its dependencies.
		this.#first = new Process({
			command: spec.command,
			args: spec.args,
			name: spec.name,
			cwd: spec.cwd,
			env: spec.env ? {...process.env, ...spec.env} : undefined,
			shell: spec.shell,
			...(spec.stop && {stopSignal: spec.stop.signal}),
			...(spec.stop?.graceMs !== undefined && {graceMs: spec.stop.graceMs}),
			...(spec.stop?.command && {stopCommand: spec.stop.command}),
			...(spec.stdin && {stdin: true}),
			orchestrator,
		});
		this.#current = this.#first;
	}

	/** Supervises until the process is done for good, or `signal` aborts. */
	async run(
		dependencies: ReadonlyMap<string, Supervisor>,
		signal: AbortSignal,
	): Promise<SupervisedOutcome> {
		const blockedBy = await this.#waitForDependencies(dependencies, signal);
		let current = this.#first;
		this.#current = current;
		let restarts = 0;
		if (blockedBy === undefined) {
			for (;;) {
				const exitcode = await this.#runOnce(current);
				if (exitcode === undefined || signal.aborted || !this.#wantsRestart(exitcode)) break;
				if (restarts >= this.#spec.maxRestarts) {
					// A success that `always` would have restarted has not failed: only a failure gives up.
					if (this.succeededWith(exitcode)) break;
					this.#orchestrator.bus.emit('process:gave-up', {
						id: current.id,
						name: current.name,
						exitcode,
						restarts,
					});
					break;
				}
				restarts++;
				const delayMs = Math.min(this.#spec.backoffMs * 2 ** (restarts - 1), maxBackoffMs);
				this.#orchestrator.bus.emit('process:restarting', {
					id: current.id,
					name: current.name,
					exitcode,
					attempt: restarts,
					maxRestarts: this.#spec.maxRestarts,
					delayMs,
				});
				if (!(await delay(delayMs, signal))) break;
				current = new Process(current.options);
				this.#current = current;
			}
		}
		this.started.settle(false);
		this.succeeded.settle(false);
		this.healthy.settle(false);
		this.completed.settle(false);
		const ok = blockedBy === undefined && this.succeededWith(current.exitcode);
		return {name: this.#spec.name, last: current, restarts, blockedBy, ok, halted: this.#halted};
	}

	// Starts and joins one process; undefined when it could not even be admitted (procdash is
	// stopping).
	async #runOnce(current: Process): Promise<number | undefined> {
		const {readiness, liveness} = this.#probes(current);
		const stopProbes = () => {
			readiness?.stop();
			liveness?.stop();
		};
		try {
			await current.start();
		} catch {
			stopProbes();
			return undefined;
		}
		if (current.pid !== undefined) this.started.settle(true);
		if (readiness) {
			readiness.start();
			void readiness.ready.then((ready) => {
				if (!ready) return;
				this.healthy.settle(true);
				liveness?.start();
			});
		} else liveness?.start();
		const exitcode = (await current.join()) as number;
		stopProbes();
		this.completed.settle(true);
		if (this.succeededWith(exitcode)) this.succeeded.settle(true);
		return exitcode;
	}

	// The readiness probe, then the liveness probe, of `current`, as the spec has them. A liveness
	// probe that fails stops the process: its restart policy decides what follows.
	#probes(current: Process): {readiness?: ProbeLoop; liveness?: ProbeLoop} {
		const {readiness, liveness} = this.#spec;
		const host = hostOf(this.#orchestrator);
		const options = {
			bus: this.#orchestrator.bus,
			context: {
				// A probe reports nothing: it gets no report channel.
				env: host.env(current.options.env, 'task'),
				started: (pgid: number) => host.guard(pgid),
				ended: (pgid: number) => host.unguard(pgid),
			},
			unhealthy: () => void current.stop(),
		};
		const target = {id: current.id, name: current.name};
		return {
			...(readiness && {readiness: new ProbeLoop('readiness', readiness, target, options)}),
			...(liveness && {liveness: new ProbeLoop('liveness', liveness, target, options)}),
		};
	}

	/** Whether `exitcode` is a success for this process (`success_exit_codes`, else 0). */
	succeededWith(exitcode: number | null | undefined): boolean {
		return (
			exitcode !== null && exitcode !== undefined && this.#spec.successExitCodes.includes(exitcode)
		);
	}

	/** The spec's `exit_on_failure`: its failure for good stops the scenario. */
	get exitOnFailure(): boolean {
		return this.#spec.exitOnFailure;
	}

	/** The spec's `exit_on_end`: its end for good, whatever its code, stops the scenario. */
	get exitOnEnd(): boolean {
		return this.#spec.exitOnEnd;
	}

	/**
	 * Stops the process now running, if any (its stop signal, then SIGKILL after its grace), for
	 * another's exit_on_failure or exit_on_end: a process stopped so is `halted`, not failed.
	 */
	async halt(): Promise<void> {
		const current = this.#current;
		if (!current.isAlive()) return;
		this.#halted = true;
		await current.stop();
	}

	// Whether the restart policy asks for another run after `exitcode`, restarts left or not.
	#wantsRestart(exitcode: number): boolean {
		if (this.#spec.restart === 'always') return true;
		return this.#spec.restart === 'on-failure' && !this.succeededWith(exitcode);
	}

	// Resolves with why the process may not start, or undefined once every dependency is met.
	async #waitForDependencies(
		dependencies: ReadonlyMap<string, Supervisor>,
		signal: AbortSignal,
	): Promise<string | undefined> {
		const waits = this.#spec.dependsOn.map(async ({name, condition}) => {
			const supervisor = dependencies.get(name) as Supervisor;
			const milestone = {
				started: supervisor.started,
				healthy: supervisor.healthy,
				completed: supervisor.completed,
				completed_successfully: supervisor.succeeded,
			}[condition];
			const met = await Promise.race([milestone.reached, aborted(signal)]);
			if (met) return undefined;
			if (signal.aborted) return 'stopped before it started';
			return {
				started: `${name} never started`,
				healthy: `${name} never became ready`,
				completed: `${name} never ran`,
				completed_successfully: `${name} did not complete successfully`,
			}[condition];
		});
		// The first unmet dependency decides at once, without waiting for the others.
		return new Promise((resolve) => {
			let pending = waits.length;
			if (pending === 0) resolve(undefined);
			for (const wait of waits) {
				void wait.then((reason) => {
					if (reason !== undefined) resolve(reason);
					else if (--pending === 0) resolve(undefined);
				});
			}
		});
	}
}

function aborted(signal: AbortSignal): Promise<false> {
	return new Promise((resolve) => {
		if (signal.aborted) resolve(false);
		signal.addEventListener('abort', () => resolve(false), {once: true});
	});
}
