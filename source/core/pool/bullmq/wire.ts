// What a bullmq pool and `procdash worker` say to each other through Redis: a job's data (one
// chunk of a call) and its return value (the chunk's values, or the error it ended with). Both are
// JSON, the one format every machine reads the same.
import type {ErrorInfo} from '../../events/index.js';

/** The data of one BullMQ job: one chunk of a pool call's items. */
export type ChunkData = {
	/** The pool's tag, unique across machines: no other pool takes this job's result. */
	readonly pool: string;
	/** The pool's id of the task (the chunk). */
	readonly taskId: number;
	/** The task's module, relative to the pool's root; the worker resolves it under its own `--root`. */
	readonly module: string;
	readonly exportName: string;
	/** Call `fn(...item)` rather than `fn(item)`. */
	readonly spread: boolean;
	readonly items: readonly unknown[];
	/** Times the worker runs the chunk again when the process running it dies. */
	readonly retries: number;
};

/** Where a chunk ran: the machine, and the `procdash worker` there. */
export type RanOn = {
	readonly host: string;
	/** The pid of `procdash worker` on that host. */
	readonly pid: number;
	/** How long the chunk ran there, in milliseconds. */
	readonly ms: number;
};

/** The return value of one BullMQ job: the chunk's values in order, or the error it failed with. */
export type ChunkOutcome = RanOn &
	(
		| {readonly ok: true; readonly values: readonly unknown[]}
		| {readonly ok: false; readonly error: ErrorInfo}
	);

/** The name of every job a bullmq pool queues (BullMQ's job name): what the jobs are, for a person looking at the queue. */
export const chunkJobName = 'procdash-chunk';

/** Whether a job's return value is a chunk's outcome (a job of another program on the queue is not). */
export function isChunkOutcome(value: unknown): value is ChunkOutcome {
	if (typeof value !== 'object' || value === null) return false;
	const outcome = value as {ok?: unknown; host?: unknown};
	return typeof outcome.ok === 'boolean' && typeof outcome.host === 'string';
}
