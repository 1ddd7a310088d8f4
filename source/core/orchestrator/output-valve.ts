import type {Readable} from 'node:stream';

/**
 * The output streams of an orchestrator's children, and a valve on them all. While it is held none
 * is read: for readers of the events that cannot keep up (a pipe), the children then wait on their
 * full pipes, as they would writing to a slow terminal, instead of procdash buffering what they
 * print without end.
 */
export class OutputValve {
	readonly #outputs = new Set<Readable>();
	#held = false;

	/** Follows `readable` until it closes; paused at once while the valve is held. */
	track(readable: Readable): void {
		this.#outputs.add(readable);
		readable.once('close', () => this.#outputs.delete(readable));
		if (this.#held) readable.pause();
	}

	/** Stops reading every stream followed while `held`, and reads on once it is not. */
	hold(held: boolean): void {
		if (held === this.#held) return;
		this.#held = held;
		for (const readable of this.#outputs) {
			if (held) readable.pause();
			else readable.resume();
		}
	}
}
