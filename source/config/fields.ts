import type {Locate} from './locate.js';

/** A mapping read from YAML: field names to values. */
export type Fields = Record<string, unknown>;

/**
 * Collects the problems of one file, each as `file:line:col: field.path: what was expected, got
 * what` (`file: field.path: …` where the place is unknown: data that came from no file).
 */
export class Problems {
	/** Every problem so far, as printed. */
	readonly lines: string[] = [];
	readonly #locate: Locate;
	/**
	 * @param file the scenario file as named on the command line
	 * @param locate where a field is in the file
	 */
	constructor(
		readonly file: string,
		locate: Locate = () => undefined,
	) {
		this.#locate = locate;
	}
	/**
	 * Adds a problem at `field` (a dotted path; '' for the whole file), placed at its value, or at
	 * its key with `key`; `at` places it at another field than the one named.
	 */
	add(field: string, message: string, {key = false, at = field} = {}): void {
		const place = this.#locate(at, {key});
		const where = place ? `${this.file}:${place}` : this.file;
		this.lines.push(`${where}: ${field ? `${field}: ` : ''}${message}`);
	}
}

/** Adds a problem for each field of `fields` not in `known`, suggesting a close one. */
export function unknownFields(
	fields: Fields,
	known: readonly string[],
	at: string,
	problems: Problems,
): void {
	for (const field of Object.keys(fields)) {
		if (known.includes(field)) continue;
		const close = known.find((name) => distance(name, field) <= 2);
		problems.add(
			at ? `${at}.${field}` : field,
			`unknown field${close ? ` (did you mean '${close}'?)` : ''}; the fields here are: ${known.join(', ')}`,
			{key: true},
		);
	}
}

/** `value` when it is one of `allowed`; undefined (and a problem unless absent) otherwise. */
export function oneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	at: string,
	problems: Problems,
): T | undefined {
	if (value === undefined) return undefined;
	if (allowed.includes(value as T)) return value as T;
	problems.add(at, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
	return undefined;
}

/** `fields[key]` when absent or a string; a problem otherwise. */
export function optionalString(
	fields: Fields,
	key: string,
	at: string,
	problems: Problems,
): string | undefined {
	const value = fields[key];
	if (value === undefined || typeof value === 'string') return value;
	problems.add(at, `expected a string, got ${describe(value)}`);
	return undefined;
}

/** `fields[key]` when absent or true/false; a problem otherwise. */
export function optionalBoolean(
	fields: Fields,
	key: string,
	at: string,
	problems: Problems,
): boolean | undefined {
	const value = fields[key];
	if (value === undefined || typeof value === 'boolean') return value;
	problems.add(at, `expected true or false, got ${describe(value)}`);
	return undefined;
}

/** `fields[key]` when absent or a number of at least `min` (whole if `integer`); a problem otherwise. */
export function optionalNumber(
	fields: Fields,
	key: string,
	at: string,
	problems: Problems,
	{min, integer = false}: {readonly min: number; readonly integer?: boolean},
): number | undefined {
	const value = fields[key];
	if (value === undefined) return undefined;
	const valid =
		typeof value === 'number' &&
		Number.isFinite(value) &&
		value >= min &&
		(!integer || Number.isInteger(value));
	if (valid) return value;
	problems.add(
		at,
		`expected ${integer ? 'a whole number' : 'a number'}, ${min} or more, got ${describe(value)}`,
	);
	return undefined;
}

/** True for a YAML mapping (a plain object), not a list or a scalar. */
export function isMapping(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as an error message names it: `'sometimes'`, `5`, `true`, `a list`, `nothing`. */
export function describe(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string') return `'${value}'`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	return String(value);
}

// Edit distance, for "did you mean": enough for the typos a field name gets.
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				(previous[j] as number) + 1,
				(current[j - 1] as number) + 1,
				(previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}
		previous = current;
	}
	return previous[b.length] as number;
}
