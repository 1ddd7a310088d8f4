import type {ErrorInfo, EventOf, ProcessKind, ProcessStats} from '../events/index.js';

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

/** A process's row as its `process:created` event makes it. */
export function createdRow(event: EventOf<'process:created'>): ProcessRow {
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

/** Where a signal leaves a process: SIGSTOP pauses a live one, SIGCONT resumes it. */
export function signalledState(state: ProcessState, signal: NodeJS.Signals): ProcessState {
	if (state !== 'running' && state !== 'paused') return state;
	if (signal === 'SIGSTOP' || signal === 'SIGTSTP') return 'paused';
	if (signal === 'SIGCONT') return 'running';
	return state;
}

/** Whether it runs, is paused, or is yet to start. */
export function isLive(row: ProcessRow): boolean {
	return row.state === 'running' || row.state === 'paused' || row.state === 'created';
}

/**
 * The processes with their CPU and memory from one sampling round, and the descendants procdash did
 * not start itself, each under the process it descends from. Each list is the one given (`rows`,
 * `before`) while nothing in it changed: a machine at rest is not a new table each second.
 */
export function sampledProcesses(
	rows: readonly ProcessRow[],
	event: EventOf<'stats:sampled'>,
	before: readonly DescendantRow[] = [],
): {processes: readonly ProcessRow[]; descendants: readonly DescendantRow[]} {
	const byPid = new Map(event.processes.map((stats) => [stats.pid, stats]));
	const rootByPid = new Map<number, number>();
	const threadCpu = new Map(event.threads?.map((stats) => [stats.id, stats.cpu]));
	const processes = rows.map((row) => {
		if (row.pid === undefined || (row.state !== 'running' && row.state !== 'paused')) return row;
		// A thread's pid is its process's: its CPU comes by its own id, its memory is not its own.
		if (row.kind === 'thread') {
			const cpu = threadCpu.get(row.id);
			return cpu === undefined || cpu === row.cpu ? row : {...row, cpu};
		}
		rootByPid.set(row.pid, row.id);
		const stats = byPid.get(row.pid);
		// The same row while its figures are the same: a process at rest is not a new row each second.
		if (!stats || (stats.cpu === row.cpu && stats.memory === row.memory)) return row;
		return {...row, cpu: stats.cpu, memory: stats.memory};
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
	return {
		processes: processes.every((row, index) => row === rows[index]) ? rows : processes,
		descendants: sameDescendants(descendants, before) ? before : descendants,
	};
}

function sameDescendants(
	some: readonly DescendantRow[],
	others: readonly DescendantRow[],
): boolean {
	return (
		some.length === others.length &&
		some.every((row, index) => {
			const other = others[index] as DescendantRow;
			return (
				row.pid === other.pid &&
				row.ppid === other.ppid &&
				row.cpu === other.cpu &&
				row.memory === other.memory &&
				row.command === other.command &&
				row.stopped === other.stopped &&
				row.rootId === other.rootId
			);
		})
	);
}
