/** The typecodes of CPython's `array` module that procdash supports, and what each stores. */
export const typecodes = {
	b: {label: 'signed char', array: Int8Array},
	B: {label: 'unsigned char', array: Uint8Array},
	h: {label: 'signed short', array: Int16Array},
	H: {label: 'unsigned short', array: Uint16Array},
	i: {label: 'signed int', array: Int32Array},
	I: {label: 'unsigned int', array: Uint32Array},
	l: {label: 'signed long', array: BigInt64Array},
	L: {label: 'unsigned long', array: BigUint64Array},
	q: {label: 'signed long long', array: BigInt64Array},
	Q: {label: 'unsigned long long', array: BigUint64Array},
	f: {label: 'float', array: Float32Array},
	d: {label: 'double', array: Float64Array},
} as const;

/** One of the supported typecodes. */
export type Typecode = keyof typeof typecodes;

/** What a typecode's element is in JavaScript: a number, or a bigint for the 64-bit integers. */
export type Scalar = number | bigint;

/** The typecodes of 64-bit integers, whose elements are bigints. */
export type BigTypecode = 'l' | 'L' | 'q' | 'Q';

/**
 * What an element of typecode `T` reads as: `bigint` for `'l' 'L' 'q' 'Q'`, `number` for the
 * others; `number | bigint` when the typecode is not known until run time.
 */
export type ScalarOf<T extends Typecode> = T extends BigTypecode ? bigint : number;

/**
 * What an element of typecode `T` may be given: a number (an integer for the integer codes,
 * checked at run time), or for the 64-bit codes also a bigint.
 */
export type ScalarInput<T extends Typecode> = T extends BigTypecode ? bigint | number : number;

/** A typed array of any supported typecode. */
export type ScalarArray =
	| Int8Array
	| Uint8Array
	| Int16Array
	| Uint16Array
	| Int32Array
	| Uint32Array
	| BigInt64Array
	| BigUint64Array
	| Float32Array
	| Float64Array;

/** Throws a TypeError naming the supported typecodes unless `typecode` is one. */
export function checkTypecode(typecode: unknown, owner: string): Typecode {
	if (typeof typecode === 'string' && Object.hasOwn(typecodes, typecode))
		return typecode as Typecode;
	const known = Object.entries(typecodes)
		.map(([code, {label}]) => `'${code}' (${label})`)
		.join(', ');
	throw new TypeError(
		`${owner}: unknown typecode ${JSON.stringify(typecode)}; use one of ${known}`,
	);
}

/** True for the typecodes stored as bigint. */
export function isBigTypecode(typecode: Typecode): boolean {
	const {array} = typecodes[typecode];
	return array === BigInt64Array || array === BigUint64Array;
}

/** True for the floating-point typecodes. */
export function isFloatTypecode(typecode: Typecode): boolean {
	return typecode === 'f' || typecode === 'd';
}

/**
 * Checks that `value` fits the typecode's kind (an integer for integer codes, any number for
 * floats) and converts it to what the typed array stores. Out-of-range integers wrap like C.
 */
export function toScalar(typecode: Typecode, value: unknown, owner: string): Scalar {
	// A switch on the code rather than a look-up: this runs on every write, millions of times a
	// second in a thread.
	switch (typecode) {
		case 'l':
		case 'L':
		case 'q':
		case 'Q':
			if (typeof value === 'bigint') return value;
			if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
			break;
		case 'f':
		case 'd':
			if (typeof value === 'number') return value;
			break;
		default:
			if (typeof value === 'number' && Number.isInteger(value)) return value;
	}
	const expected = isFloatTypecode(typecode)
		? 'a number'
		: isBigTypecode(typecode)
			? 'an integer or a bigint'
			: 'an integer';
	throw new TypeError(`${owner}: typecode '${typecode}' takes ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'bigint') return `${value}n`;
	return String(value);
}
