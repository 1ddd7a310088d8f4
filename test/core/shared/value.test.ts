import {describe, expect, it} from 'vitest';
import {type Typecode, Value} from '../../../source/index.js';
import type {ValueInChild} from '../../fixtures/shared-tasks.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: only there is every change an event of its own, and .value refused in a child; test/core/shared/process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

const typecodes: readonly Typecode[] = ['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'f', 'd'];
const bigintTypecodes: readonly Typecode[] = ['l', 'L', 'q', 'Q'];

describe('Value in the process that owns it', () => {
	const orchestrator = useOrchestrator();

	it.each(typecodes)(
		"starts at zero when no initial value is given (typecode '%s')",
		async (code) => {
			const value = new Value(code, undefined, {orchestrator: orchestrator()});
			const zero = bigintTypecodes.includes(code) ? 0n : 0;

			expect(value.typecode).toBe(code);
			expect(value.value).toBe(zero);
			expect(await value.get()).toBe(zero);
		},
	);

	it('gets, sets, adds and compares-and-sets, and reads and writes .value synchronously', async () => {
		const value = new Value('i', 3, {orchestrator: orchestrator()});

		expect(await value.get()).toBe(3);
		await value.set(10);
		expect(value.value).toBe(10);
		expect(await value.add(5)).toBe(15);
		expect(await value.compareAndSet(15, 20)).toBe(true);
		expect(await value.compareAndSet(15, 30)).toBe(false);
		expect(value.value).toBe(20);

		value.value = -4;
		expect(value.value).toBe(-4);
		expect(await value.get()).toBe(-4);
	});

	it('rejects an unknown typecode with a TypeError that names the typecodes', () => {
		const make = () => new Value('x' as Typecode, 0, {orchestrator: orchestrator()});

		expect(make).toThrow(TypeError);
		expect(make).toThrow(/typecode "x"/);
		for (const code of typecodes) expect(make).toThrow(`'${code}'`);
	});

	it('rejects a value of the wrong type with a TypeError, whichever way it comes in', async () => {
		const options = {orchestrator: orchestrator()};
		const value = new Value('i', 1, options);

		expect(() => new Value('i', 1.5, options)).toThrow(TypeError);
		expect(() => new Value('d', 'one' as unknown as number, options)).toThrow(TypeError);
		await expect(value.set(1.5)).rejects.toBeInstanceOf(TypeError);
		await expect(value.set('ten' as unknown as number)).rejects.toBeInstanceOf(TypeError);
		await expect(value.add(0.5)).rejects.toBeInstanceOf(TypeError);
		await expect(value.compareAndSet(1, 1.5)).rejects.toBeInstanceOf(TypeError);
		expect(() => {
			value.value = 2.5;
		}).toThrow(TypeError);
		expect(value.value).toBe(1);
	});

	it('takes fractions for the float typecodes, single precision for f', async () => {
		const double = new Value('d', 1.5, {orchestrator: orchestrator()});
		const single = new Value('f', 0, {orchestrator: orchestrator()});

		expect(await double.add(0.25)).toBe(1.75);
		await single.set(0.1);
		expect(single.value).toBe(Math.fround(0.1));
	});

	it.each([
		['i', 2147483647, 1, -2147483648],
		['I', 4294967295, 1, 0],
		['b', 127, 1, -128],
		['B', 255, 1, 0],
		['h', -32768, -1, 32767],
		['H', 0, -1, 65535],
	] as const)("wraps like C: '%s' at %d plus %d is %d", async (code, start, delta, wrapped) => {
		const value = new Value(code, start, {orchestrator: orchestrator()});

		expect(await value.add(delta)).toBe(wrapped);
		expect(value.value).toBe(wrapped);
	});

	it("holds 64-bit integers as bigint for 'q', exactly and wrapping at 2^63", async () => {
		const value = new Value('q', 2n ** 53n, {orchestrator: orchestrator()});

		expect(await value.add(1)).toBe(2n ** 53n + 1n);
		expect(typeof value.value).toBe('bigint');

		await value.set(2n ** 63n - 1n);
		expect(await value.add(1n)).toBe(-(2n ** 63n));
	});
});

describe('Value in a child process', () => {
	const orchestrator = useOrchestrator();

	it('works through the async methods and refuses .value and wrong types with TypeErrors', async () => {
		// Given a value the test owns, passed to a child
		const value = new Value('i', 7, {name: 'counter', orchestrator: orchestrator()});

		// When a child uses it
		const child = await startSharedTask(orchestrator(), 'useValue', [value]);
		expect(await child.join()).toBe(0);

		// Then the child saw every change, and the owner sees the last one
		const seen = child.result as ValueInChild;
		expect(seen).toMatchObject({
			name: 'counter',
			typecode: 'i',
			initial: 7,
			afterSet: 10,
			added: 15,
			swapped: true,
			notSwapped: false,
			final: 20,
		});
		expect(value.value).toBe(20);
		expect(seen.readSync).toEqual({class: 'TypeError', message: expect.stringMatching(/get\(\)/)});
		expect(seen.writeSync).toEqual({class: 'TypeError', message: expect.stringMatching(/set\(/)});
		expect(seen.setFraction?.class).toBe('TypeError');
		expect(seen.setString?.class).toBe('TypeError');
	});

	it("carries a 'q' value's bigint to a child and back exactly", async () => {
		const value = new Value('q', 2n ** 53n, {orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'addOne', [value, 3]);

		expect(await child.join()).toBe(0);
		expect(value.value).toBe(2n ** 53n + 3n);
	});

	it('records each change as value:changed, by the process that made it', async () => {
		const value = new Value('i', 7, {name: 'counter', orchestrator: orchestrator()});
		const child = await startSharedTask(orchestrator(), 'useValue', [value], 'changer');
		await child.join();
		await value.set(21);

		const changes = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'value:changed')
			.map((event) => ({name: event.name, value: event.value, by: event.by.name}));
		expect(changes).toEqual([
			{name: 'counter', value: 10, by: 'changer'},
			{name: 'counter', value: 15, by: 'changer'},
			{name: 'counter', value: 20, by: 'changer'},
			{name: 'counter', value: 21, by: 'MainProcess'},
		]);
	});
});
