import {Listeners} from '../util/listeners.js';
import {Ring} from '../util/ring.js';
import {checkWholeNumber} from '../util/validate.js';
import type {BusEvent, EventMap, EventOf, EventType, Listener} from './map.js';

/** Options of an EventBus. */
export type EventBusOptions = {
	/** How many past events to keep for late subscribers and the event pane. */
	readonly historySize?: number;
	/** The clock; tests pass a fixed one. */
	readonly now?: () => number;
};

/**
 * The typed, synchronous event bus. Listeners run in the order they subscribed, inside `emit`.
 * The last `historySize` events are kept in a ring buffer so that a subscriber that comes late
 * (the dashboard, a recorder) can replay what it missed.
 */
export class EventBus {
	readonly #listeners = new Listeners<BusEvent>();
	readonly #history: Ring<BusEvent>;
	readonly #now: () => number;
	readonly #startedAt: number;
	/**
	 * The wall-clock time (ms since the epoch) the bus started: an event's wall-clock time is this
	 * plus its `at` (in a replay, the replay's start, not the recorded run's).
	 */
	readonly startedWallClock = Date.now();
	#seq = 0;
	// Events emitted while listeners are being called wait here for their turn (see emit).
	readonly #pending: BusEvent[] = [];
	#delivered = 0;
	#delivering = false;

	constructor({historySize = 2000, now = () => performance.now()}: EventBusOptions = {}) {
		checkWholeNumber('EventBus()', 'historySize', historySize, 1);
		this.#history = new Ring(historySize);
		this.#now = now;
		this.#startedAt = now();
	}

	/** Milliseconds since the bus started, the clock of every event's `at`. */
	elapsed(): number {
		return this.#now() - this.#startedAt;
	}

	/** The `at` an event emitted now gets: whole milliseconds since the bus started. */
	now(): number {
		return Math.round(this.elapsed());
	}

	/**
	 * Emits one event to every listener and keeps it in the history. `at` is now, unless the
	 * caller read the clock already (`now()`) to measure a duration the event carries: the
	 * duration and the event's `at` then come from one reading.
	 *
	 * Every listener gets the events in `seq` order. An event emitted by a listener (the
	 * orchestrator releases a dead holder's locks when it hears `process:exited`) is delivered
	 * once every listener has had the event being delivered, not in the middle of it.
	 */
	emit<K extends EventType>(type: K, payload: EventMap[K], at: number = this.now()): EventOf<K> {
		const event = {
			type,
			seq: ++this.#seq,
			at,
			...payload,
		} as EventOf<K>;
		this.#history.push(event as BusEvent);
		this.#pending.push(event as BusEvent);
		if (!this.#delivering) this.#deliver();
		return event;
	}

	#deliver(): void {
		this.#delivering = true;
		try {
			while (this.#delivered < this.#pending.length) {
				this.#listeners.tell(this.#pending[this.#delivered++] as BusEvent);
			}
			this.#pending.length = 0;
			this.#delivered = 0;
		} finally {
			// A listener threw: the events after it stay pending, for the next emit to deliver.
			this.#delivering = false;
		}
	}

	/** Calls `listener` for each event from now on; returns the unsubscribe function. */
	subscribe(listener: Listener): () => void {
		return this.#listeners.add(listener);
	}

	/**
	 * The next event of `type` (and matching `predicate`), or undefined once `timeoutMs` passes.
	 */
	next<K extends EventType>(
		type: K,
		timeoutMs: number,
		predicate: (event: EventOf<K>) => boolean = () => true,
	): Promise<EventOf<K> | undefined> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				unsubscribe();
				resolve(undefined);
			}, timeoutMs);
			const unsubscribe = this.subscribe((event) => {
				if (event.type !== type || !predicate(event as unknown as EventOf<K>)) return;
				clearTimeout(timer);
				unsubscribe();
				resolve(event as unknown as EventOf<K>);
			});
		});
	}

	/** The kept events, oldest first. */
	history(): BusEvent[] {
		return this.#history.items();
	}
}
