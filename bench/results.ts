// What `npm run bench` writes to bench/results.json, and what docs/performance.md is rendered from.
import {type Commit, describeCommit, describeMachine, type Machine} from './machine.js';
import {type BenchRow, goalMet, ratioOf} from './report.js';

/** One row as written: the figure with its ratio and verdict (absent where they cannot be judged). */
export type ResultRow = BenchRow & {readonly ratio?: number; readonly met?: boolean};

/** The whole file: when, where and how the run was made, then its rows. */
export type Results = {
	/** When the run ended, ISO 8601 in UTC. */
	readonly at: string;
	/** The commit measured; null where git could not tell. */
	readonly commit: Commit | null;
	/** BENCH_QUICK=1: the dashboard's windows were halved. */
	readonly quick: boolean;
	/** BENCH_ONLY: the benchmarks run, or null for all of them. */
	readonly only: readonly string[] | null;
	/**
	 * The machine's load average over 1, 5 and 15 minutes as the run began: well above zero, other
	 * work shared the CPUs with the benchmarks.
	 */
	readonly loadAtStart: readonly number[];
	readonly machine: Machine;
	readonly rows: readonly ResultRow[];
};

/** How the run was asked for, and the load it began under. */
export type RunOptions = {
	readonly quick: boolean;
	readonly only: readonly string[] | null;
	readonly loadAtStart: readonly number[];
};

/** The results of `rows`, measured on this machine and commit, now. */
export function resultsOf(
	rows: readonly BenchRow[],
	{quick, only, loadAtStart}: RunOptions,
): Results {
	return {
		at: new Date().toISOString(),
		commit: describeCommit(),
		quick,
		only,
		loadAtStart,
		machine: describeMachine(),
		rows: rows.map((row) => ({...row, ratio: ratioOf(row), met: goalMet(row)})),
	};
}
