import {ProcessStateError, rebuildError} from '../errors.js';
import type {ErrorInfo, EventBus, ProcessKind} from '../events/index.js';
import {checkTimeout} from '../util/validate.js';

/** Whose outcome it is: the process or thread as the bus names it. */
export type OutcomeOwner = {
	readonly id: number;
	readonly name: string;
	readonly kind: ProcessKind;
};

/**
 * What became of a started Process or Thread, kept in one place and told to the bus as it is
 * learnt: what its task returned or threw, and its exit code. `join()` waits for the exit.
 */
export class Outcome {
	readonly #bus: EventBus;
	readonly #owner: OutcomeOwner;
	readonly #hold: (held: boolean) => void;
	#exitcode: number | null = null;
	#returned: {value: unknown} | undefined;
	#error: ErrorInfo | undefined;
	#joiners = 0;

	/**
	 * `hold(true)` is called when a first caller begins to wait in `join()`, `hold(false)` when the
	 * last stops: a daemon does not keep its program alive, but a program waiting for it must stay
	 * alive to see it end, as CPython's join() blocks.
	 */
	constructor(bus: EventBus, owner: OutcomeOwner, hold: (held: boolean) => void) {
		this.#bus = bus;
		this.#owner = owner;
		this.#hold = hold;
	}

	/** null until the exit; then the exit code. */
	get exitcode(): number | null {
		return this.#exitcode;
	}

	/** What the task returned, once it has. */
	get result(): unknown {
		return this.#returned?.value;
	}

	/** True once the task has returned. */
	get hasReturned(): boolean {
		return this.#returned !== undefined;
	}

	/**
	 * The error the task threw (or why it could not start), rebuilt: a built-in class or one of
	 * procdash's as itself, any other as a RemoteError. A new one at each read.
	 */
	get error(): Error | undefined {
		return this.#error ? rebuildError(this.#error) : undefined;
	}

	/** True once the task has thrown (or could not start). */
	get hasThrown(): boolean {
		return this.#error !== undefined;
	}

	/** The task returned `value`. */
	returned(value: unknown): void {
		this.#returned = {value};
		this.#bus.emit('process:returned', {id: this.#owner.id, name: this.#owner.name, value});
	}

	/** The task threw `error`, or could not start for that reason. */
	threw(error: ErrorInfo): void {
		this.#error = error;
		this.#bus.emit('process:error', {id: this.#owner.id, name: this.#owner.name, error});
	}

	/** It exited with `exitcode`; `signal` names the signal that ended it, if one did. */
	exited(exitcode: number, pid: number | undefined, signal: NodeJS.Signals | null): void {
		this.#exitcode = exitcode;
		this.#bus.emit('process:exited', {
			id: this.#owner.id,
			name: this.#owner.name,
			pid,
			exitcode,
			signal,
		});
	}

	/**
	 * join(): waits for `exited` (undefined when it never started), or for `timeoutMs` to pass with
	 * it still running. Resolves to the exitcode, or null when the wait timed out.
	 */
	async join(exited: Promise<void> | undefined, timeoutMs?: number): Promise<number | null> {
		checkTimeout('join()', timeoutMs);
		const noun = this.#owner.kind === 'thread' ? 'thread' : 'process';
		if (!exited) throw new ProcessStateError(`can only join a started ${noun}`);
		if (++this.#joiners === 1) this.#hold(true);
		try {
			if (timeoutMs === undefined) {
				await exited;
				return this.#exitcode;
			}
			let timer: NodeJS.Timeout | undefined;
			const timedOut = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, timeoutMs);
			});
			await Promise.race([exited, timedOut]);
			clearTimeout(timer);
			return this.#exitcode;
		} finally {
			if (--this.#joiners === 0) this.#hold(false);
		}
	}
}
