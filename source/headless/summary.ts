import {constants} from 'node:os';
import type {Snapshot, SnapshotStore} from '../core/snapshot/index.js';
import {toJsonLine} from './json-line.js';
import type {LineSink} from './ndjson-writer.js';
import {
	type SummaryPipe,
	type SummaryQueue,
	type SummarySync,
	syncSections,
} from './sync-summary.js';

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
	/** Locks by name: who held them last, who was waiting, and whether a dead holder or a deadlock marked them. */
	readonly locks: Readonly<Record<string, unknown>>;
	/** Pools by name: tasks done and failed, workers that died and their replacements. */
	readonly pools: Readonly<
		Record<
			string,
			{
				readonly done: number;
				readonly failed: number;
				readonly deaths: number;
				readonly replacements: number;
			}
		>
	>;
	/** Queues by name: their depth, counts and who was still blocked. */
	readonly queues: Readonly<Record<string, SummaryQueue>>;
	/** Pipes by name: messages sent and still in flight, by end. */
	readonly pipes: Readonly<Record<string, SummaryPipe>>;
	/** RLocks, semaphores, events, conditions and barriers by name: their final state. */
	readonly sync: Readonly<Record<string, SummarySync>>;
	/** A Manager's dicts, lists and namespaces by name: their kind and size. */
	readonly managed: Readonly<Record<string, {readonly kind: string; readonly size: number}>>;
	/** True when the scenario met its own expectations and no process survived the stop. */
	readonly ok: boolean;
	/** What the scenario checked, in its own words. */
	readonly notes: readonly string[];
};

/** Each section of the summary that comes from one snapshot field. */
const sections = {
	values: ({shared}: Snapshot) =>
		Object.fromEntries([
			...shared.values.map((row) => [row.name, row.value]),
			...shared.arrays.map((row) => [row.name, row.values]),
		]),
	locks: ({shared}: Snapshot) =>
		Object.fromEntries(
			shared.locks.map((row) => [
				row.name,
				{
					holder: row.holder?.name ?? null,
					waiters: row.waiters.map((waiter) => waiter.name),
					abandonedBy: row.abandoned?.name ?? null,
					deadlocked: row.deadlock !== undefined,
				},
			]),
		),
	pools: ({pools}: Snapshot) =>
		Object.fromEntries(
			pools.map((row) => [
				row.name,
				{done: row.done, failed: row.failed, deaths: row.deaths, replacements: row.replacements},
			]),
		),
};

/** The summary of a run, built from its final snapshot: the same for a live run and its replay. */
export function buildSummary(snapshot: Snapshot): Summary {
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
		values: sections.values(snapshot),
		locks: sections.locks(snapshot),
		pools: sections.pools(snapshot),
		queues: syncSections.queues(snapshot),
		pipes: syncSections.pipes(snapshot),
		sync: syncSections.sync(snapshot),
		managed: syncSections.managed(snapshot),
		ok: scenario?.state === 'passed' && (stopped?.survivors.length ?? 0) === 0,
		notes: scenario?.notes ?? [],
	};
}

/**
 * Writes the summary line of a finished run and closes its store. Resolves to the exit code:
 * 128 + the signal's number when a signal stopped the run, else 0 when it was ok and 1 when not.
 */
export function writeSummary(
	store: SnapshotStore,
	sink: LineSink,
	stoppedBy: NodeJS.Signals | undefined,
): number {
	const summary = buildSummary(store.getSnapshot());
	store.close();
	sink(`${toJsonLine(summary)}\n`);
	if (stoppedBy) return 128 + (constants.signals[stoppedBy] ?? 0);
	return summary.ok ? 0 : 1;
}
