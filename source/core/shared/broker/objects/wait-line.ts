import type {Actor} from '../../../events/index.js';

/** One caller waiting in the broker: who, since when, and how to answer it. */
export type Waiter<T, D = undefined> = {
	readonly actor: Actor;
	/** The bus's `now()` when it began to wait. */
	readonly since: number;
	/** What the waiter brought (a putter's item, a receiver's end …). */
	readonly data: D;
	readonly resolve: (value: T) => void;
	readonly reject: (error: Error) => void;
	timer?: NodeJS.Timeout;
};

/**
 * A first-in, first-out line of callers waiting in the broker, each with an optional timeout.
 * The line keeps nobody alive: a timer is the only thing that ends a wait besides being served.
 */
export class WaitLine<T, D = undefined> {
	readonly #waiters: Waiter<T, D>[] = [];

	get length(): number {
		return this.#waiters.length;
	}

	/** The actors in line, first first. */
	actors(): Actor[] {
		return this.#waiters.map(({actor}) => ({id: actor.id, name: actor.name, pid: actor.pid}));
	}

	/** The waiters in line, first first (a copy). */
	list(): readonly Waiter<T, D>[] {
		return [...this.#waiters];
	}

	/**
	 * Puts `actor` at the end of the line; `onTimeout` runs (after it left the line) when
	 * `timeoutMs` passes first, and settles the wait itself.
	 */
	wait(
		actor: Actor,
		since: number,
		data: D,
		timeoutMs: number | undefined,
		onTimeout: (waiter: Waiter<T, D>) => void,
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const waiter: Waiter<T, D> = {actor, since, data, resolve, reject};
			this.#waiters.push(waiter);
			if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
				waiter.timer = setTimeout(() => {
					if (this.remove(waiter)) onTimeout(waiter);
				}, timeoutMs);
			}
		});
	}

	/** The first in line, out of the line (its timer stopped), or undefined. */
	shift(): Waiter<T, D> | undefined {
		const waiter = this.#waiters.shift();
		if (waiter) clearTimeout(waiter.timer);
		return waiter;
	}

	/** The first in line, still in it. */
	peek(): Waiter<T, D> | undefined {
		return this.#waiters[0];
	}

	/** Takes `waiter` out of the line; false when it was not in it. */
	remove(waiter: Waiter<T, D>): boolean {
		const index = this.#waiters.indexOf(waiter);
		if (index === -1) return false;
		this.#waiters.splice(index, 1);
		clearTimeout(waiter.timer);
		return true;
	}

	/** Takes every waiter of `actorId` out of the line, and returns them. */
	removeActor(actorId: number): Waiter<T, D>[] {
		const gone = this.#waiters.filter((waiter) => waiter.actor.id === actorId);
		for (const waiter of gone) this.remove(waiter);
		return gone;
	}

	/** Empties the line, and returns who was in it. */
	drain(): Waiter<T, D>[] {
		const all = [...this.#waiters];
		for (const waiter of all) this.remove(waiter);
		return all;
	}
}

/** An actor as events carry it: only its id, name and pid. */
export function ref(actor: Actor): Actor {
	return {id: actor.id, name: actor.name, pid: actor.pid};
}
