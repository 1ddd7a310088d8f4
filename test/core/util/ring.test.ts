import {expect, test} from 'vitest';
import {Ring} from '../../../source/core/util/ring.js';

test('a ring keeps the last items in order and counts every push', () => {
	const ring = new Ring<number>(3);
	expect(ring.items()).toEqual([]);
	for (const item of [1, 2]) ring.push(item);
	expect(ring.items()).toEqual([1, 2]);
	for (const item of [3, 4, 5, 6, 7]) ring.push(item);
	expect(ring.items()).toEqual([5, 6, 7]);
	expect(ring.total).toBe(7);
});
