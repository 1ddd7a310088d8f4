import type {ProcessKind} from '../events/index.js';
import type {StopCommand} from '../process/stop-command.js';

/**
 * What an orchestrator runs and steers: a child process (Process) or a worker thread of this
 * process (Thread). The orchestrator, its stop and its stats know members only through this.
 */
export interface Member {
	/** Unique within the orchestrator: the key of the member in snapshots and events. */
	readonly id: number;
	/** The name shown everywhere. */
	readonly name: string;
	/** `task`, `command` or `thread`. */
	readonly kind: ProcessKind;
	/** A daemon is ended when its orchestrator closes, and does not hold the program open. */
	readonly daemon: boolean;
	/** The OS pid once started (a thread's is its process's); undefined before. */
	readonly pid: number | undefined;
	/** For a thread, the kernel's id of its thread (Linux); a process has none. */
	readonly tid?: number | undefined;
	/** null while alive (or not started); 0 on success; N for exit(N); −N when ended by signal N. */
	readonly exitcode: number | null;
	/** What the task returned, once it has. */
	readonly result: unknown;
	/** The error the task threw, or why the member could not start. */
	readonly error: Error | undefined;
	/** True between a successful start and the exit. */
	isAlive(): boolean;
	/** Starts it; resolves once it runs. */
	start(): Promise<void>;
	/** Waits for the exit, or for `timeoutMs`; resolves to the exitcode, or null on timeout. */
	join(timeoutMs?: number): Promise<number | null>;
	/** SIGTERM (a thread: asked to end). False when not alive. */
	terminate(): boolean;
	/** SIGKILL (a thread: ended at once). False when not alive. */
	kill(): boolean;
	/** SIGSTOP; false where it does not apply. */
	pause(): boolean;
	/** SIGCONT; false where it does not apply. */
	resume(): boolean;
	/** The signal a stop sends first (SIGTERM unless the member was given another). */
	readonly stopSignal: NodeJS.Signals;
	/** The grace period its own options give; undefined when the orchestrator's applies. */
	readonly stopGraceMs?: number | undefined;
	/** A command its stop runs before the stop signal, if its options give one. */
	readonly stopCommand?: StopCommand | undefined;
	/** Sends `signal`; false when not alive or not applicable. */
	signal(signal: NodeJS.Signals): boolean;
	/** Terminates, waits up to a grace period, then kills; resolves to the exitcode. */
	stop(graceMs?: number): Promise<number | null>;
	/** Sends one of the runtime's own messages; false when it cannot be received. */
	postMessage(message: object, transfer?: readonly ArrayBuffer[]): boolean;
	/** Calls `listener` with the runtime's own messages; returns the unsubscribe function. */
	onMessage(listener: (message: unknown) => void): () => void;
}
