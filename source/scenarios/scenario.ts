import type {Orchestrator} from '../core/orchestrator/orchestrator.js';

/** What a scenario reports when it ends: whether it met its own expectations, and why not. */
export type ScenarioOutcome = {
	readonly ok: boolean;
	/** Lines saying what was checked, shown in the dashboard and the headless summary. */
	readonly notes: readonly string[];
};

/** How a preset is played. */
export type PlayOptions = {
	/**
	 * Nobody is there to quit (headless `--json`): a preset that loops until stopped plays one
	 * round and ends.
	 */
	readonly bounded: boolean;
};

/** A preset: a classic lesson of processes and threads, replayed with real processes. */
export type Scenario = {
	/** The name typed on the command line (`procdash parallel`). */
	readonly name: string;
	/** One line for the preset menu and `procdash list`. */
	readonly description: string;
	/** What to watch for while it runs, shown in the dashboard. */
	readonly about: string;
	/** Runs the lesson on `orchestrator`; stops early when `signal` aborts. */
	readonly run: (
		orchestrator: Orchestrator,
		signal: AbortSignal,
		options: PlayOptions,
	) => Promise<ScenarioOutcome>;
	/**
	 * Loops until stopped (q, a signal), or for one round when `bounded`: being stopped is how it
	 * ends, not a run cut short.
	 */
	readonly endless?: boolean;
	/**
	 * Task runtimes to boot, with the task modules they import, before the lesson starts its
	 * clock: as Python's program starts its clock once the interpreter is up, and its forkserver
	 * has started its own. `processes` is how many must be ready when the clock starts: a lesson
	 * whose later processes only queue (for a lock, a permit) boots those inside its clock, behind
	 * the first ones' wait, where they lengthen neither the clock nor the person's whole wait.
	 * `sharedState: false` when the tasks are sent no shared object: the runtimes then skip the
	 * code that would serve one, and boot sooner.
	 */
	readonly warm?: {
		readonly processes: number;
		readonly modules: readonly URL[];
		readonly sharedState?: boolean;
	};
};
