import type {EventBus} from '../events/index.js';
import {Listeners} from '../util/listeners.js';
import {Ring} from '../util/ring.js';

/** One line a process printed. */
export type LogLine = {
	readonly seq: number;
	readonly at: number;
	readonly stream: 'stdout' | 'stderr';
	readonly text: string;
	/** The line goes on in the next one: it was cut at 16 KiB. */
	readonly continues?: true;
};

/**
 * The last `linesPerProcess` lines of stdout and stderr of every process on a bus, in a ring
 * buffer each: a child that prints without end costs bounded memory.
 */
export class LogBook {
	readonly #rings = new Map<number, Ring<LogLine>>();
	readonly #listeners = new Listeners<number>();
	readonly #unsubscribe: () => void;
	readonly #linesPerProcess: number;

	constructor(bus: EventBus, {linesPerProcess = 1000}: {readonly linesPerProcess?: number} = {}) {
		this.#linesPerProcess = linesPerProcess;
		for (const event of bus.history())
			if (event.type === 'process:output') this.#add(event.id, event);
		this.#unsubscribe = bus.subscribe((event) => {
			if (event.type !== 'process:output') return;
			this.#add(event.id, event);
			this.#listeners.tell(event.id);
		});
	}

	/** The kept lines of process `id`, oldest first. */
	lines(id: number): LogLine[] {
		return this.#rings.get(id)?.items() ?? [];
	}

	/** How many lines process `id` printed in all, including those no longer kept. */
	total(id: number): number {
		return this.#rings.get(id)?.total ?? 0;
	}

	/** Calls `listener` with the process id after each new line; returns the unsubscribe function. */
	subscribe(listener: (id: number) => void): () => void {
		return this.#listeners.add(listener);
	}

	/** Stops following the bus. */
	close(): void {
		this.#unsubscribe();
		this.#listeners.clear();
	}

	#add(
		id: number,
		event: {seq: number; at: number; stream: 'stdout' | 'stderr'; line: string; continues?: true},
	): void {
		let ring = this.#rings.get(id);
		if (!ring) {
			ring = new Ring<LogLine>(this.#linesPerProcess);
			this.#rings.set(id, ring);
		}
		const {seq, at, stream, line: text, continues} = event;
		ring.push({seq, at, stream, text, ...(continues ? {continues} : {})});
	}
}
