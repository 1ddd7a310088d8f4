/**
 * The listeners of one stream of things (bus events, a child's messages, snapshots), called in the
 * order they were added. A listener removed while they are being called is not called after.
 */
export class Listeners<T> {
	readonly #listeners = new Set<(value: T) => void>();

	/** Adds `listener`; returns the function that removes it. */
	add(listener: (value: T) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** Calls every listener with `value`. */
	tell(value: T): void {
		for (const listener of this.#listeners) listener(value);
	}

	/** Removes every listener. */
	clear(): void {
		this.#listeners.clear();
	}
}
