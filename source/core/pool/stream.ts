type Waiter<T> = {
	readonly resolve: (result: IteratorResult<T>) => void;
	readonly reject: (error: unknown) => void;
};

/**
 * The async iterator `imap` and `imapUnordered` return: values are pushed in as tasks finish
 * and read with `for await`. A failure is delivered after the values pushed before it, then the
 * iteration ends. Nothing rejects until someone reads, so an unread failure is not unhandled.
 */
export class ResultStream<T> implements AsyncIterableIterator<T> {
	#values: T[] = [];
	#head = 0;
	#failure: {readonly error: unknown} | undefined;
	#ended = false;
	readonly #waiters: Waiter<T>[] = [];

	/** Adds values to read, in order. */
	push(values: readonly T[]): void {
		if (this.#ended || this.#failure) return;
		for (const value of values) this.#values.push(value);
		this.#wake();
	}

	/** Ends the iteration once the values pushed so far are read. */
	end(): void {
		this.#ended = true;
		this.#wake();
	}

	/** Rejects the read after the values pushed so far; later pushes are ignored. */
	fail(error: unknown): void {
		if (this.#ended || this.#failure) return;
		this.#failure = {error};
		this.#wake();
	}

	/** The next value, the end, or the failure. */
	next(): Promise<IteratorResult<T>> {
		return new Promise((resolve, reject) => {
			this.#waiters.push({resolve, reject});
			this.#wake();
		});
	}

	/** Stops reading (a `break` out of `for await`): what has not been read is dropped. */
	async return(): Promise<IteratorResult<T>> {
		this.#ended = true;
		this.#values = [];
		this.#head = 0;
		this.#failure = undefined;
		this.#wake();
		return {value: undefined, done: true};
	}

	[Symbol.asyncIterator](): this {
		return this;
	}

	#wake(): void {
		while (this.#waiters.length > 0) {
			if (this.#head < this.#values.length) {
				const value = this.#values[this.#head++] as T;
				this.#compact();
				this.#waiters.shift()?.resolve({value, done: false});
			} else if (this.#failure) {
				const {error} = this.#failure;
				this.#failure = undefined;
				this.#ended = true;
				this.#waiters.shift()?.reject(error);
			} else if (this.#ended) {
				this.#waiters.shift()?.resolve({value: undefined, done: true});
			} else {
				return;
			}
		}
	}

	// Read values are dropped in batches, so a long imap does not hold everything it yielded.
	#compact(): void {
		if (this.#head < 1024 || this.#head * 2 < this.#values.length) return;
		this.#values = this.#values.slice(this.#head);
		this.#head = 0;
	}
}
