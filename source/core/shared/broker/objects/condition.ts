import {LockReleaseError} from '../../../errors.js';
import type {Actor, SyncState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {BrokerRLock, type ConditionLock} from './rlock.js';
import {emitSync} from './sync-emit.js';
import {ref, WaitLine} from './wait-line.js';

/**
 * A Condition in the broker: a lock (its own RLock unless it was given one) and the line of
 * those waiting to be notified. `wait` lets go of the lock, waits for a notify (or its
 * timeout), and takes the lock again before it returns, as CPython's does.
 */
export class BrokerCondition implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #lock: ConditionLock;
	readonly #own: BrokerRLock | undefined;
	readonly #waiters = new WaitLine<boolean>();

	constructor(context: ObjectContext, lock?: ConditionLock) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#own = lock
			? undefined
			: new BrokerRLock(context, 'condition', () => this.#waiters.actors());
		this.#lock = lock ?? (this.#own as BrokerRLock);
		emitSync(context, 'sync:created', 'condition', this.#state(), {});
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'acquire':
				return this.#lock.acquire(actor, args[0] !== false, args[1] as number | undefined);
			case 'release':
				return this.#lock.release(actor);
			case 'wait':
				return this.#wait(actor, args[0] as number | undefined);
			case 'notify':
				return this.#notify(actor, (args[0] as number | undefined) ?? 1);
			case 'notifyAll':
				return this.#notify(actor, Number.POSITIVE_INFINITY);
		}
		throw noSuchMethod(this.name, method);
	}

	holderFor(actorId: number): Actor | undefined {
		return this.#own?.holderFor(actorId);
	}

	actorExited(actorId: number): void {
		for (const waiter of this.#waiters.removeActor(actorId)) {
			emitSync(this.#context, 'sync:waiter-exited', 'condition', this.#state(), {
				by: ref(waiter.actor),
			});
		}
		this.#own?.actorExited(actorId);
	}

	async #wait(actor: Actor, timeoutMs: number | undefined): Promise<boolean> {
		this.#mustHold(actor, 'wait');
		const depth = this.#lock.releaseAll(actor);
		const notified =
			timeoutMs === 0
				? false
				: this.#waiters.wait(actor, this.#context.bus.now(), undefined, timeoutMs, (waiter) => {
						emitSync(this.#context, 'sync:timed-out', 'condition', this.#state(), {
							by: ref(waiter.actor),
						});
						waiter.resolve(false);
					});
		if (timeoutMs !== 0)
			emitSync(this.#context, 'sync:waiting', 'condition', this.#state(), {by: ref(actor)});
		const result = await notified;
		await this.#lock.restore(actor, depth);
		return result;
	}

	#notify(actor: Actor, n: number): number {
		this.#mustHold(actor, n === Number.POSITIVE_INFINITY ? 'notifyAll' : 'notify');
		if (!(n >= 0)) throw new RangeError(`${this.name}.notify(n): n must be 0 or more, got ${n}`);
		const woken = [];
		while (woken.length < n) {
			const waiter = this.#waiters.shift();
			if (!waiter) break;
			woken.push(waiter);
		}
		emitSync(this.#context, 'condition:notified', 'condition', this.#state(), {
			by: ref(actor),
			woken: woken.length,
		});
		for (const waiter of woken) waiter.resolve(true);
		return woken.length;
	}

	#mustHold(actor: Actor, method: string): void {
		if (this.#lock.holds(actor.id)) return;
		throw new LockReleaseError(
			`${this.name}.${method}() without holding its lock: acquire it first (Python's RuntimeError)`,
		);
	}

	#state(): SyncState {
		return {
			holders: this.#lock.holders(),
			waiters: [...this.#lock.waiters(), ...this.#waiters.actors()],
		};
	}
}
