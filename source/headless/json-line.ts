/**
 * `value` as one line of JSON. What a task returned may hold things JSON cannot say (a bigint, a
 * Map, a Set, a cycle); those become readable stand-ins instead of breaking the stream.
 */
export function toJsonLine(value: unknown): string {
	try {
		return JSON.stringify(value, plain);
	} catch {
		// A cycle. Marking every object seen also marks an object shared without a cycle; only this
		// rare case pays for that.
		const seen = new WeakSet<object>();
		return JSON.stringify(value, (key, current: unknown) => {
			const converted = plain(key, current);
			if (typeof converted !== 'object' || converted === null) return converted;
			if (seen.has(converted)) return '[Circular]';
			seen.add(converted);
			return converted;
		});
	}
}

function plain(_key: string, value: unknown): unknown {
	if (typeof value === 'bigint') return `${value}n`;
	if (value instanceof Map) return Object.fromEntries(value);
	if (value instanceof Set) return [...value];
	return value;
}
