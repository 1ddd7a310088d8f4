import type {SharedHandle} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkName} from '../util/validate.js';
import type {CellsOp} from './access.js';
import {add, type Cells, load, store, write} from './memory/cells.js';
import {
	checkTypecode,
	type ScalarInput,
	type ScalarOf,
	type Typecode,
	toScalar,
} from './memory/typecodes.js';
import {
	type Backend,
	type Home,
	homeOf,
	type RemoteOptions,
	type SharedOptions,
} from './options.js';

/**
 * One number shared by processes and threads, like Python's `multiprocessing.Value`. The process
 * that makes it owns it; passed in a task's args, it arrives in a child process as a proxy to the
 * same value (each operation one IPC round trip), and in a Thread as a view of the same memory
 * (each operation a few Atomics instructions). Every operation is atomic.
 *
 * `T` is its typecode, which gives its values their type: `new Value('i', 0)` is a `Value<'i'>`
 * whose `value` is a `number`, `new Value('q', 0n)` a `Value<'q'>` whose `value` is a `bigint`.
 * A task's parameter says which it takes (`counter: Value<'i'>`); a bare `Value` is any, and its
 * values are `number | bigint`.
 */
export class Value<T extends Typecode = Typecode> {
	/** The broker's id of this value. */
	readonly id: number;
	/** The name the dashboard shows. */
	readonly name: string;
	/** CPython's typecode: 'i' (32-bit int, wraps like C), 'd' (double), 'q' (bigint) … */
	readonly typecode: T;
	readonly #home: Home;
	// The memory, where this handle can touch it: reads go straight to it in the owner and in a
	// thread; writes too in a thread (in the owner they go through the broker, for the events).
	readonly #cells: Cells | undefined;
	readonly #writable: boolean;

	/**
	 * A value of `typecode` set to `initial` (0 when omitted). A value that does not fit the
	 * typecode (1.5 for `'i'`) is a TypeError at run time; the compiler knows only number from
	 * bigint.
	 */
	constructor(typecode: T, initial?: ScalarInput<T>, options: SharedOptions = {}) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.typecode = home.handle.typecode as T;
			this.#cells = home.cells;
			this.#writable = home.cells !== undefined;
			return;
		}
		this.typecode = checkTypecode(typecode, 'Value()') as T;
		checkName('Value()', options.name);
		const entry = home.orchestrator.shared.createValue(
			this.typecode,
			toScalar(this.typecode, initial ?? 0, 'Value()'),
			options.name,
		);
		this.id = entry.id;
		this.name = entry.name;
		this.#cells = entry.cells;
		this.#writable = false;
	}

	/**
	 * The value, read at once: in the owning process and in a Thread (use `await get()` in a
	 * child process).
	 */
	get value(): ScalarOf<T> {
		const cells = this.#cells;
		if (cells) return load(cells, 0) as ScalarOf<T>;
		return this.#now('value', 'get()', {op: 'read', id: this.id}) as ScalarOf<T>;
	}

	/** Sets the value at once: in the owning process and in a Thread. */
	set value(value: ScalarInput<T>) {
		if (this.#writable) {
			write(this.#cells as Cells, 0, toScalar(this.typecode, value, this.name));
			return;
		}
		this.#now('value', 'set(v)', {
			op: 'write',
			id: this.id,
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** The current value. */
	async get(): Promise<ScalarOf<T>> {
		// Where the memory is here, straight from it: a child's increment loop is mostly this.
		const cells = this.#cells;
		if (cells) return load(cells, 0) as ScalarOf<T>;
		return (await this.#home.access({op: 'read', id: this.id})) as ScalarOf<T>;
	}

	/** Replaces the value. */
	async set(value: ScalarInput<T>): Promise<void> {
		if (this.#writable) {
			store(this.#cells as Cells, 0, toScalar(this.typecode, value, this.name));
			return;
		}
		await this.#home.access({
			op: 'write',
			id: this.id,
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** Adds `delta` atomically; resolves to the new value. */
	async add(delta: ScalarInput<T>): Promise<ScalarOf<T>> {
		if (this.#writable)
			return add(this.#cells as Cells, 0, toScalar(this.typecode, delta, this.name)) as ScalarOf<T>;
		return (await this.#home.access({
			op: 'add',
			id: this.id,
			value: toScalar(this.typecode, delta, this.name),
		})) as ScalarOf<T>;
	}

	/** Sets `value` only if the current value is `expected`; resolves to whether it did. */
	async compareAndSet(expected: ScalarInput<T>, value: ScalarInput<T>): Promise<boolean> {
		return (await this.#home.access({
			op: 'cas',
			id: this.id,
			expected: toScalar(this.typecode, expected, this.name),
			value: toScalar(this.typecode, value, this.name),
		})) as boolean;
	}

	/** `add(delta)` at once, in the owning process and in a Thread; returns the new value. */
	addSync(delta: ScalarInput<T>): ScalarOf<T> {
		return this.#now('addSync()', 'add(delta)', {
			op: 'add',
			id: this.id,
			value: toScalar(this.typecode, delta, this.name),
		}) as ScalarOf<T>;
	}

	/** `compareAndSet(expected, value)` at once, in the owning process and in a Thread. */
	compareAndSetSync(expected: ScalarInput<T>, value: ScalarInput<T>): boolean {
		return this.#now('compareAndSetSync()', 'compareAndSet(expected, v)', {
			op: 'cas',
			id: this.id,
			expected: toScalar(this.typecode, expected, this.name),
			value: toScalar(this.typecode, value, this.name),
		}) as boolean;
	}

	/** How this value travels in a task's args: to a process, or (with its memory) to a thread. */
	toHandle(orchestrator: Orchestrator, backend: Backend = 'process'): SharedHandle {
		return handleOf(this.#home, orchestrator, backend, {
			procdashShared: 'value',
			id: this.id,
			name: this.name,
			typecode: this.typecode,
		});
	}

	#now(what: string, instead: string, op: CellsOp): unknown {
		const sync = this.#home.sync;
		if (!sync)
			throw new TypeError(
				`${this.name}.${what} works only in the process that owns it or in a Thread; in a child process use await ${this.name}.${instead}`,
			);
		return sync(op);
	}
}

/**
 * The handle a shared object travels as. Only its owner can send it: a child's requests go to
 * the parent that started it, which must be the owner, and a thread maps the owner's memory — as
 * does a child process where processes share memory (the handle says where: `region`).
 */
export function handleOf(
	home: Home,
	orchestrator: Orchestrator,
	backend: Backend,
	handle: SharedHandle,
): SharedHandle {
	if (home.kind !== 'owner' || home.orchestrator !== orchestrator) {
		throw new TypeError(
			`${handle.name} can only be passed to processes and threads started by the orchestrator that owns it (in the process that created it)`,
		);
	}
	const {shared} = orchestrator;
	const kind = handle.procdashShared === 'lock' ? 'lock' : 'cells';
	if (backend === 'process') {
		const region = shared.placeFor(kind, handle.id);
		return region ? {...handle, region} : handle;
	}
	const buffer = kind === 'lock' ? shared.shareLock(handle.id) : shared.shareCells(handle.id);
	// A thread sleeps on memory that processes map too with the kernel's futex, which they wake.
	const region = kind === 'lock' ? shared.lock(handle.id)?.place : shared.cellsOf(handle.id).place;
	return region ? {...handle, buffer, region} : {...handle, buffer};
}
