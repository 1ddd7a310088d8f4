import {ConnectionClosedError} from '../../../errors.js';
import type {Actor, PipeState} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {ref, WaitLine} from './wait-line.js';

export type End = 'a' | 'b';

type Reader = 'recv' | 'poll';

type EndState = {
	readonly inbox: unknown[];
	readonly receivers: WaitLine<unknown, Reader>;
	sent: number;
	closed: boolean;
	/** The processes and threads this end was handed to that are alive. */
	readonly alive: Set<number>;
	handed: boolean;
	/** The owner sent or received on this end itself: it keeps it open while it lives. */
	ownerUses: boolean;
	/** A send through this end that failed with nobody waiting: thrown at the end's next call. */
	failedSend: Error | undefined;
};

const other = (end: End): End => (end === 'a' ? 'b' : 'a');

/**
 * A Pipe in the broker: two ends, each with the messages sent to it and who waits to receive.
 * `recv` on an end whose other end is closed (or gone: every process it was handed to has
 * exited, and the owner never used it) and drained throws ConnectionClosedError, as CPython's
 * raises EOFError — but without waiting for the garbage collector of a dead peer.
 */
export class BrokerPipe implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #duplex: boolean;
	readonly #ends: Record<End, EndState> = {a: newEnd(), b: newEnd()};

	constructor(context: ObjectContext, duplex: boolean) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#duplex = duplex;
		this.#emit('pipe:created');
	}

	/** The end `end` was handed to `actorId`. */
	handedTo(end: End, actorId: number): void {
		this.#ends[end].handed = true;
		this.#ends[end].alive.add(actorId);
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		const end = args[0] as End;
		if (end !== 'a' && end !== 'b') throw new TypeError(`${this.name}: no end ${String(end)}`);
		const state = this.#ends[end];
		if (actor.id === 0 && method !== 'close') state.ownerUses = true;
		const failed = state.failedSend;
		if (failed) {
			state.failedSend = undefined;
			throw failed;
		}
		switch (method) {
			case 'send':
				try {
					return this.#send(end, args[1], actor);
				} catch (error) {
					// A send nobody waits for: its error waits for this end's next call.
					if (args[2] !== true) throw error;
					state.failedSend = error as Error;
					return undefined;
				}
			case 'recv':
				return this.#receive(end, actor, 'recv', undefined);
			case 'poll':
				return this.#receive(end, actor, 'poll', args[1] as number | undefined);
			case 'close':
				return this.#close(end, actor);
		}
		throw noSuchMethod(this.name, method);
	}

	actorExited(actorId: number): void {
		for (const end of ['a', 'b'] as const) {
			const state = this.#ends[end];
			state.receivers.removeActor(actorId);
			const wasGone = this.#gone(end);
			state.alive.delete(actorId);
			if (!wasGone && this.#gone(end)) this.#hangUp(end);
		}
	}

	#send(end: End, item: unknown, actor: Actor): void {
		const from = this.#ends[end];
		if (from.closed) throw new ConnectionClosedError(`${this.name}: end ${end} is closed`);
		if (!this.#duplex && end === 'a')
			throw new ConnectionClosedError(`${this.name}: end a of a one-way pipe only receives`);
		const to = this.#ends[other(end)];
		if (this.#gone(other(end)))
			throw new ConnectionClosedError(`${this.name}: the other end is closed (broken pipe)`);
		from.sent++;
		to.inbox.push(item);
		// Pollers learn there is something; the first receiver takes it.
		for (const waiter of to.receivers.list()) {
			if (waiter.data !== 'poll') continue;
			to.receivers.remove(waiter);
			waiter.resolve(true);
		}
		const receiver = to.receivers.shift();
		if (receiver) receiver.resolve(to.inbox.shift());
		this.#emit('pipe:sent', actor, end);
		if (receiver) this.#emit('pipe:received', receiver.actor, other(end));
	}

	#receive(end: End, actor: Actor, reader: Reader, timeoutMs: number | undefined): unknown {
		const state = this.#ends[end];
		if (state.closed) throw new ConnectionClosedError(`${this.name}: end ${end} is closed`);
		if (!this.#duplex && end === 'b')
			throw new ConnectionClosedError(`${this.name}: end b of a one-way pipe only sends`);
		if (state.inbox.length > 0) {
			if (reader === 'poll') return true;
			const item = state.inbox.shift();
			this.#emit('pipe:received', actor, end);
			return item;
		}
		if (this.#gone(other(end))) {
			if (reader === 'poll') return true;
			throw new ConnectionClosedError(`${this.name}: the other end is closed and nothing is left`);
		}
		if (reader === 'poll' && (timeoutMs === undefined || timeoutMs <= 0)) return false;
		const wait = state.receivers.wait(
			actor,
			this.#context.bus.now(),
			reader,
			reader === 'poll' ? timeoutMs : undefined,
			(waiter) => waiter.resolve(false),
		);
		this.#emit('pipe:waiting', actor, end);
		return wait;
	}

	#close(end: End, actor: Actor): void {
		const state = this.#ends[end];
		if (state.closed) return;
		const wasGone = this.#gone(end);
		state.closed = true;
		for (const waiter of state.receivers.drain()) {
			waiter.reject(new ConnectionClosedError(`${this.name}: end ${end} was closed`));
		}
		this.#emit('pipe:closed', actor, end);
		if (!wasGone) this.#hangUp(end);
	}

	// `end` is closed or gone: whoever waits on the other end, with nothing left, learns it.
	#hangUp(end: End): void {
		const to = this.#ends[other(end)];
		if (to.inbox.length > 0) return;
		for (const waiter of to.receivers.drain()) {
			if (waiter.data === 'poll') waiter.resolve(true);
			else
				waiter.reject(
					new ConnectionClosedError(`${this.name}: the other end is closed and nothing is left`),
				);
		}
	}

	#gone(end: End): boolean {
		const state = this.#ends[end];
		return state.closed || (state.handed && state.alive.size === 0 && !state.ownerUses);
	}

	#state(): PipeState {
		const {a, b} = this.#ends;
		return {
			duplex: this.#duplex,
			inFlight: {a: a.inbox.length, b: b.inbox.length},
			sent: {a: a.sent, b: b.sent},
			receivers: {a: a.receivers.actors(), b: b.receivers.actors()},
			closed: {a: a.closed, b: b.closed},
		};
	}

	#emit(type: 'pipe:created'): void;
	#emit(
		type: 'pipe:sent' | 'pipe:received' | 'pipe:waiting' | 'pipe:closed',
		by: Actor,
		end: End,
	): void;
	#emit(type: string, by?: Actor, end?: End): void {
		const payload = {
			id: this.id,
			name: this.name,
			state: this.#state(),
			...(by ? {by: ref(by), end} : {}),
		};
		(this.#context.bus.emit as (type: string, payload: object) => void)(type, payload);
	}
}

function newEnd(): EndState {
	return {
		inbox: [],
		receivers: new WaitLine<unknown, Reader>(),
		sent: 0,
		closed: false,
		alive: new Set(),
		handed: false,
		ownerUses: false,
		failedSend: undefined,
	};
}
