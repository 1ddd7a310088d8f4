/**
 * Holds the program open while something is owed to someone. A pending promise does not keep
 * Node's event loop alive, and daemonic workers are unref'd so that they never do by themselves;
 * without this, `await pool.map(…)` at the end of a script could end the program first.
 */
export class KeepAlive {
	#timer: NodeJS.Timeout | undefined;

	/** Holds the event loop open when `needed`, lets it go otherwise. */
	set(needed: boolean): void {
		if (needed && !this.#timer) this.#timer = setInterval(() => {}, 1 << 30);
		else if (!needed && this.#timer) {
			clearInterval(this.#timer);
			this.#timer = undefined;
		}
	}
}
