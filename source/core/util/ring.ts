/**
 * The last `capacity` items pushed, in a fixed array that grows up to `capacity` and then
 * overwrites the oldest: bounded memory however much is pushed. Used by the bus's history and by
 * every process's log.
 */
export class Ring<T> {
	readonly #items: T[] = [];
	#start = 0;
	#total = 0;

	/** How many items are kept at most. */
	readonly capacity: number;

	constructor(capacity: number) {
		this.capacity = capacity;
	}

	/** Keeps `item`, dropping the oldest when full. */
	push(item: T): void {
		if (this.#items.length < this.capacity) this.#items.push(item);
		else {
			this.#items[this.#start] = item;
			this.#start = (this.#start + 1) % this.capacity;
		}
		this.#total++;
	}

	/** The kept items, oldest first. */
	items(): T[] {
		return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)];
	}

	/** Items pushed in all, kept or not. */
	get total(): number {
		return this.#total;
	}
}
