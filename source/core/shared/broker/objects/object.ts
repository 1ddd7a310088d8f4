import type {Actor, EventBus} from '../../../events/index.js';

/**
 * A waiting object in the broker (a queue, a pipe, an event, a semaphore …). Its proxies call
 * its methods by name; each call is applied whole before the next, which is what makes it atomic
 * across processes and threads.
 */
export interface BrokerObject {
	readonly id: number;
	readonly name: string;
	/**
	 * Applies `method` for `actor`: a value at once, or a promise for a call that waits. Throws
	 * (or rejects with) the error the caller should see.
	 */
	call(method: string, args: readonly unknown[], actor: Actor): unknown;
	/** `actorId` is gone: it waits for nothing now, and what it held is released. */
	actorExited(actorId: number): void;
	/** The actor it waits for through this object, when one holds what `actorId` waits for. */
	holderFor?(actorId: number): Actor | undefined;
}

/** What a broker object needs from its broker. */
export type ObjectContext = {
	readonly bus: EventBus;
	readonly id: number;
	readonly name: string;
	/** Looks for a deadlock after `actor` began to wait. */
	readonly waited: (actor: Actor) => void;
};

/** A method the object does not have: a TypeError naming it. */
export function noSuchMethod(name: string, method: string): TypeError {
	return new TypeError(`${name} has no operation ${method}`);
}
