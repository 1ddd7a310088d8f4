import type {Snapshot} from '../core/snapshot.js';

/** One process in the summary: who it was and how it ended. */
export type SummaryProcess = {
	readonly name: string;
	readonly pid: number | null;
	readonly ppid: number | null;
	readonly exitcode: number | null;
};

/** The last line of `--json`: how the run ended, from the final snapshot alone. */
export type Summary = {
	readonly type: 'summary';
	/** The preset, `run` or the scenario file played. */
	readonly scenario: string | null;
	readonly elapsedMs: number;
	readonly processes: readonly SummaryProcess[];
	/** Shared values by name: their final value. */
	readonly values: Readonly<Record<string, unknown>>;
	/** Locks by name: who held them last and who was waiting. */
	readonly locks: Readonly<Record<string, unknown>>;
	/** Pools by name: tasks done and failed. */
	readonly pools: Readonly<Record<string, {readonly done: number; readonly failed: number}>>;
	/** True when the scenario met its own expectations and no process survived the stop. */
	readonly ok: boolean;
	/** What the scenario checked, in its own words. */
	readonly notes: readonly string[];
};

// The rows the shared-state (Value, Lock) and Pool work adds to the snapshot. Until it lands they
// are absent and each section is empty; once it does, each section reads its own field here.
type SharedStateRows = {
	readonly values?: readonly {readonly name: string; readonly value: unknown}[];
	readonly locks?: readonly {
		readonly name: string;
		readonly holder?: unknown;
		readonly waiters?: unknown;
	}[];
	readonly pools?: readonly {
		readonly name: string;
		readonly done: number;
		readonly failed: number;
	}[];
};

/** Each section of the summary that comes from one snapshot field: add a line per new field. */
const sections = {
	values: (rows: SharedStateRows) =>
		Object.fromEntries((rows.values ?? []).map((row) => [row.name, row.value])),
	locks: (rows: SharedStateRows) =>
		Object.fromEntries(
			(rows.locks ?? []).map((row) => [
				row.name,
				{holder: row.holder ?? null, waiters: row.waiters ?? []},
			]),
		),
	pools: (rows: SharedStateRows) =>
		Object.fromEntries(
			(rows.pools ?? []).map((row) => [row.name, {done: row.done, failed: row.failed}]),
		),
};

/** The summary of a run, built from its final snapshot: the same for a live run and its replay. */
export function buildSummary(snapshot: Snapshot): Summary {
	const rows = snapshot as Snapshot & SharedStateRows;
	const {scenario, stopped} = snapshot;
	return {
		type: 'summary',
		scenario: scenario?.name ?? null,
		elapsedMs: scenario?.elapsedMs ?? snapshot.at,
		processes: snapshot.processes.map((row) => ({
			name: row.name,
			pid: row.pid ?? null,
			ppid: row.ppid ?? null,
			exitcode: row.exitcode,
		})),
		values: sections.values(rows),
		locks: sections.locks(rows),
		pools: sections.pools(rows),
		ok: scenario?.state === 'passed' && (stopped?.survivors.length ?? 0) === 0,
		notes: scenario?.notes ?? [],
	};
}
