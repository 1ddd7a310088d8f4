import type {PoolEventMap} from './pool-events.js';

/** Where a process's target comes from: a task function in a module, or an executable. */
export type ProcessKind = 'task' | 'command';

/** An error as it crosses a process boundary: plain data, never a live object. */
export type ErrorInfo = {
	readonly name: string;
	readonly message: string;
	readonly stack?: string;
	readonly code?: string;
};

/** Resource use of one OS process, sampled by the stats sampler. */
export type ProcessStats = {
	readonly pid: number;
	readonly ppid: number;
	/** Percent of one core over the last sampling interval. */
	readonly cpu: number;
	/** Resident set size in bytes. */
	readonly memory: number;
	/** The executable's name as the kernel reports it (`comm`). */
	readonly command: string;
};

/**
 * Every event the core emits, by type. One key per event; the payload is what a listener gets
 * besides `type`, `seq` and `at`.
 */
export type EventMap = {
	'process:created': {
		readonly id: number;
		readonly name: string;
		readonly kind: ProcessKind;
		readonly daemon: boolean;
		/** The command line (command targets) or `module#export` (task targets). */
		readonly target: string;
	};
	'process:started': {
		readonly id: number;
		readonly name: string;
		readonly pid: number;
		readonly ppid: number;
	};
	'process:output': {
		readonly id: number;
		readonly name: string;
		readonly stream: 'stdout' | 'stderr';
		readonly line: string;
	};
	/** A task target returned; `value` is what it returned (structured-cloned). */
	'process:returned': {
		readonly id: number;
		readonly name: string;
		readonly value: unknown;
	};
	/** A task threw, or a command could not start; the process still gets `process:exited`. */
	'process:error': {
		readonly id: number;
		readonly name: string;
		readonly error: ErrorInfo;
	};
	/** procdash sent a signal to the process's group. */
	'process:signalled': {
		readonly id: number;
		readonly name: string;
		readonly pid: number;
		readonly signal: NodeJS.Signals;
	};
	'process:exited': {
		readonly id: number;
		readonly name: string;
		readonly pid: number | undefined;
		/** CPython's convention: the exit status, or −N when ended by signal N. */
		readonly exitcode: number;
		readonly signal: NodeJS.Signals | null;
	};
	/** One sampling round: every live process procdash started, and their descendants. */
	'stats:sampled': {
		readonly processes: readonly ProcessStats[];
	};
	/** A preset began; `about` says what to watch for. */
	'scenario:started': {
		readonly name: string;
		readonly description: string;
		readonly about: string;
	};
	/** A preset ended: whether it met its own expectations, and what it checked. */
	'scenario:finished': {
		readonly name: string;
		readonly ok: boolean;
		readonly notes: readonly string[];
		readonly elapsedMs: number;
	};
	/** The orchestrator began stopping everything; `graceMs` until SIGKILL. */
	'orchestrator:stopping': {
		readonly graceMs: number;
		readonly deadline: number;
	};
	'orchestrator:stopped': {
		/** Pids still alive after the stop, which should be none. */
		readonly survivors: readonly number[];
	};
} & PoolEventMap;

/** The name of an event. */
export type EventType = keyof EventMap;

/** What every event carries besides its payload. */
export type EventEnvelope<K extends EventType = EventType> = {
	readonly type: K;
	/** Monotonic: one more than the event before it on the same bus. */
	readonly seq: number;
	/** Milliseconds since the orchestrator (its bus) started. */
	readonly at: number;
};

/** One event of a given type, envelope and payload together. */
export type EventOf<K extends EventType> = EventEnvelope<K> & EventMap[K];

/** Any event: a union discriminated by `type`. */
export type BusEvent = {[K in EventType]: EventOf<K>}[EventType];

/** A listener of every event. */
export type Listener = (event: BusEvent) => void;

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
	readonly #listeners = new Set<Listener>();
	readonly #history: BusEvent[];
	readonly #now: () => number;
	readonly #startedAt: number;
	#seq = 0;
	#next = 0;
	#count = 0;

	constructor({historySize = 2000, now = () => performance.now()}: EventBusOptions = {}) {
		if (!Number.isInteger(historySize) || historySize < 1) {
			throw new RangeError(`historySize must be a positive integer, got ${historySize}`);
		}
		this.#history = new Array(historySize);
		this.#now = now;
		this.#startedAt = now();
	}

	/** Milliseconds since the bus started, the clock of every event's `at`. */
	elapsed(): number {
		return this.#now() - this.#startedAt;
	}

	/** Emits one event to every listener and keeps it in the history. */
	emit<K extends EventType>(type: K, payload: EventMap[K]): EventOf<K> {
		const event = {
			type,
			seq: ++this.#seq,
			at: Math.round(this.elapsed()),
			...payload,
		} as EventOf<K>;
		this.#history[this.#next] = event as BusEvent;
		this.#next = (this.#next + 1) % this.#history.length;
		this.#count = Math.min(this.#count + 1, this.#history.length);
		for (const listener of this.#listeners) listener(event as BusEvent);
		return event;
	}

	/** Calls `listener` for each event from now on; returns the unsubscribe function. */
	subscribe(listener: Listener): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	/** The kept events, oldest first. */
	history(): BusEvent[] {
		const size = this.#history.length;
		const start = (this.#next - this.#count + size) % size;
		return Array.from({length: this.#count}, (_, index) => this.#history[(start + index) % size]);
	}
}
