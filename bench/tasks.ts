// What the benchmarks' workers run: tasks so small that only the pool's own cost is measured.

/** `x * x`, the trivial task of the pool benchmark (Python's is the same). */
export function square(x: number): number {
	return x * x;
}
