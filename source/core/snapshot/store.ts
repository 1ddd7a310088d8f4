import type {EventBus} from '../events/index.js';
import {Listeners} from '../util/listeners.js';
import {fold, reduce, type Snapshot} from './reduce.js';

/**
 * Holds the current snapshot of a bus: folds every event in as it is emitted and tells its
 * listeners. Readers that must not run per event (the dashboard) throttle on their side.
 */
export class SnapshotStore {
	readonly #listeners = new Listeners<void>();
	#snapshot: Snapshot;
	readonly #unsubscribe: () => void;

	constructor(bus: EventBus) {
		this.#snapshot = fold(bus.history());
		this.#unsubscribe = bus.subscribe((event) => {
			this.#snapshot = reduce(this.#snapshot, event);
			this.#listeners.tell();
		});
	}

	/** The snapshot as of the last event. */
	getSnapshot = (): Snapshot => this.#snapshot;

	/** Calls `listener` after each event; returns the unsubscribe function. */
	subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener);

	/** Stops following the bus. */
	close(): void {
		this.#unsubscribe();
		this.#listeners.clear();
	}
}
