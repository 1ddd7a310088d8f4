import {BrokenBarrierError} from '../../../errors.js';
import type {Actor, SyncState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {emitSync} from './sync-emit.js';
import {ref, type Waiter, WaitLine} from './wait-line.js';

/** Who could still come to a barrier: the processes and threads it was handed to. */
export type Recipients = {
	/** Actor ids it was handed to that are still alive. */
	readonly alive: Set<number>;
	/** Set once it was handed where the broker cannot follow (a pool's tasks). */
	openEnded: boolean;
};

/**
 * A Barrier in the broker: `parties` callers meet, each gets a distinct index (arrival order,
 * as CPython's), and all leave together once the last arrives — after `action`, run in the
 * owner. A timeout, an abort or a reset breaks it for every waiter; so does the death of the
 * last party that could still have come, where CPython would wait forever.
 */
export class BrokerBarrier implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #parties: number;
	readonly #timeoutMs: number | undefined;
	#action: (() => unknown) | undefined;
	#broken = false;
	#passed = 0;
	readonly #waiters = new WaitLine<number, number>();
	readonly recipients: Recipients = {alive: new Set(), openEnded: false};
	// The owner takes part once it has waited itself; it never exits under the broker.
	#ownerTakesPart = false;
	// A party it was handed to that exited without ever arriving: from then on, a wait checks
	// whether it can still fill. Who has arrived, so that a party done with it does not count.
	#gone: Actor | undefined;
	readonly #arrived = new Set<number>();

	constructor(context: ObjectContext, parties: number, timeoutMs: number | undefined) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#parties = parties;
		this.#timeoutMs = timeoutMs;
		emitSync(context, 'sync:created', 'barrier', this.#state(), {});
	}

	/** The function the last party runs (in the owner) before all leave. */
	setAction(action: (() => unknown) | undefined): void {
		this.#action = action;
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		switch (method) {
			case 'wait':
				return this.#wait(actor, (args[0] as number | undefined) ?? this.#timeoutMs);
			case 'abort':
				this.#break(actor, `aborted by ${actor.name}`);
				return undefined;
			case 'reset':
				return this.#reset(actor);
			case 'nWaiting':
				return this.#waiters.length;
			case 'broken':
				return this.#broken;
		}
		throw noSuchMethod(this.name, method);
	}

	actorExited(actorId: number): void {
		const gone = this.#waiters.removeActor(actorId);
		for (const waiter of gone) {
			emitSync(this.#context, 'sync:waiter-exited', 'barrier', this.#state(), {
				by: ref(waiter.actor),
			});
		}
		if (!this.recipients.alive.delete(actorId) && gone.length === 0) return;
		const last = gone[0]?.actor ?? {id: actorId, name: `#${actorId}`, pid: 0};
		if (!this.#arrived.has(actorId)) this.#gone = last;
		this.#checkReachable(last);
	}

	#wait(actor: Actor, timeoutMs: number | undefined): unknown {
		if (actor.id === 0) this.#ownerTakesPart = true;
		this.#arrived.add(actor.id);
		if (this.#broken) throw new BrokenBarrierError(`${this.name} is broken`);
		const index = this.#waiters.length;
		if (index + 1 === this.#parties) return this.#pass(actor);
		const wait = this.#waiters.wait(actor, this.#context.bus.now(), index, timeoutMs, (waiter) => {
			// The waiter left the line already; breaking rejects the others, then it.
			this.#break(waiter.actor, `${waiter.actor.name} waited ${timeoutMs} ms`);
			waiter.reject(
				new BrokenBarrierError(
					`${this.name} is broken: ${waiter.actor.name} waited ${timeoutMs} ms`,
				),
			);
		});
		emitSync(this.#context, 'sync:waiting', 'barrier', this.#state(), {by: ref(actor)});
		// A party died before these arrived: they must not wait for it forever.
		if (this.#gone) this.#checkReachable(this.#gone);
		return wait;
	}

	async #pass(actor: Actor): Promise<number> {
		const index = this.#waiters.length;
		const action = this.#action;
		if (action) {
			try {
				await action();
			} catch (error) {
				this.#break(actor, `its action threw: ${(error as Error)?.message ?? String(error)}`);
				throw error;
			}
			if (this.#broken) throw new BrokenBarrierError(`${this.name} is broken`);
		}
		const parties: Waiter<number, number>[] = this.#waiters.drain();
		this.#passed++;
		emitSync(this.#context, 'barrier:passed', 'barrier', this.#state(), {
			by: ref(actor),
			parties: [...parties.map((waiter) => ref(waiter.actor)), ref(actor)],
		});
		for (const waiter of parties) waiter.resolve(waiter.data);
		return index;
	}

	#reset(actor: Actor): void {
		const waiters = this.#waiters.drain();
		this.#broken = false;
		emitSync(this.#context, 'barrier:reset', 'barrier', this.#state(), {by: ref(actor)});
		for (const waiter of waiters) {
			waiter.reject(new BrokenBarrierError(`${this.name} was reset by ${actor.name}`));
		}
	}

	#break(actor: Actor, reason: string): void {
		const waiters = this.#waiters.drain();
		const already = this.#broken;
		this.#broken = true;
		if (!already || waiters.length > 0)
			emitSync(this.#context, 'barrier:broken', 'barrier', this.#state(), {by: ref(actor), reason});
		for (const waiter of waiters) {
			waiter.reject(new BrokenBarrierError(`${this.name} is broken: ${reason}`));
		}
	}

	// After a death: breaks the barrier when fewer parties could still come than it lacks — those
	// it was handed to that are alive and not waiting already (and the owner, once it took part).
	// Checked at a wait only once a party has left without arriving: before that, the parent may not have started
	// the other parties yet.
	#checkReachable(last: Actor): void {
		if (this.#broken || this.#waiters.length === 0 || this.recipients.openEnded) return;
		if (this.recipients.alive.size === 0 && !this.#ownerTakesPart) return;
		const waiting = new Set(this.#waiters.list().map((waiter) => waiter.actor.id));
		let could = 0;
		for (const id of this.recipients.alive) if (!waiting.has(id)) could++;
		if (this.#ownerTakesPart && !waiting.has(0)) could++;
		const lacking = this.#parties - this.#waiters.length;
		if (could >= lacking) return;
		this.#break(
			last,
			`${lacking} more ${lacking === 1 ? 'party' : 'parties'} needed, but only ${could} could still come (${last.name} is gone)`,
		);
	}

	#state(): SyncState {
		return {
			holders: [],
			waiters: this.#waiters.actors(),
			parties: this.#parties,
			broken: this.#broken,
			passed: this.#passed,
		};
	}
}
