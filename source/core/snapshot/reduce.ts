import type {
	BusEvent,
	ErrorInfo,
	EventOf,
	GroupLeader,
	MachineStats,
	ProcessKind,
	ProcessStats,
} from '../events/index.js';
import {type PoolRow, reducePools} from './pools.js';
import {emptyShared, reduceShared, type SharedSnapshot} from './shared.js';

/** Where a process is in its life, as the dashboard shows it. */
export type ProcessState = 'created' | 'running' | 'paused' | 'exited' | 'failed';

/** One process procdash started, as of the last event. */
export type ProcessRow = {
	readonly id: number;
	readonly name: string;
	readonly kind: ProcessKind;
	readonly target: string;
	readonly daemon: boolean;
	readonly state: ProcessState;
	readonly pid: number | undefined;
	readonly ppid: number | undefined;
	/** A thread's worker thread id (its `pid` and `ppid` are its process's); undefined otherwise. */
	readonly threadId?: number;
	readonly exitcode: number | null;
	readonly signal: string | null;
	/** `at` of the start and exit events. */
	readonly startedAt: number | undefined;
	readonly endedAt: number | undefined;
	/** Percent of one core, from the last stats sample; undefined before the first. */
	readonly cpu: number | undefined;
	/** Resident memory in bytes, from the last stats sample. */
	readonly memory: number | undefined;
	readonly error: ErrorInfo | undefined;
	/** What a task returned. */
	readonly returned: unknown;
	/** While a stop waits for the process to exit: the bus time at which SIGKILL follows. */
	readonly killAt?: number;
	/**
	 * A scenario file's probes say: `starting` until its readiness probe passes, then `ready`;
	 * `unhealthy` once a probe failed its failure threshold. Undefined without probes.
	 */
	readonly health?: 'starting' | 'ready' | 'unhealthy';
	/**
	 * Set on a process a program told of over the report channel: the id of that program's row.
	 * procdash did not start it and cannot steer it.
	 */
	readonly program?: number;
	/**
	 * Supervised processes: set once it exited and its policy restarts it as a new process (with
	 * the same name) at `at` (bus time); or, when its restarts ran out, that it gave up.
	 */
	readonly restart?:
		| {readonly kind: 'pending'; readonly at: number; readonly attempt: number; readonly of: number}
		| {readonly kind: 'gave-up'; readonly restarts: number};
};

/** A descendant procdash did not start itself (a command's own child), found by the sampler. */
export type DescendantRow = ProcessStats & {
	/** The id of the procdash process it descends from. */
	readonly rootId: number;
};

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
	return {...next, pools, seq: event.seq, at: event.at};
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
			return applyStats(snapshot, event);
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

function createdRow(event: EventOf<'process:created'>): ProcessRow {
	return {
		id: event.id,
		name: event.name,
		kind: event.kind,
		target: event.target,
		daemon: event.daemon,
		state: 'created',
		pid: undefined,
		ppid: undefined,
		exitcode: null,
		signal: null,
		startedAt: undefined,
		endedAt: undefined,
		cpu: undefined,
		memory: undefined,
		error: undefined,
		returned: undefined,
		...(event.program === undefined ? {} : {program: event.program}),
	};
}

function signalledState(state: ProcessState, signal: NodeJS.Signals): ProcessState {
	if (state !== 'running' && state !== 'paused') return state;
	if (signal === 'SIGSTOP' || signal === 'SIGTSTP') return 'paused';
	if (signal === 'SIGCONT') return 'running';
	return state;
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

function isLive(row: ProcessRow): boolean {
	return row.state === 'running' || row.state === 'paused' || row.state === 'created';
}

function applyStats(snapshot: Snapshot, event: EventOf<'stats:sampled'>): Snapshot {
	const byPid = new Map(event.processes.map((stats) => [stats.pid, stats]));
	const rootByPid = new Map<number, number>();
	const threadCpu = new Map(event.threads?.map((stats) => [stats.id, stats.cpu]));
	const processes = snapshot.processes.map((row) => {
		if (row.pid === undefined || (row.state !== 'running' && row.state !== 'paused')) return row;
		// A thread's pid is its process's: its CPU comes by its own id, its memory is not its own.
		if (row.kind === 'thread') {
			const cpu = threadCpu.get(row.id);
			return cpu === undefined ? row : {...row, cpu};
		}
		rootByPid.set(row.pid, row.id);
		const stats = byPid.get(row.pid);
		return stats ? {...row, cpu: stats.cpu, memory: stats.memory} : row;
	});
	// Walk up each sampled process's parents until one of ours: that is its root.
	const rootOf = (stats: ProcessStats): number | undefined => {
		let current: ProcessStats | undefined = stats;
		for (let depth = 0; current && depth < 64; depth++) {
			const root = rootByPid.get(current.ppid);
			if (root !== undefined) return root;
			current = byPid.get(current.ppid);
		}
		return undefined;
	};
	const descendants: DescendantRow[] = [];
	for (const stats of event.processes) {
		if (rootByPid.has(stats.pid)) continue;
		const rootId = rootOf(stats);
		if (rootId !== undefined) descendants.push({...stats, rootId});
	}
	return {...snapshot, processes, descendants, machine: event.machine ?? snapshot.machine};
}
