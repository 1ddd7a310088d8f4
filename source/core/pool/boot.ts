import {PoolBrokenError, toErrorInfo} from '../errors.js';
import type {Member} from '../orchestrator/orchestrator.js';

// Workers that die before they are ready, one after another, before the pool gives up: a worker
// that cannot boot would otherwise be replaced forever (CPython's pool does just that).
const maxBootFailures = 3;

/**
 * When a pool must give up starting workers and break, and why: a worker cannot be started and
 * none is left to run the queue; a worker threw before it was ready (its initializer failed, or its
 * module could not load: every new one would too); or `maxBootFailures` workers in a row died
 * before they were ready.
 */
export class BootFailures {
	readonly #pool: string;
	#inARow = 0;

	constructor(pool: string) {
		this.#pool = pool;
	}

	/** A worker became ready: the count of failures in a row starts over. */
	ready(): void {
		this.#inARow = 0;
	}

	/** Why the pool breaks: a worker could not be started, for `error`, and it has none left. */
	cannotStart(error: unknown): Error {
		const {name, message} = toErrorInfo(error);
		return new PoolBrokenError(`${this.#pool}: cannot start a worker: ${name}: ${message}`, {
			cause: error,
		});
	}

	/** Why the pool breaks now that `worker` died before it was ready; undefined to try another. */
	diedBeforeReady(worker: Member): Error | undefined {
		const thrown = worker.error;
		if (thrown) {
			thrown.message = `${this.#pool}: worker ${worker.name} failed before it was ready: ${thrown.message}`;
			return thrown;
		}
		if (++this.#inARow < maxBootFailures) return undefined;
		const why = `${maxBootFailures} workers in a row died before they were ready (the last, ${worker.name}, with exit code ${worker.exitcode})`;
		return new PoolBrokenError(`${this.#pool}: ${why}`);
	}
}
