import type {PoolEventMap} from './pool.js';
import type {ReportEventMap} from './report.js';
import type {SyncEventMap} from './sync.js';
import type {
	Actor,
	DeadlockLink,
	ErrorInfo,
	GroupLeader,
	MachineStats,
	ProbeKind,
	ProcessKind,
	ProcessStats,
	SharedScalar,
	ThreadStats,
} from './types.js';

/**
 * Every event the core emits, by type. One key per event; the payload is what a listener gets
 * besides `type`, `seq` and `at`.
 */
export type EventMap = {
	'process:created': {
		readonly id: number;
		readonly name: string;
		readonly kind: ProcessKind;
		readonly daemon: boolean;
		/** The command line (command targets) or `module#export` (task targets). */
		readonly target: string;
		/**
		 * Set on a process that a program procdash runs told of over the report channel: the id of
		 * that program's row (the command procdash started). Absent on procdash's own processes.
		 */
		readonly program?: number;
	};
	'process:started': {
		readonly id: number;
		readonly name: string;
		/** For a thread: the pid of the process it runs in (and `ppid` that process's parent). */
		readonly pid: number;
		readonly ppid: number;
		/** Only for a thread: its worker thread id (`worker.threadId`). */
		readonly threadId?: number;
	};
	'process:output': {
		readonly id: number;
		readonly name: string;
		readonly stream: 'stdout' | 'stderr';
		/** At most 16 KiB (`maxLineLength` UTF-16 units): a longer line comes in pieces. */
		readonly line: string;
		/** Set on every piece of a cut line but its last: the line goes on in the next one. */
		readonly continues?: true;
	};
	/** A task target returned; `value` is what it returned (structured-cloned). */
	'process:returned': {
		readonly id: number;
		readonly name: string;
		readonly value: unknown;
	};
	/** A task threw, or a command could not start; the process still gets `process:exited`. */
	'process:error': {
		readonly id: number;
		readonly name: string;
		readonly error: ErrorInfo;
	};
	/** procdash sent a signal to the process's group. */
	'process:signalled': {
		readonly id: number;
		readonly name: string;
		readonly pid: number;
		readonly signal: NodeJS.Signals;
		/** Set on the SIGTERM that begins a stop: SIGKILL follows after `graceMs` unless it exits. */
		readonly graceMs?: number;
	};
	/**
	 * A stop began with the process's stop command (a scenario file's `stop.command`): its stop
	 * signal follows only if the command fails; SIGKILL after `graceMs` if it still runs.
	 */
	'process:stop-command': {
		readonly id: number;
		readonly name: string;
		readonly pid: number;
		/** The command line, made printable. */
		readonly command: string;
		readonly graceMs: number;
	};
	/**
	 * procdash sent a signal to a descendant it did not start itself (a command's own child, as a
	 * key asked): to that one process, not to a group.
	 */
	'descendant:signalled': {
		readonly pid: number;
		/** Its executable's name (`comm`). */
		readonly command: string;
		/** The process procdash started that it descends from. */
		readonly rootId: number;
		readonly rootName: string;
		readonly signal: NodeJS.Signals;
		/** Set on the SIGTERM of a stop: SIGKILL follows after `graceMs` unless it exits. */
		readonly graceMs?: number;
	};
	'process:exited': {
		readonly id: number;
		readonly name: string;
		readonly pid: number | undefined;
		/** CPython's convention: the exit status, or −N when ended by signal N. */
		readonly exitcode: number;
		readonly signal: NodeJS.Signals | null;
	};
	'value:created': {
		readonly id: number;
		readonly name: string;
		readonly typecode: string;
		readonly value: SharedScalar;
	};
	/**
	 * A shared value changed; `by` is the process that changed it. Threads change the memory
	 * directly: their changes are found by sampling it a few times a second, and say `sampled`
	 * (with `by` named `threads`); several changes between two samples are one event.
	 */
	'value:changed': {
		readonly id: number;
		readonly name: string;
		readonly value: SharedScalar;
		readonly by: Pick<Actor, 'id' | 'name'>;
		readonly sampled?: true;
		/**
		 * How many changes this event stands for, when more than one: a child's operations issued
		 * in one turn (without awaiting each) are applied one by one, atomically, in order, and
		 * told as one event with the last value.
		 */
		readonly changes?: number;
	};
	'array:created': {
		readonly id: number;
		readonly name: string;
		readonly typecode: string;
		readonly values: readonly SharedScalar[];
	};
	'array:changed': {
		readonly id: number;
		readonly name: string;
		readonly index: number;
		readonly value: SharedScalar;
		readonly by: Pick<Actor, 'id' | 'name'>;
		/** Found by sampling memory that threads change, as for `value:changed`. */
		readonly sampled?: true;
		/** How many changes this event stands for, as for `value:changed`. */
		readonly changes?: number;
	};
	'lock:created': {readonly id: number; readonly name: string};
	/** `by` must wait: the lock is held. It joins the end of the waiters. */
	'lock:requested': {readonly id: number; readonly name: string; readonly by: Actor};
	'lock:acquired': {
		readonly id: number;
		readonly name: string;
		readonly by: Actor;
		readonly waitedMs: number;
		/** Set when the previous holder died holding the lock. */
		readonly abandonedBy?: {readonly name: string; readonly pid: number};
	};
	'lock:released': {
		readonly id: number;
		readonly name: string;
		readonly by: Actor;
		readonly heldMs: number;
	};
	/** A waiter's timeout ran out before the lock was free. */
	'lock:timed-out': {
		readonly id: number;
		readonly name: string;
		readonly by: Actor;
		readonly waitedMs: number;
	};
	/** A waiter died while it waited; it left the line. */
	'lock:waiter-exited': {
		readonly id: number;
		readonly name: string;
		readonly by: Actor;
		readonly waitedMs: number;
	};
	/** The holder died holding the lock; the broker released it. */
	'lock:abandoned': {
		readonly id: number;
		readonly name: string;
		readonly holder: Actor;
		readonly heldMs: number;
	};
	/** A cycle in the wait-for graph: every process in it waits for a lock another one holds. */
	'lock:deadlock': {readonly cycle: readonly DeadlockLink[]};
	/**
	 * A supervised process (a scenario file's `restart` policy) exited and will be started again,
	 * as a new process with the same name, after `delayMs`.
	 */
	'process:restarting': {
		/** The id of the process that exited. */
		readonly id: number;
		readonly name: string;
		readonly exitcode: number;
		/** 1 for the first restart. */
		readonly attempt: number;
		readonly maxRestarts: number;
		readonly delayMs: number;
	};
	/**
	 * A supervised process failed in a way its restart policy would restart, but it had been
	 * restarted `maxRestarts` times already: it stays down.
	 */
	'process:gave-up': {
		/** The id of the process that exited last. */
		readonly id: number;
		readonly name: string;
		readonly exitcode: number;
		/** How many times it was restarted before. */
		readonly restarts: number;
	};
	/**
	 * A scenario file's probe of a process began: a `readiness` probe makes it `starting` until it
	 * is ready; a `liveness` probe watches it from then on.
	 */
	'probe:started': {
		readonly id: number;
		readonly name: string;
		readonly probe: ProbeKind;
		/** What it checks, in words (`http://127.0.0.1:8080/`, `exec pg_isready`, …). */
		readonly check: string;
	};
	/** One check of a probe failed; `message` says how (the exit code and output, the status…). */
	'probe:failed': {
		readonly id: number;
		readonly name: string;
		readonly probe: ProbeKind;
		readonly message: string;
		/** Failures in a row so far. */
		readonly failures: number;
	};
	/** Its readiness probe passed: what waits for it (`depends_on: {name: healthy}`) may start. */
	'process:ready': {readonly id: number; readonly name: string};
	/**
	 * A probe failed `failures` times in a row (its failure threshold): a readiness probe goes on
	 * trying; a liveness probe's process is stopped, for its restart policy to act.
	 */
	'process:unhealthy': {
		readonly id: number;
		readonly name: string;
		readonly probe: ProbeKind;
		readonly failures: number;
	};
	/** One sampling round: every live process procdash started, and their descendants. */
	'stats:sampled': {
		readonly processes: readonly ProcessStats[];
		/** Live Threads' CPU, where the kernel tells it (Linux); their memory is their process's. */
		readonly threads?: readonly ThreadStats[];
		/** The whole machine, when known. */
		readonly machine?: MachineStats;
	};
	/** A preset began; `about` says what to watch for. */
	'scenario:started': {
		readonly name: string;
		readonly description: string;
		readonly about: string;
	};
	/** A preset ended: whether it met its own expectations, and what it checked. */
	'scenario:finished': {
		readonly name: string;
		readonly ok: boolean;
		readonly notes: readonly string[];
		readonly elapsedMs: number;
	};
	/** The orchestrator began stopping everything; `graceMs` until SIGKILL. */
	'orchestrator:stopping': {
		readonly graceMs: number;
		readonly deadline: number;
		/**
		 * The process groups sent SIGTERM: every live process's, and those of exited processes
		 * whose children live on in their group.
		 */
		readonly holding: readonly GroupLeader[];
	};
	/**
	 * While stopping, the groups still holding up the stop changed: these still have a living
	 * member. Empty once every group is gone.
	 */
	'orchestrator:waiting': {
		readonly holding: readonly GroupLeader[];
	};
	'orchestrator:stopped': {
		/** Pids still alive after the stop, which should be none. */
		readonly survivors: readonly number[];
		/**
		 * Processes that had left the process group procdash gave them (`setsid`), found by the
		 * token their environment carries, and stopped with the rest. Absent when none.
		 */
		readonly escaped?: readonly {readonly pid: number; readonly command: string}[];
	};
} & PoolEventMap &
	ReportEventMap &
	SyncEventMap;

/** The name of an event. */
export type EventType = keyof EventMap;

/** What every event carries besides its payload. */
export type EventEnvelope<K extends EventType = EventType> = {
	readonly type: K;
	/** Monotonic: one more than the event before it on the same bus. */
	readonly seq: number;
	/** Milliseconds since the orchestrator (its bus) started. */
	readonly at: number;
};

/** One event of a given type, envelope and payload together. */
export type EventOf<K extends EventType> = EventEnvelope<K> & EventMap[K];

/** Any event: a union discriminated by `type`. */
export type BusEvent = {[K in EventType]: EventOf<K>}[EventType];

/** A listener of every event. */
export type Listener = (event: BusEvent) => void;
