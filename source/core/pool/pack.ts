// How a chunk's items and values cross the IPC channel. A long run of numbers goes as one
// Float64Array: the serializer copies its bytes at once instead of writing and reading a tagged
// value per number, which is most of the cost of a large map of numbers. It is lossless (a
// JavaScript number is a double, -0 and NaN included); anything else goes as it is.

/** Items or values as they travel: a plain array, or numbers packed. */
export type Packed = readonly unknown[] | Float64Array;

/** Below this many values, packing saves less than it costs. */
export const packAtLeast = 64;

/** Packs `values` when they are all numbers and enough of them. */
export function pack(values: readonly unknown[]): Packed {
	if (values.length < packAtLeast) return values;
	for (const value of values) if (typeof value !== 'number') return values;
	return Float64Array.from(values as readonly number[]);
}

/** The plain array of what `pack` packed. */
export function unpack(values: Packed): readonly unknown[] {
	return values instanceof Float64Array ? Array.from(values) : values;
}
