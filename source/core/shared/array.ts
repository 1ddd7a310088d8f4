import type {SharedHandle} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkName} from '../util/validate.js';
import {
	checkTypecode,
	type Scalar,
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
import {handleOf} from './value.js';

/**
 * A fixed-length array of numbers shared by processes and threads, like Python's
 * `multiprocessing.Array`. Each element operation is atomic. `T` is its typecode, as Value's:
 * a `SharedArray<'d'>` holds numbers, a `SharedArray<'q'>` bigints.
 */
export class SharedArray<T extends Typecode = Typecode> {
	/** The broker's id of this array. */
	readonly id: number;
	/** The name the dashboard shows. */
	readonly name: string;
	/** CPython's typecode of its elements. */
	readonly typecode: T;
	/** The number of elements; fixed at creation. */
	readonly length: number;
	readonly #home: Home;

	/** An array of `typecode`: `length` zeros, or the values given. */
	constructor(
		typecode: T,
		lengthOrValues: number | readonly ScalarInput<T>[],
		options: SharedOptions = {},
	) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.typecode = home.handle.typecode as T;
			this.length = home.handle.length ?? 0;
			return;
		}
		this.typecode = checkTypecode(typecode, 'SharedArray()') as T;
		checkName('SharedArray()', options.name);
		const values = initialValues(this.typecode, lengthOrValues);
		const entry = home.orchestrator.shared.createArray(this.typecode, values, options.name);
		this.id = entry.id;
		this.name = entry.name;
		this.length = values.length;
	}

	/** The element at `index`; RangeError outside 0…length−1. */
	async get(index: number): Promise<ScalarOf<T>> {
		return (await this.#home.access({
			op: 'read',
			id: this.id,
			index: this.#check(index),
		})) as ScalarOf<T>;
	}

	/** Sets the element at `index`. */
	async set(index: number, value: ScalarInput<T>): Promise<void> {
		await this.#home.access({
			op: 'write',
			id: this.id,
			index: this.#check(index),
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** Adds `delta` to the element at `index` atomically; resolves to its new value. */
	async add(index: number, delta: ScalarInput<T>): Promise<ScalarOf<T>> {
		return (await this.#home.access({
			op: 'add',
			id: this.id,
			index: this.#check(index),
			value: toScalar(this.typecode, delta, this.name),
		})) as ScalarOf<T>;
	}

	/** The elements from `start` up to (not including) `end`, as Array.prototype.slice takes them. */
	async slice(start?: number, end?: number): Promise<ScalarOf<T>[]> {
		return (await this.#home.access({op: 'slice', id: this.id, start, end})) as ScalarOf<T>[];
	}

	/** Every element, in order. */
	toArray(): Promise<ScalarOf<T>[]> {
		return this.slice();
	}

	/** How this array travels in a task's args: to a process, or (with its memory) to a thread. */
	toHandle(orchestrator: Orchestrator, backend: Backend = 'process'): SharedHandle {
		return handleOf(this.#home, orchestrator, backend, {
			procdashShared: 'array',
			id: this.id,
			name: this.name,
			typecode: this.typecode,
			length: this.length,
		});
	}

	#check(index: number): number {
		if (!Number.isInteger(index) || index < 0 || index >= this.length) {
			throw new RangeError(`${this.name}: index ${index} out of range (length ${this.length})`);
		}
		return index;
	}
}

function initialValues(typecode: Typecode, lengthOrValues: number | readonly Scalar[]): Scalar[] {
	if (typeof lengthOrValues === 'number') {
		if (!Number.isInteger(lengthOrValues) || lengthOrValues < 0) {
			throw new RangeError(
				`SharedArray(): length must be a non-negative integer, got ${lengthOrValues}`,
			);
		}
		return Array.from({length: lengthOrValues}, () => toScalar(typecode, 0, 'SharedArray()'));
	}
	if (!Array.isArray(lengthOrValues)) {
		throw new TypeError('SharedArray(): give a length or an array of initial values');
	}
	return lengthOrValues.map((value) => toScalar(typecode, value, 'SharedArray()'));
}
