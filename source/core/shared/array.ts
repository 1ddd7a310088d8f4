import type {SharedHandle} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {checkName} from '../util/validate.js';
import {checkTypecode, type Scalar, type Typecode, toScalar} from './memory/typecodes.js';
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
 * `multiprocessing.Array`. Each element operation is atomic.
 */
export class SharedArray {
	readonly id: number;
	readonly name: string;
	readonly typecode: Typecode;
	/** The number of elements; fixed at creation. */
	readonly length: number;
	readonly #home: Home;

	constructor(
		typecode: Typecode,
		lengthOrValues: number | readonly Scalar[],
		options: SharedOptions = {},
	) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.typecode = home.handle.typecode as Typecode;
			this.length = home.handle.length ?? 0;
			return;
		}
		this.typecode = checkTypecode(typecode, 'SharedArray()');
		checkName('SharedArray()', options.name);
		const values = initialValues(this.typecode, lengthOrValues);
		const entry = home.orchestrator.shared.createArray(this.typecode, values, options.name);
		this.id = entry.id;
		this.name = entry.name;
		this.length = values.length;
	}

	/** The element at `index`; RangeError outside 0…length−1. */
	async get(index: number): Promise<Scalar> {
		return (await this.#home.access({
			op: 'read',
			id: this.id,
			index: this.#check(index),
		})) as Scalar;
	}

	/** Sets the element at `index`. */
	async set(index: number, value: Scalar): Promise<void> {
		await this.#home.access({
			op: 'write',
			id: this.id,
			index: this.#check(index),
			value: toScalar(this.typecode, value, this.name),
		});
	}

	/** Adds `delta` to the element at `index` atomically; resolves to its new value. */
	async add(index: number, delta: Scalar): Promise<Scalar> {
		return (await this.#home.access({
			op: 'add',
			id: this.id,
			index: this.#check(index),
			value: toScalar(this.typecode, delta, this.name),
		})) as Scalar;
	}

	/** The elements from `start` up to (not including) `end`, as Array.prototype.slice takes them. */
	async slice(start?: number, end?: number): Promise<Scalar[]> {
		return (await this.#home.access({op: 'slice', id: this.id, start, end})) as Scalar[];
	}

	/** Every element, in order. */
	toArray(): Promise<Scalar[]> {
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
