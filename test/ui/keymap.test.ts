import {describe, expect, test} from 'vitest';
import {type Command, commandFor, nextKey} from '../../source/ui/hooks/use-keymap.js';
import {escapeKey, type Keypress, splitKeys} from '../../source/ui/terminal/keypresses.js';
import type {Mode} from '../../source/ui/view-state.js';

/** The one key that a terminal sends as `raw`; a lone ESC is the Escape key. */
function key(raw: string): Keypress {
	if (raw === '\u001B') return escapeKey;
	const {keys} = splitKeys(raw);
	if (keys.length !== 1) throw new Error(`${JSON.stringify(raw)} is ${keys.length} keys`);
	return keys[0] as Keypress;
}

const up = '\u001B[A';
const down = '\u001B[B';
const right = '\u001B[C';
const left = '\u001B[D';
const home = '\u001B[H';
const end = '\u001B[F';
const pageUp = '\u001B[5~';
const pageDown = '\u001B[6~';
const deleteKey = '\u001B[3~';
const backspace = '\u007F';
const ctrlC = '\u0003';

describe('the normal mode', () => {
	test.each<[string, string, Command]>([
		['↑', up, 'up'],
		['↓', down, 'down'],
		['PgUp', pageUp, 'page-up'],
		['PgDn', pageDown, 'page-down'],
		['Home', home, 'home'],
		['End', end, 'end'],
		['Tab', '\t', 'next-panel'],
		['Enter', '\r', 'open-log'],
		['Esc', '\u001B', 'back'],
		['n', 'n', 'new-process'],
		['s', 's', 'presets'],
		['k', 'k', 'terminate'],
		['K', 'K', 'kill'],
		['p', 'p', 'pause'],
		['r', 'r', 'restart'],
		['/', '/', 'filter'],
		['?', '?', 'help'],
		['o', 'o', 'sort'],
		['q', 'q', 'quit'],
		['Ctrl-C', ctrlC, 'quit'],
	])('%s means %s', (_name, raw, command) => {
		expect(commandFor(key(raw), 'normal')).toEqual(command);
	});

	test('keys with no meaning there mean nothing', () => {
		for (const raw of ['x', left, right, backspace, deleteKey, '\u001B[15~'])
			expect(commandFor(key(raw), 'normal'), JSON.stringify(raw)).toBeUndefined();
	});

	// Ctrl-K, Ctrl-P, Alt-k … are chords of their own (Ctrl-C aside): they must not act on the
	// selected process as the plain letter does.
	test('a letter with Ctrl or Alt is not that letter', () => {
		for (const [raw, name] of [
			['\u000B', 'Ctrl-K'],
			['\u0010', 'Ctrl-P'],
			['\u0012', 'Ctrl-R'],
			['\u001Bk', 'Alt-k'],
			['\u001BK', 'Alt-K'],
			['\u001Bp', 'Alt-p'],
		])
			expect(commandFor(key(raw as string), 'normal'), name).toBeUndefined();
	});
});

describe('the prompts', () => {
	test.each<Mode>(['command', 'filter'])(
		'in %s: text is typed, Enter and Esc act, Ctrl-C quits',
		(mode) => {
			expect(commandFor(key('s'), mode)).toEqual({text: 's'});
			expect(commandFor(key('sleep 30'), mode)).toEqual({text: 'sleep 30'});
			// Letters that are keys elsewhere are only text here.
			expect(commandFor(key('q'), mode)).toEqual({text: 'q'});
			expect(commandFor(key('K'), mode)).toEqual({text: 'K'});
			expect(commandFor(key('\r'), mode)).toBe('submit');
			expect(commandFor(key('\u001B'), mode)).toBe('back');
			expect(commandFor(key(ctrlC), mode)).toBe('quit');
		},
	);

	test.each<Mode>(['command', 'filter'])(
		'in %s: the cursor moves and erases as in a shell',
		(mode) => {
			for (const [raw, edit] of [
				[left, 'left'],
				[right, 'right'],
				[home, 'start'],
				['\u001BOH', 'start'],
				['\u001B[1~', 'start'],
				['\u0001', 'start'],
				[end, 'end'],
				['\u001B[4~', 'end'],
				['\u0005', 'end'],
				[backspace, 'erase-back'],
				['\b', 'erase-back'],
				[deleteKey, 'erase-forward'],
				['\u0015', 'erase-to-start'],
				['\u0017', 'erase-word'],
				['\u001B\u007F', 'erase-word'],
			] as const)
				expect(commandFor(key(raw), mode), JSON.stringify(raw)).toEqual({edit});
		},
	);

	test.each<Mode>(['command', 'filter'])('in %s: other keys type nothing', (mode) => {
		for (const raw of [up, down, '\t', '\u0007', '\u001Bk', '\u000B', '\u009B'])
			expect(commandFor(key(raw), mode), JSON.stringify(raw)).toBeUndefined();
	});
});

describe('the help', () => {
	test('any key closes it; Ctrl-C still quits', () => {
		for (const raw of ['x', 'q', '?', '\r', '\u001B', up, '\t'])
			expect(commandFor(key(raw), 'help')).toBe('back');
		expect(commandFor(key(ctrlC), 'help')).toBe('quit');
	});
});

describe('the preset menu', () => {
	test('↑/↓ choose, Home/End the first and last, Enter plays, Esc, s and q close', () => {
		expect(commandFor(key(up), 'menu')).toBe('up');
		expect(commandFor(key(down), 'menu')).toBe('down');
		expect(commandFor(key(home), 'menu')).toBe('home');
		expect(commandFor(key('\u001B[1~'), 'menu')).toBe('home');
		expect(commandFor(key(end), 'menu')).toBe('end');
		expect(commandFor(key('\u001B[4~'), 'menu')).toBe('end');
		expect(commandFor(key('\r'), 'menu')).toBe('submit');
		expect(commandFor(key('\u001B'), 'menu')).toBe('back');
		expect(commandFor(key('s'), 'menu')).toBe('back');
		expect(commandFor(key('q'), 'menu')).toBe('back');
		expect(commandFor(key(ctrlC), 'menu')).toBe('quit');
	});

	test('the keys that act on processes do nothing while it is open', () => {
		for (const raw of ['k', 'K', 'p', 'r', 'n', '/', 'o', '?'])
			expect(commandFor(key(raw), 'menu')).toBeUndefined();
	});
});

describe('nextKey: keys that arrived together, one at a time', () => {
	const text = (typed: string): Keypress => ({kind: 'text', text: typed});

	test('outside a prompt a run of text is one key per character, in order', () => {
		const [first, rest] = nextKey([text('kko'), key(down)], 'normal');
		expect(first).toEqual(text('k'));
		expect(rest).toEqual([text('ko'), key(down)]);
		expect(nextKey(rest, 'normal')).toEqual([text('k'), [text('o'), key(down)]]);
		expect(nextKey([text('o'), key(down)], 'normal')).toEqual([text('o'), [key(down)]]);
	});

	test('in a prompt a run of text is one key: what was pasted is typed as it was', () => {
		for (const mode of ['command', 'filter'] as const)
			expect(nextKey([text('sleep 30'), key('\r')], mode)).toEqual([text('sleep 30'), [key('\r')]]);
	});

	test('a character outside the Basic Multilingual Plane is one key, not two halves', () => {
		expect(nextKey([text('🚀k')], 'normal')).toEqual([text('🚀'), [text('k')]]);
	});

	test('named keys go one by one; nothing is left of an empty queue', () => {
		expect(nextKey([key(down), key(down)], 'normal')).toEqual([key(down), [key(down)]]);
		expect(nextKey([], 'normal')).toEqual([undefined, []]);
	});
});
