import type {Actor, SyncState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {emitSync} from './sync-emit.js';
import {ref, WaitLine} from './wait-line.js';

/** An Event in the broker: a flag, and who waits for it to be set. */
export class BrokerEvent implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	#set = false;
	readonly #waiters = new WaitLine<boolean>();

	constructor(context: ObjectContext) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		emitSync(context, 'sync:created', 'event', this.#state(), {});
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'set': {
				this.#set = true;
				const woken = this.#waiters.drain();
				emitSync(this.#context, 'event:set', 'event', this.#state(), {by: ref(actor)});
				for (const waiter of woken) waiter.resolve(true);
				return undefined;
			}
			case 'clear':
				this.#set = false;
				emitSync(this.#context, 'event:cleared', 'event', this.#state(), {by: ref(actor)});
				return undefined;
			case 'isSet':
				return this.#set;
			case 'wait':
				return this.#wait(actor, args[0] as number | undefined);
		}
		throw noSuchMethod(this.name, method);
	}

	actorExited(actorId: number): void {
		for (const waiter of this.#waiters.removeActor(actorId)) {
			emitSync(this.#context, 'sync:waiter-exited', 'event', this.#state(), {
				by: ref(waiter.actor),
			});
		}
	}

	#wait(actor: Actor, timeoutMs: number | undefined): unknown {
		if (this.#set) return true;
		if (timeoutMs === 0) return false;
		const wait = this.#waiters.wait(
			actor,
			this.#context.bus.now(),
			undefined,
			timeoutMs,
			(waiter) => {
				emitSync(this.#context, 'sync:timed-out', 'event', this.#state(), {by: ref(waiter.actor)});
				waiter.resolve(false);
			},
		);
		emitSync(this.#context, 'sync:waiting', 'event', this.#state(), {by: ref(actor)});
		return wait;
	}

	#state(): SyncState {
		return {holders: [], waiters: this.#waiters.actors(), set: this.#set};
	}
}
