/**
 * What a row of the process table runs: a task function in a child process, an executable, or a
 * task function in a worker thread of this process (a Thread).
 */
export type ProcessKind = 'task' | 'command' | 'thread';

/** Which probe of a scenario file's process: whether it is ready, or still alive. */
export type ProbeKind = 'readiness' | 'liveness';

/** A value JSON carries as it is. */
export type JsonValue =
	| null
	| boolean
	| number
	| string
	| readonly JsonValue[]
	| {readonly [key: string]: JsonValue};

/** An error as it crosses a process boundary: plain data, never a live object. */
export type ErrorInfo = {
	readonly name: string;
	readonly message: string;
	readonly stack?: string;
	/** Its `code`, when a string (Node's `ENOENT`, `ERR_…`, or a class's own). */
	readonly code?: string;
	/**
	 * Its other own enumerable properties (a custom class's `code`, `status`, `errno` …) whose
	 * values JSON carries as they are, each small; the rest are left behind.
	 */
	readonly fields?: {readonly [key: string]: JsonValue};
	/** Its `cause`: an error, or a value JSON carries; a few levels deep at most. */
	readonly cause?: {readonly error: ErrorInfo} | {readonly value: JsonValue};
};

/** Resource use of one OS process, sampled by the stats sampler. */
export type ProcessStats = {
	readonly pid: number;
	readonly ppid: number;
	/** Percent of one core over the last sampling interval. */
	readonly cpu: number;
	/** Resident set size in bytes. */
	readonly memory: number;
	/** The executable's name as the kernel reports it (`comm`). */
	readonly command: string;
	/** Set while the process is stopped (SIGSTOP): state `T` in /proc. */
	readonly stopped?: true;
};

/** CPU use of one Thread (a worker thread of the orchestrator's process), by the sampler. */
export type ThreadStats = {
	/** The Thread's id on its orchestrator (its process row). */
	readonly id: number;
	/** The kernel's id of the thread (Linux). */
	readonly tid: number;
	/** Percent of one core over the last sampling interval. */
	readonly cpu: number;
};

/** Who did something to shared state: a process procdash started (id > 0) or the owner (id 0). */
export type Actor = {
	readonly id: number;
	readonly name: string;
	readonly pid: number;
};

/** One step of a deadlock: `process` waits for `waitsFor`, which `heldBy` holds. */
export type DeadlockLink = {
	readonly process: string;
	readonly pid: number;
	readonly waitsFor: string;
	readonly lockId: number;
	readonly heldBy: string;
};

/** A process procdash started, as the leader of its process group (whose pgid is `pid`). */
export type GroupLeader = {
	/** The process's id in its orchestrator. */
	readonly id: number;
	readonly name: string;
	readonly pid: number;
};

/** A number, or a bigint for the 64-bit typecodes. */
export type SharedScalar = number | bigint;

/** The machine's load, from /proc on Linux, from systeminformation elsewhere. */
export type MachineStats = {
	/** Percent of all cores busy since the previous sample. */
	readonly cpu: number;
	readonly cores: number;
	/** Bytes in use (not counting caches) and in all. */
	readonly memoryUsed: number;
	readonly memoryTotal: number;
};
