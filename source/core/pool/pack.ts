// How a chunk's items and values cross the IPC channel. A long run of numbers goes as one
// Float64Array: the serializer copies its bytes at once instead of writing and reading a tagged
// value per number, which is most of the cost of a large map of numbers. It is lossless (a
// JavaScript number is a double, -0 and NaN included); anything else goes as it is.

/** Items or values as they travel: a plain array, or numbers packed. */
export type Packed = readonly unknown[] | Float64Array;

/** Below this many values, packing saves less than it costs. */
export const packAtLeast = 64;

/** A message holds tasks (or their values) up to about this many items in all; one of more goes alone. */
export const bundleItems = 1024;

/** Packs `values` when they are all numbers and enough of them. */
export function pack(values: readonly unknown[]): Packed {
	return packRange(values, 0, values.length) ?? values;
}

/**
 * `values[start … end)`, packed when they are all numbers and enough of them: a call's chunk as
 * its task keeps it. Packed at once rather than sliced, then packed for each message: the
 * numbers then live outside V8's heap, where the young generation's collections do not copy them
 * (eight 12,500-item slices of a first 100k map cost two scavenges of 4–5 ms each).
 */
export function packSlice(values: readonly unknown[], start: number, end: number): Packed {
	return packRange(values, start, end) ?? values.slice(start, end);
}

// One pass that checks and copies: a range of another kind stops at its first item that is not a
// number, and only then is the array made for nothing. Undefined when it is not packed.
function packRange(
	values: readonly unknown[],
	start: number,
	end: number,
): Float64Array | undefined {
	if (end - start < packAtLeast) return undefined;
	const numbers = new Float64Array(end - start);
	for (let index = start; index < end; index++) {
		const value = values[index];
		if (typeof value !== 'number') return undefined;
		numbers[index - start] = value;
	}
	return numbers;
}

/** The plain array of what `pack` packed. */
export function unpack(values: Packed): readonly unknown[] {
	return values instanceof Float64Array ? Array.from(values) : values;
}
