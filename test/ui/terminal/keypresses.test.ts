import {describe, expect, test} from 'vitest';
import {
	escapeKey,
	flushKeys,
	type Keypress,
	splitKeys,
} from '../../../source/ui/terminal/keypresses.js';

/** A named key, with the modifiers given. */
function named(name: string, modifiers: {ctrl?: boolean; meta?: boolean; shift?: boolean} = {}) {
	return {kind: 'key', name, ctrl: false, meta: false, shift: false, ...modifiers} as Keypress;
}

const text = (typed: string): Keypress => ({kind: 'text', text: typed});

describe('splitKeys: every key of a piece of input, in order', () => {
	test('three ↓ sent in one write are three keys', () => {
		expect(splitKeys('\u001B[B\u001B[B\u001B[B')).toEqual({
			keys: [named('down'), named('down'), named('down')],
			pending: '',
		});
	});

	test('two Backspaces in one write are two keys, and Delete is not Backspace', () => {
		expect(splitKeys('\u007F\u007F').keys).toEqual([named('backspace'), named('backspace')]);
		expect(splitKeys('\u001B[3~\b').keys).toEqual([named('delete'), named('backspace')]);
	});

	test('printable runs stay text between the keys that cut them', () => {
		expect(splitKeys('sleep 30\r').keys).toEqual([text('sleep 30'), named('return')]);
		expect(splitKeys('ab\u001B[Dc\u007Fd\n').keys).toEqual([
			text('ab'),
			named('left'),
			text('c'),
			named('backspace'),
			text('d'),
			named('return'),
		]);
		expect(splitKeys('計算 🚀').keys).toEqual([text('計算 🚀')]);
	});

	test('control characters are keys of their own: Tab, Ctrl-letters', () => {
		expect(splitKeys('\t\u0001\u0005\u0015\u0017\u0003').keys).toEqual([
			named('tab'),
			named('a', {ctrl: true}),
			named('e', {ctrl: true}),
			named('u', {ctrl: true}),
			named('w', {ctrl: true}),
			named('c', {ctrl: true}),
		]);
	});

	test('the many spellings of Home, End and the arrows', () => {
		for (const [raw, name] of [
			['\u001B[H', 'home'],
			['\u001B[1~', 'home'],
			['\u001B[7~', 'home'],
			['\u001BOH', 'home'],
			['\u001B[F', 'end'],
			['\u001B[4~', 'end'],
			['\u001B[8~', 'end'],
			['\u001BOF', 'end'],
			['\u001BOA', 'up'],
			['\u001B[5~', 'pageup'],
			['\u001B[6~', 'pagedown'],
			['\u001B[2~', 'insert'],
			['\u001B[15~', 'unknown'],
		] as const)
			expect(splitKeys(raw).keys, JSON.stringify(raw)).toEqual([named(name)]);
	});

	test('modifiers: xterm parameters, Alt as a leading ESC, Shift-Tab', () => {
		expect(splitKeys('\u001B[1;5D').keys).toEqual([named('left', {ctrl: true})]);
		expect(splitKeys('\u001B[1;2A').keys).toEqual([named('up', {shift: true})]);
		expect(splitKeys('\u001B[3;3~').keys).toEqual([named('delete', {meta: true})]);
		expect(splitKeys('\u001B\u001B[A').keys).toEqual([named('up', {meta: true})]);
		expect(splitKeys('\u001Bk').keys).toEqual([named('k', {meta: true})]);
		expect(splitKeys('\u001B\u007F').keys).toEqual([named('backspace', {meta: true})]);
		expect(splitKeys('\u001B[Z').keys).toEqual([named('tab', {shift: true})]);
	});

	test('a sequence cut off at the end waits for the rest, which completes it', () => {
		for (const cut of ['\u001B', '\u001B[', '\u001B[1;5', '\u001BO', '\u001B\u001B']) {
			const first = splitKeys(`k${cut}`);
			expect(first, JSON.stringify(cut)).toEqual({keys: [text('k')], pending: cut});
		}
		const [head, tail] = ['\u001B[1;', '5D'];
		const first = splitKeys(head);
		expect(splitKeys(first.pending + tail)).toEqual({
			keys: [named('left', {ctrl: true})],
			pending: '',
		});
	});

	test('Esc Esc is two Escapes; ESC then a character that ends no sequence is Alt with it', () => {
		expect(splitKeys('\u001B\u001Bx').keys).toEqual([escapeKey, named('x', {meta: true})]);
	});
});

describe('flushKeys: a cut-off sequence that never completed', () => {
	test('a lone ESC is the Escape key', () => {
		expect(flushKeys('\u001B')).toEqual([escapeKey]);
	});

	test('two ESCs are two Escapes; what followed an ESC is read as keys', () => {
		expect(flushKeys('\u001B\u001B')).toEqual([escapeKey, escapeKey]);
		expect(flushKeys('\u001B[1;')).toEqual([escapeKey, text('[1;')]);
	});
});
