// Type tests: the build's tsc checks every line here (an `@ts-expect-error` that finds no error is
// itself an error), and vitest runs the run-time checks. expectTypeOf evaluates its argument, so
// methods are checked by their signature rather than called.
import {afterAll, expect, expectTypeOf, test} from 'vitest';
import {createOrchestrator, SharedArray, Value} from '../../../source/index.js';

const orchestrator = createOrchestrator({output: 'capture'});
afterAll(() => orchestrator.stop());

test("a Value's typecode gives its values their type: number, or bigint for l L q Q", async () => {
	const counter = new Value('i', 0, {orchestrator});
	const ratio = new Value('d', 0.5, {orchestrator});
	const total = new Value('q', 0n, {orchestrator});
	const fromNumber = new Value('Q', 7, {orchestrator});

	counter.value += 1; // the README's Threads example, which did not compile (TS2365)
	total.value += 1n;
	expectTypeOf(counter).toEqualTypeOf<Value<'i'>>();
	expectTypeOf(counter.value).toEqualTypeOf<number>();
	expectTypeOf(counter.get).returns.toEqualTypeOf<Promise<number>>();
	expectTypeOf(counter.add).returns.toEqualTypeOf<Promise<number>>();
	expectTypeOf(counter.addSync).returns.toEqualTypeOf<number>();
	expectTypeOf(ratio.value).toEqualTypeOf<number>();
	expectTypeOf(total.value).toEqualTypeOf<bigint>();
	expectTypeOf(total.add).returns.toEqualTypeOf<Promise<bigint>>();
	expectTypeOf(total.add).parameter(0).toEqualTypeOf<bigint | number>();
	expectTypeOf(fromNumber.get).returns.toEqualTypeOf<Promise<bigint>>();
	expectTypeOf(new Value('i', 0, {orchestrator}).typecode).toEqualTypeOf<'i'>();
	// A bare Value is one of any typecode.
	const any: Value = total;
	expectTypeOf(any.value).toEqualTypeOf<number | bigint>();

	// What the compiler refuses, the run time refuses too.
	// @ts-expect-error a bigint for 'i'
	const bigForInt = () => new Value('i', 1n, {orchestrator});
	// @ts-expect-error a bigint for 'i'
	const setBig = () => (counter.value = 2n);
	// @ts-expect-error a number added to a bigint
	const mixed = () => (total.value += 1);
	// @ts-expect-error not a typecode
	const unknownCode = () => new Value('x', 0, {orchestrator});
	for (const refused of [bigForInt, setBig, mixed, unknownCode]) expect(refused).toThrow(TypeError);
	// @ts-expect-error a Value<'q'> is no Value<'i'>
	const wrong: Value<'i'> = total;

	expect([counter.value, total.value, await fromNumber.get(), wrong.typecode]).toEqual([
		1,
		1n,
		7n,
		'q',
	]);
});

test('1.5 for an integer typecode compiles, and the run-time check refuses it', () => {
	expect(() => new Value('i', 1.5, {orchestrator})).toThrow(
		new TypeError("Value(): typecode 'i' takes an integer, got 1.5"),
	);
});

test("a SharedArray's typecode types its elements", async () => {
	const samples = new SharedArray('d', [0.5, 1.5], {orchestrator});
	const big = new SharedArray('q', 2, {orchestrator});

	expectTypeOf(samples.get).returns.toEqualTypeOf<Promise<number>>();
	expectTypeOf(samples.toArray).returns.toEqualTypeOf<Promise<number[]>>();
	expectTypeOf(big.add).returns.toEqualTypeOf<Promise<bigint>>();
	expectTypeOf(big.slice).returns.toEqualTypeOf<Promise<bigint[]>>();
	// @ts-expect-error a bigint for 'd'
	await expect(samples.set(0, 1n)).rejects.toThrow(TypeError);
	// @ts-expect-error bigints for 'd'
	const bigs = () => new SharedArray('d', [1n], {orchestrator});
	expect(bigs).toThrow(TypeError);

	expect(await samples.toArray()).toEqual([0.5, 1.5]);
});
