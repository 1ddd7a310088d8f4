// Option checks, one message form for all: `Pool(): processes must be a whole number ≥ 1, got 0`.
// `owner` names what was called (`Pool()`, `map()`, `Lock-1.acquire()`); a wrong type is a
// TypeError, a number out of range a RangeError.

/** How a value the caller gave is shown in a message: strings quoted, the rest as written. */
export function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'bigint') return `${value}n`;
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'function') return 'a function';
	if (typeof value === 'object' && value !== null) return 'an object';
	return String(value);
}

/** Throws a TypeError: `owner: name must be what, got value`. */
export function refuse(owner: string, name: string, what: string, value: unknown): never {
	throw new TypeError(`${owner}: ${name} must be ${what}, got ${shown(value)}`);
}

/** Throws unless `value` is an object (not null); `name` is `options` unless said. */
export function checkObject(
	owner: string,
	value: unknown,
	name = 'options',
): asserts value is object {
	if (typeof value !== 'object' || value === null) refuse(owner, name, 'an object', value);
}

/** Throws unless `value` is undefined or a non-empty string. */
export function checkName(owner: string, value: unknown, name = 'name'): void {
	if (value !== undefined && (typeof value !== 'string' || value === ''))
		refuse(owner, name, 'a non-empty string', value);
}

/** Throws a TypeError unless `value` is one of `allowed`: `backend must be 'process' or 'thread'`. */
export function checkOneOf<T extends string>(
	owner: string,
	name: string,
	allowed: readonly T[],
	value: unknown,
): asserts value is T {
	if (allowed.includes(value as T)) return;
	const quoted = allowed.map((each) => `'${each}'`);
	const what =
		quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : `${quoted[0]}`;
	refuse(owner, name, what, value);
}

/** Throws unless `value` is undefined or an array. */
export function checkArray(owner: string, name: string, value: unknown): void {
	if (value !== undefined && !Array.isArray(value)) refuse(owner, name, 'an array', value);
}

/** Throws unless `value` is undefined or a boolean. */
export function checkBoolean(owner: string, name: string, value: unknown): void {
	if (value !== undefined && typeof value !== 'boolean') refuse(owner, name, 'a boolean', value);
}

/** Throws unless `value` is a whole number ≥ `min`. */
export function checkWholeNumber(
	owner: string,
	name: string,
	value: unknown,
	min: number,
): asserts value is number {
	if (typeof value !== 'number') refuse(owner, name, `a whole number ≥ ${min}`, value);
	if (!Number.isInteger(value) || value < min) {
		throw new RangeError(`${owner}: ${name} must be a whole number ≥ ${min}, got ${shown(value)}`);
	}
}

/** Throws unless `value` is a number ≥ `min` (not NaN). */
export function checkNumber(
	owner: string,
	name: string,
	value: unknown,
	min: number,
): asserts value is number {
	if (typeof value !== 'number') refuse(owner, name, `a number ≥ ${min}`, value);
	if (!(value >= min)) {
		throw new RangeError(`${owner}: ${name} must be a number ≥ ${min}, got ${shown(value)}`);
	}
}

/** Throws a TypeError unless `value` is undefined or a number of milliseconds ≥ 0. */
export function checkTimeout(owner: string, value: unknown, name = 'timeoutMs'): void {
	if (value !== undefined && !(typeof value === 'number' && value >= 0))
		refuse(owner, name, 'a number of milliseconds ≥ 0', value);
}

/** Throws a TypeError unless `value` is undefined or an AbortSignal. */
export function checkSignal(owner: string, value: unknown, name = 'signal'): void {
	if (value !== undefined && !(value instanceof AbortSignal))
		refuse(owner, name, 'an AbortSignal', value);
}
