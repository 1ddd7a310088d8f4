import type {AbortError} from '../errors.js';
import type {PoolJob} from './jobs.js';

/** Where a pool is in its life. */
export type PoolState = 'running' | 'closed' | 'terminated' | 'broken';

/**
 * What runs a pool's tasks: the local scheduler (processes or threads of this machine) or the
 * bullmq dispatcher (procdash workers on other machines). Everything the caller sees above it —
 * options, chunking, order, errors, cancellation — is the Pool's and the jobs', the same for both;
 * an engine starts workers (or reaches them), dispatches chunks, and reports results and deaths
 * as the pool's events.
 */
export type PoolEngine = {
	/** running, closed (no new work), terminated, or broken. */
	readonly state: PoolState;
	/** Why the pool broke or was terminated, when it was. */
	readonly failure: Error | undefined;
	/** Queues `job`'s items in chunks of `chunksize`; throws PoolQueueFullError when over `maxQueue`. */
	submit(job: PoolJob, items: readonly unknown[], chunksize: number): void;
	/** Cancels `job`: what is not yet answered fails with `error`. */
	cancel(job: PoolJob, error: AbortError): void;
	/** No new work. */
	close(): void;
	/** Resolves once every task has settled and every worker (or connection) is gone. */
	idle(): Promise<void>;
	/** Fails every outstanding task and stops now. */
	terminate(): Promise<void>;
};
