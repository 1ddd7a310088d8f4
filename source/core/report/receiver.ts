import {type DecodedEvent, decodeEvent, ReportedProgram} from './decode.js';
import {type Hello, maxLineBytes, readHello} from './protocol.js';
import {RunningTasks} from './running-tasks.js';
import {SyncStates} from './sync-states.js';
import {inTree, living, type ReportingRoot} from './tree.js';

/** How much a receiver takes. */
export type ReceiverLimits = {
	/** Events one connection may fold in per tick; the rest of the tick's are dropped and counted. */
	readonly eventsPerTick?: number;
	readonly tickMs?: number;
	/** Connections open at once; one more is closed at once. */
	readonly maxConnections?: number;
};

/** What a receiver needs of the socket server for one connection. */
export type ConnectionSide = {
	/** Closes the connection: its hello was refused. */
	readonly close: () => void;
};

/** One connection's lines, as the socket server hands them over. */
export type ReportConnection = {
	/** Bytes as they came. */
	readonly receive: (chunk: Buffer) => void;
	/** The connection closed. */
	readonly ended: () => void;
};

// Pids told by programs and remembered, at most.
const maxToldPids = 100_000;
// How often a growing count of dropped lines is told on the bus, at most.
const droppedEveryMs = 1000;
const newline = 0x0a;

/**
 * The receiving end of the report channel: takes each connection's NDJSON, checks the hello's pid
 * against the processes procdash runs (`findRoot`), checks and decodes every event, bounds how
 * many it folds in, and emits them on the bus of the command the reporter belongs to, attributed
 * to that command's program. Nothing a reporter sends can throw out of here.
 */
export class ReportReceiver {
	readonly #findRoot: (pid: number) => ReportingRoot | undefined;
	readonly #eventsPerTick: number;
	readonly #tickMs: number;
	readonly #maxConnections: number;
	// One per command row: the connections of one program's tree share its ids and its objects.
	readonly #programs = new Map<string, Program>();
	// Pids a program told of as its own processes (process:started): a child that ends at once may
	// be gone from /proc when its hello is read, and is known by this instead.
	readonly #told = new Map<number, {readonly root: ReportingRoot} & Program>();
	#open = 0;

	constructor(
		findRoot: (pid: number) => ReportingRoot | undefined,
		{eventsPerTick = 1000, tickMs = 100, maxConnections = 64}: ReceiverLimits = {},
	) {
		this.#findRoot = findRoot;
		this.#eventsPerTick = eventsPerTick;
		this.#tickMs = tickMs;
		this.#maxConnections = maxConnections;
	}

	/** A new connection; undefined (close it) when too many are open. */
	connection(side: ConnectionSide): ReportConnection | undefined {
		if (this.#open >= this.#maxConnections) return undefined;
		this.#open++;
		const lines = new Lines(
			(line) => reader.line(line),
			() => reader.malformed(),
		);
		const reader = new Reader(this, side);
		let ended = false;
		return {
			receive: (chunk) => {
				if (!ended) lines.push(chunk);
			},
			ended: () => {
				if (ended) return;
				ended = true;
				this.#open--;
				reader.ended();
			},
		};
	}

	/** The root of `hello`'s pid and its program, or undefined when it is no process of ours. */
	admit(hello: Hello): ({root: ReportingRoot} & Program) | undefined {
		const root = this.#findRoot(hello.pid);
		if (!root) return this.#told.get(hello.pid);
		const key = `${root.pid}:${root.id}`;
		let program = this.#programs.get(key);
		// The first process of a tree to report names the program (the program itself: its children
		// start after it has told of them).
		if (!program) {
			program = {
				program: new ReportedProgram(this.#uniqueName(hello.program)),
				states: new SyncStates(),
				tasks: new RunningTasks(),
			};
			this.#programs.set(key, program);
		}
		return {root, ...program};
	}

	/**
	 * A program told that `pid` is one of its processes. Kept after the process's exit (its hello
	 * may be read after its parent told of the exit); the oldest is forgotten past the bound.
	 */
	told(pid: number, admitted: {readonly root: ReportingRoot} & Program): void {
		this.#told.delete(pid);
		this.#told.set(pid, admitted);
		if (this.#told.size > maxToldPids) {
			const [oldest] = this.#told.keys();
			if (oldest !== undefined) this.#told.delete(oldest);
		}
	}

	// Two programs of one name (`app.js` twice) are told apart as `app.js` and `app.js-2`.
	#uniqueName(name: string): string {
		const taken = new Set([...this.#programs.values()].map(({program}) => program.name));
		const base = new ReportedProgram(name).name;
		if (!taken.has(base)) return base;
		let suffix = 2;
		while (taken.has(`${base}-${suffix}`)) suffix++;
		return `${base}-${suffix}`;
	}

	/** Whether one more event fits in this tick, for a connection's tick state. */
	fits(tick: {start: number; count: number}): boolean {
		const now = performance.now();
		if (now - tick.start >= this.#tickMs) {
			tick.start = now;
			tick.count = 0;
		}
		return ++tick.count <= this.#eventsPerTick;
	}
}

/**
 * A reporting program: its ids and names, the state of its waiting objects and queues, and the
 * task each of its pool workers runs.
 */
type Program = {
	readonly program: ReportedProgram;
	readonly states: SyncStates;
	readonly tasks: RunningTasks;
};

type Admitted = Program & {
	readonly root: ReportingRoot;
	readonly hello: Hello;
};

// One connection's state: its hello, its program, its counts.
class Reader {
	readonly #receiver: ReportReceiver;
	readonly #side: ConnectionSide;
	#admitted: Admitted | undefined;
	#refused = false;
	readonly #tick = {start: 0, count: 0};
	#malformed = 0;
	#flooded = 0;
	#toldAt = Number.NEGATIVE_INFINITY;
	#told = 0;
	#later: NodeJS.Timeout | undefined;

	constructor(receiver: ReportReceiver, side: ConnectionSide) {
		this.#receiver = receiver;
		this.#side = side;
	}

	line(text: string): void {
		if (this.#refused) return;
		if (!this.#admitted) {
			this.#hello(text);
			return;
		}
		if (text.trim() === '') return;
		if (!this.#receiver.fits(this.#tick)) {
			this.#flooded++;
			this.#tellDropped(false);
			return;
		}
		const event = this.#decode(text);
		if (!event) {
			this.malformed();
			return;
		}
		const admitted = this.#admitted as Admitted;
		const {states, tasks} = admitted;
		if (event.type === 'process:started') this.#receiver.told(event.payload.pid, admitted);
		const whole = states.complete(tasks.complete(event));
		if (whole) this.#emit(whole);
	}

	malformed(): void {
		this.#malformed++;
		this.#tellDropped(false);
	}

	ended(): void {
		this.#tellDropped(true);
	}

	#hello(text: string): void {
		const hello = readHello(parse(text));
		const admitted = hello && this.#receiver.admit(hello);
		if (!hello || !admitted) {
			this.#refused = true;
			this.#side.close();
			return;
		}
		this.#admitted = {...admitted, hello};
		const {root, program} = admitted;
		root.bus.emit('report:connected', {
			program: program.name,
			pid: hello.pid,
			language: hello.language,
			rootId: root.id,
			rootName: root.name,
		});
	}

	#decode(text: string): DecodedEvent | undefined {
		const {root, program} = this.#admitted as Admitted;
		const event = decodeEvent(parse(text), program);
		// A process it tells of must be of its own tree: its pid then names one of its rows.
		if (event?.type === 'process:started') {
			const {pid} = event.payload;
			if (living(pid) && !inTree(pid, root.pid)) return undefined;
		}
		return event;
	}

	#emit(event: DecodedEvent): void {
		const {root} = this.#admitted as Admitted;
		if (event.type === 'process:created') {
			root.bus.emit('process:created', {...event.payload, program: root.id});
			return;
		}
		// The payload was built field by field for its type (decode.ts).
		(root.bus.emit as (type: string, payload: unknown) => void)(event.type, event.payload);
	}

	#tellDropped(closing: boolean): void {
		const admitted = this.#admitted;
		if (!admitted) return;
		const dropped = this.#malformed + this.#flooded;
		if (dropped === this.#told) return;
		const now = performance.now();
		if (!closing && now - this.#toldAt < droppedEveryMs) {
			// Told once the second is up, whether or not another line comes.
			this.#later ??= setTimeout(
				() => {
					this.#later = undefined;
					this.#tellDropped(false);
				},
				droppedEveryMs - (now - this.#toldAt),
			);
			this.#later.unref();
			return;
		}
		clearTimeout(this.#later);
		this.#later = undefined;
		this.#toldAt = now;
		this.#told = dropped;
		admitted.root.bus.emit('report:dropped', {
			program: admitted.program.name,
			pid: admitted.hello.pid,
			malformed: this.#malformed,
			flooded: this.#flooded,
		});
	}
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

// Splits bytes into lines of at most `maxLineBytes`; a longer one is dropped whole, as malformed.
class Lines {
	readonly #onLine: (line: string) => void;
	readonly #onOversized: () => void;
	#pending: Buffer[] = [];
	#pendingBytes = 0;
	#skipping = false;

	constructor(onLine: (line: string) => void, onOversized: () => void) {
		this.#onLine = onLine;
		this.#onOversized = onOversized;
	}

	push(chunk: Buffer): void {
		let start = 0;
		while (start < chunk.length) {
			const end = chunk.indexOf(newline, start);
			const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
			if (!this.#skipping) this.#take(piece);
			if (end === -1) return;
			start = end + 1;
			if (this.#skipping) this.#skipping = false;
			else this.#flush();
		}
	}

	#take(piece: Buffer): void {
		if (this.#pendingBytes + piece.length > maxLineBytes) {
			this.#pending = [];
			this.#pendingBytes = 0;
			this.#skipping = true;
			this.#onOversized();
			return;
		}
		if (piece.length > 0) this.#pending.push(piece);
		this.#pendingBytes += piece.length;
	}

	#flush(): void {
		const line = Buffer.concat(this.#pending).toString('utf8');
		this.#pending = [];
		this.#pendingBytes = 0;
		this.#onLine(line);
	}
}
