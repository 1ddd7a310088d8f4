// The memory of a Value or SharedArray, and every operation on it, atomic whichever thread runs
// it: the broker in the owner's main thread, and any worker thread the value was passed to.
// Integer typecodes use the Atomics instructions; 'f' and 'd' (which Atomics cannot touch) take a
// futex word that sits in front of the elements, for a few instructions at a time. Where the
// native addon is built, the memory is a region that child processes map too (region.ts).
import {futexWords, lockSync, unlock} from './futex.js';
import {allocateRegion, type RegionPlace} from './region.js';
import {type Sleep, sleepAcrossProcesses, threadSleep} from './sleep.js';
import {
	isBigTypecode,
	isFloatTypecode,
	type Scalar,
	type ScalarArray,
	type Typecode,
	typecodes,
} from './typecodes.js';

// The guard's futex words, then padding so that 8-byte elements stay aligned.
const headerBytes = 16;

/** One shared object's memory: its elements and the guard word of its float operations. */
export type Cells = {
	readonly typecode: Typecode;
	/** The whole memory, header included: what a thread is given to map the same cells. */
	readonly buffer: SharedArrayBuffer;
	readonly elements: ScalarArray;
	readonly guard: Int32Array;
	/** Whether the elements are floats, which go through the guard. */
	readonly guarded: boolean;
	/** A private one-element array of the same type: it wraps and rounds a result as stored. */
	readonly scratch: ScalarArray;
	/** How the guard's waiters sleep: across processes on a region. */
	readonly sleep: Sleep;
	/** Where a child process maps the same memory; none where processes do not share memory. */
	readonly place?: RegionPlace;
};

type ArrayConstructor = new (
	buffer: ArrayBufferLike,
	offset?: number,
	length?: number,
) => ScalarArray;

function constructorOf(typecode: Typecode): ArrayConstructor {
	// The union of constructors has no common signature for TypeScript; each takes these three.
	return typecodes[typecode].array as unknown as ArrayConstructor;
}

/**
 * New cells of `length` elements for `typecode`, zeroed, on shared memory: on a region that child
 * processes map where the native addon is built, else on memory this process's threads share.
 */
export function allocateCells(typecode: Typecode, length: number): Cells {
	const {BYTES_PER_ELEMENT} = typecodes[typecode].array;
	const bytes = headerBytes + BYTES_PER_ELEMENT * Math.max(1, length);
	const region = allocateRegion(bytes);
	if (!region) return cellsOn(typecode, new SharedArrayBuffer(bytes), length);
	return {...cellsOn(typecode, region.buffer, length, sleepAcrossProcesses()), place: region.place};
}

/** The cells of `typecode` laid out on `buffer` (made by `allocateCells`, maybe in another thread). */
export function cellsOn(
	typecode: Typecode,
	buffer: SharedArrayBuffer,
	length: number,
	sleep: Sleep = threadSleep,
): Cells {
	const make = constructorOf(typecode);
	return {
		typecode,
		buffer,
		elements: new make(buffer, headerBytes, length),
		guard: new Int32Array(buffer, 0, futexWords),
		guarded: isFloatTypecode(typecode),
		scratch: new make(new ArrayBuffer(8), 0, 1),
		sleep,
	};
}

// Integer typed arrays all take Atomics; TypeScript wants one of the overloads at a time.
type IntegerArray = Int32Array;

/** The element at `index`. */
export function load(cells: Cells, index: number): Scalar {
	if (!cells.guarded) return Atomics.load(cells.elements as IntegerArray, index);
	lockSync(cells.guard, 0, Number.POSITIVE_INFINITY, cells.sleep);
	const value = cells.elements[index] as number;
	unlock(cells.guard, 0, cells.sleep);
	return value;
}

/** Every element, in order, each read atomically. */
export function loadAll(cells: Cells): Scalar[] {
	const values: Scalar[] = new Array(cells.elements.length);
	for (let index = 0; index < values.length; index++) values[index] = load(cells, index);
	return values;
}

/** Stores `value` (already checked for the typecode) at `index`; returns it as stored. */
export function store(cells: Cells, index: number, value: Scalar): Scalar {
	if (!cells.guarded) {
		Atomics.store(cells.elements as IntegerArray, index, value as number);
		return stored(cells, value);
	}
	lockSync(cells.guard, 0, Number.POSITIVE_INFINITY, cells.sleep);
	cells.elements[index] = value as number;
	const result = cells.elements[index] as number;
	unlock(cells.guard, 0, cells.sleep);
	return result;
}

/**
 * Stores `value` at `index` as one plain store, where that is safe: for the integer typecodes an
 * aligned store cannot tear, and a Lock's acquire and release (Atomics) order it for whoever
 * takes the lock next; it only is not a fence of its own, which makes it twice as cheap as
 * `store` on a thread's hot path. Floats go through the guard as in `store`.
 */
export function write(cells: Cells, index: number, value: Scalar): void {
	if (cells.guarded) store(cells, index, value);
	else cells.elements[index] = value as never;
}

/** Adds `delta` at `index` in one atomic step; returns the new value, wrapped like C. */
export function add(cells: Cells, index: number, delta: Scalar): Scalar {
	if (!cells.guarded) {
		const before = Atomics.add(cells.elements as IntegerArray, index, delta as number);
		return stored(
			cells,
			isBigTypecode(cells.typecode)
				? (before as unknown as bigint) + (delta as bigint)
				: before + (delta as number),
		);
	}
	lockSync(cells.guard, 0, Number.POSITIVE_INFINITY, cells.sleep);
	cells.elements[index] = (cells.elements[index] as number) + (delta as number);
	const result = cells.elements[index] as number;
	unlock(cells.guard, 0, cells.sleep);
	return result;
}

/**
 * Stores `value` at `index` only if the element is `expected` as stored (0.1 for 'f' is its
 * single-precision neighbour, 2**32 for 'I' is 0); returns whether it did.
 */
export function compareAndSet(
	cells: Cells,
	index: number,
	expected: Scalar,
	value: Scalar,
): boolean {
	const wanted = stored(cells, expected);
	if (!cells.guarded) {
		const before = Atomics.compareExchange(
			cells.elements as IntegerArray,
			index,
			wanted as number,
			value as number,
		);
		return before === wanted;
	}
	lockSync(cells.guard, 0, Number.POSITIVE_INFINITY, cells.sleep);
	const swap = cells.elements[index] === wanted;
	if (swap) cells.elements[index] = value as number;
	unlock(cells.guard, 0, cells.sleep);
	return swap;
}

/** `value` as the typecode stores it: wrapped like C for integers, rounded for 'f'. */
export function stored(cells: Cells, value: Scalar): Scalar {
	cells.scratch[0] = value as never;
	return cells.scratch[0] as Scalar;
}
