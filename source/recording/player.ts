import {type BusEvent, EventBus, type EventMap, type EventType} from '../core/events/index.js';

/** Options of a replay. */
export type ReplayOptions = {
	/** How many times faster than recorded; 1 plays in real time. */
	readonly speed?: number;
};

/**
 * Plays recorded events into a bus of its own, with their recorded timing divided by `speed`, so
 * that anything that reads a live bus — the dashboard, the NDJSON writer, a SnapshotStore — reads
 * the replay the same way. Each event is emitted with the `at` it was recorded with (the bus's
 * clock is pinned to it), so folding the replayed events gives the recorded run's snapshot.
 */
export class Replay {
	/** The bus the recorded events are played into. */
	readonly bus: EventBus;
	readonly #events: readonly BusEvent[];
	readonly #speed: number;
	readonly #end: number;
	#pinned: number | undefined = 0;
	#origin = 0;

	constructor(events: readonly BusEvent[], {speed = 1}: ReplayOptions = {}) {
		if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
			throw new RangeError(`speed must be a number above 0, got ${String(speed)}`);
		}
		this.#events = events;
		this.#speed = speed;
		this.#end = events.at(-1)?.at ?? 0;
		// Between events the clock runs (uptimes tick) at the replay's speed, and stops at the
		// recording's last moment: the run being replayed went no further.
		const now = () =>
			this.#pinned ?? Math.min(this.#end, (performance.now() - this.#origin) * this.#speed);
		this.bus = new EventBus({historySize: Math.max(2000, events.length), now});
	}

	/**
	 * Plays every event in time; resolves after the last one, or as soon as `signal` aborts, with
	 * the clock then stopped where the replay was.
	 */
	async play(signal?: AbortSignal): Promise<void> {
		this.#origin = performance.now();
		this.#pinned = undefined;
		let next = 0;
		while (next < this.#events.length && !signal?.aborted) {
			const elapsed = (performance.now() - this.#origin) * this.#speed;
			while (next < this.#events.length && (this.#events[next] as BusEvent).at <= elapsed) {
				this.#emit(this.#events[next] as BusEvent);
				next++;
			}
			if (next >= this.#events.length) break;
			const due = (this.#events[next] as BusEvent).at / this.#speed;
			await delay(due - (performance.now() - this.#origin), signal);
		}
		// Stopped midway, the clock stays where the replay was: the run went on, its replay did not.
		this.#pinned = signal?.aborted ? this.bus.elapsed() : this.#end;
	}

	#emit(event: BusEvent): void {
		const {type, seq: _seq, at, ...payload} = event;
		this.#pinned = at;
		this.bus.emit(type as EventType, payload as unknown as EventMap[EventType]);
		this.#pinned = undefined;
	}
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(done, Math.max(0, ms));
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, {once: true});
	});
}
