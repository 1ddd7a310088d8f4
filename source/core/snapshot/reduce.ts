import type {BusEvent, EventOf, GroupLeader, MachineStats} from '../events/index.js';
import {type PoolRow, reducePools} from './pools.js';
import {
	createdRow,
	type DescendantRow,
	isLive,
	type ProcessRow,
	sampledProcesses,
	signalledState,
} from './processes.js';
import {emptyShared, reduceShared, type SharedSnapshot} from './shared.js';
import {emptySync, reduceSync, type SyncSnapshot} from './sync.js';

/** The preset being played, if any. */
export type ScenarioRow = {
	readonly name: string;
	readonly description: string;
	readonly about: string;
	readonly state: 'running' | 'passed' | 'failed';
	readonly notes: readonly string[];
	readonly elapsedMs: number | undefined;
};

/** Everything the dashboard and the headless summary show, derived from events alone. */
export type Snapshot = {
	/** Processes by id, in creation order. */
	readonly processes: readonly ProcessRow[];
	readonly descendants: readonly DescendantRow[];
	/** Pools by id, in creation order. */
	readonly pools: readonly PoolRow[];
	readonly scenario: ScenarioRow | undefined;
	/** The machine's load, from the last stats sample that had it. */
	readonly machine: MachineStats | undefined;
	/** Shared values, arrays and locks. */
	readonly shared: SharedSnapshot;
	/** Queues, pipes, the other waiting objects (RLock, Semaphore, Event, Condition, Barrier), managed objects. */
	readonly sync: SyncSnapshot;
	/**
	 * Set while stopping: when SIGKILL will follow, and the processes whose groups still hold up
	 * the stop.
	 */
	readonly stopping:
		| {
				readonly graceMs: number;
				readonly deadline: number;
				readonly holding: readonly GroupLeader[];
		  }
		| undefined;
	/**
	 * Set once stopped: groups (or processes) that survived, which should be none, and the
	 * processes that had left their group and were stopped with the rest.
	 */
	readonly stopped:
		| {
				readonly survivors: readonly number[];
				/** Absent when none. */
				readonly escaped?: readonly {readonly pid: number; readonly command: string}[];
		  }
		| undefined;
	/** `seq` and `at` of the last event folded in. */
	readonly seq: number;
	readonly at: number;
};

/** The snapshot before any event. */
export const emptySnapshot: Snapshot = {
	processes: [],
	descendants: [],
	pools: [],
	scenario: undefined,
	shared: emptyShared,
	sync: emptySync,
	machine: undefined,
	stopping: undefined,
	stopped: undefined,
	seq: 0,
	at: 0,
};

/** Folds one event into a snapshot. Pure: the same inputs always give the same output. */
export function reduce(snapshot: Snapshot, event: BusEvent): Snapshot {
	const next = reduceEvent(snapshot, event);
	const pools = reducePools(next.pools, event);
	const sync = reduceSync(next.sync, event);
	return {...next, pools, sync, seq: event.seq, at: event.at};
}

/** Folds a list of events, from `emptySnapshot` unless told otherwise. */
export function fold(events: Iterable<BusEvent>, from: Snapshot = emptySnapshot): Snapshot {
	let snapshot = from;
	for (const event of events) snapshot = reduce(snapshot, event);
	return snapshot;
}

function reduceEvent(snapshot: Snapshot, event: BusEvent): Snapshot {
	switch (event.type) {
		case 'process:created':
			return {...snapshot, processes: [...snapshot.processes, createdRow(event)]};
		case 'process:started':
			return updateProcess(snapshot, event.id, () => ({
				state: 'running',
				pid: event.pid,
				ppid: event.ppid,
				startedAt: event.at,
				...(event.threadId === undefined ? {} : {threadId: event.threadId}),
			}));
		case 'process:signalled':
			return updateProcess(snapshot, event.id, (row) => ({
				state: signalledState(row.state, event.signal),
				// A stop's SIGTERM starts the countdown to SIGKILL; SIGKILL ends it.
				...(event.graceMs === undefined ? {} : {killAt: event.at + event.graceMs}),
				...(event.signal === 'SIGKILL' ? {killAt: undefined} : {}),
			}));
		case 'process:stop-command':
			return updateProcess(snapshot, event.id, () => ({killAt: event.at + event.graceMs}));
		case 'process:returned':
			return updateProcess(snapshot, event.id, () => ({returned: event.value}));
		case 'process:error':
			return updateProcess(snapshot, event.id, () => ({error: event.error}));
		case 'process:exited':
			return endReported(
				updateProcess(snapshot, event.id, () => ({
					state: event.exitcode > 0 ? 'failed' : 'exited',
					exitcode: event.exitcode,
					signal: event.signal,
					endedAt: event.at,
					cpu: undefined,
					memory: undefined,
					killAt: undefined,
				})),
				event,
			);
		case 'process:restarting':
			return updateProcess(snapshot, event.id, () => ({
				restart: {
					kind: 'pending',
					at: event.at + event.delayMs,
					attempt: event.attempt,
					of: event.maxRestarts,
				},
			}));
		case 'probe:started':
			return event.probe === 'readiness'
				? updateProcess(snapshot, event.id, () => ({health: 'starting'}))
				: snapshot;
		case 'process:ready':
			return updateProcess(snapshot, event.id, () => ({health: 'ready'}));
		case 'process:unhealthy':
			return updateProcess(snapshot, event.id, () => ({health: 'unhealthy'}));
		case 'process:gave-up':
			return updateProcess(snapshot, event.id, () => ({
				restart: {kind: 'gave-up', restarts: event.restarts},
			}));
		case 'stats:sampled':
			return {
				...snapshot,
				...sampledProcesses(snapshot.processes, event, snapshot.descendants),
				machine: event.machine ?? snapshot.machine,
			};
		case 'scenario:started':
			return {
				...snapshot,
				scenario: {
					name: event.name,
					description: event.description,
					about: event.about,
					state: 'running',
					notes: [],
					elapsedMs: undefined,
				},
			};
		case 'scenario:finished':
			return snapshot.scenario?.name === event.name
				? {
						...snapshot,
						scenario: {
							...snapshot.scenario,
							state: event.ok ? 'passed' : 'failed',
							notes: event.notes,
							elapsedMs: event.elapsedMs,
						},
					}
				: snapshot;
		case 'orchestrator:stopping':
			return {
				...snapshot,
				stopping: {
					graceMs: event.graceMs,
					deadline: event.deadline,
					// Recordings made before the stop named its groups have none.
					holding: event.holding ?? [],
				},
			};
		case 'orchestrator:waiting':
			return snapshot.stopping
				? {...snapshot, stopping: {...snapshot.stopping, holding: event.holding}}
				: snapshot;
		case 'orchestrator:stopped':
			return {
				...snapshot,
				stopping: undefined,
				stopped: {
					survivors: event.survivors,
					...(event.escaped ? {escaped: event.escaped} : {}),
				},
			};
		default: {
			const shared = reduceShared(snapshot.shared, event);
			return shared === snapshot.shared ? snapshot : {...snapshot, shared};
		}
	}
}

function updateProcess(
	snapshot: Snapshot,
	id: number,
	change: (row: ProcessRow) => Partial<ProcessRow>,
): Snapshot {
	const index = snapshot.processes.findIndex((row) => row.id === id);
	if (index === -1) return snapshot;
	const processes = [...snapshot.processes];
	const row = processes[index] as ProcessRow;
	processes[index] = {...row, ...change(row)};
	return {...snapshot, processes};
}

// A program's row exited: nobody is left to tell how the processes it reported, and had not told
// the end of, ended (its children went with it). They are shown ended, with no exit code.
function endReported(snapshot: Snapshot, event: EventOf<'process:exited'>): Snapshot {
	if (!snapshot.processes.some((row) => row.program === event.id && isLive(row))) return snapshot;
	return {
		...snapshot,
		processes: snapshot.processes.map((row) =>
			row.program === event.id && isLive(row)
				? {...row, state: 'exited', endedAt: event.at, cpu: undefined, memory: undefined}
				: row,
		),
	};
}
