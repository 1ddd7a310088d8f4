import type {SharedHandle} from '../ipc.js';
import type {Orchestrator} from '../orchestrator.js';
import {checkName, type Home, homeOf, type RemoteOptions, type SharedOptions} from './options.js';
import {
	checkTypecode,
	type Scalar,
	type ScalarArray,
	type Typecode,
	toScalar,
} from './typecodes.js';

/**
 * One number shared by processes, like Python's `multiprocessing.Value`. The process that makes
 * it owns it; passed in a task's args, it arrives in the child as a proxy to the same value.
 * Every operation is atomic: the owner's broker applies them one at a time.
 */
export class Value {
	/** The broker's id of this value. */
	readonly id: number;
	/** The name the dashboard shows. */
	readonly name: string;
	/** CPython's typecode: 'i' (32-bit int, wraps like C), 'd' (double), 'q' (bigint) … */
	readonly typecode: Typecode;
	readonly #home: Home;
	readonly #cells: ScalarArray | undefined;

	constructor(typecode: Typecode, initial: Scalar = 0, options: SharedOptions = {}) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.typecode = home.handle.typecode as Typecode;
			return;
		}
		this.typecode = checkTypecode(typecode, 'Value()');
		checkName(options.name, 'Value()');
		const entry = home.orchestrator.shared.createValue(
			this.typecode,
			toScalar(this.typecode, initial, 'Value()'),
			options.name,
		);
		this.id = entry.id;
		this.name = entry.name;
		this.#cells = entry.cells;
	}

	/** The value, read synchronously: only in the owning process (use `await get()` in a child). */
	get value(): Scalar {
		if (!this.#cells)
			throw new TypeError(
				`${this.name}.value is only readable in the process that owns it; use await ${this.name}.get()`,
			);
		return this.#cells[0] as Scalar;
	}

	/** Sets the value synchronously: only in the owning process (use `await set(v)` in a child). */
	set value(value: Scalar) {
		if (this.#home.kind !== 'owner')
			throw new TypeError(
				`${this.name}.value is only writable in the process that owns it; use await ${this.name}.set(v)`,
			);
		void this.#home.access({
			op: 'write',
			id: this.id,
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** The current value. */
	async get(): Promise<Scalar> {
		return (await this.#home.access({op: 'read', id: this.id})) as Scalar;
	}

	/** Replaces the value. */
	async set(value: Scalar): Promise<void> {
		await this.#home.access({
			op: 'write',
			id: this.id,
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** Adds `delta` atomically; resolves to the new value. */
	async add(delta: Scalar): Promise<Scalar> {
		return (await this.#home.access({
			op: 'add',
			id: this.id,
			value: toScalar(this.typecode, delta, this.name),
		})) as Scalar;
	}

	/** Sets `value` only if the current value is `expected`; resolves to whether it did. */
	async compareAndSet(expected: Scalar, value: Scalar): Promise<boolean> {
		return (await this.#home.access({
			op: 'cas',
			id: this.id,
			expected: toScalar(this.typecode, expected, this.name),
			value: toScalar(this.typecode, value, this.name),
		})) as boolean;
	}

	/** How this value travels in a task's args. */
	toHandle(orchestrator: Orchestrator): SharedHandle {
		return handleOf(this.#home, orchestrator, {
			procdashShared: 'value',
			id: this.id,
			name: this.name,
			typecode: this.typecode,
		});
	}
}

/**
 * The handle a shared object travels as. Only its owner can send it to a child: the child's
 * requests go to the parent that started it, which must be the owner.
 */
export function handleOf(
	home: Home,
	orchestrator: Orchestrator,
	handle: SharedHandle,
): SharedHandle {
	if (home.kind !== 'owner' || home.orchestrator !== orchestrator) {
		throw new TypeError(
			`${handle.name} can only be passed to processes started by the orchestrator that owns it (in the process that created it)`,
		);
	}
	return handle;
}
