import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {type Command, commandFor, commandsFor} from '../../source/ui/hooks/use-keymap.js';
import type {Mode} from '../../source/ui/view-state.js';

/** An Ink key with every flag false except those given. */
function key(flags: Partial<Key> = {}): Key {
	return {
		upArrow: false,
		downArrow: false,
		leftArrow: false,
		rightArrow: false,
		pageDown: false,
		pageUp: false,
		home: false,
		end: false,
		return: false,
		escape: false,
		ctrl: false,
		shift: false,
		tab: false,
		backspace: false,
		delete: false,
		meta: false,
		super: false,
		hyper: false,
		capsLock: false,
		numLock: false,
		...flags,
	};
}

// Ink reports the named keys with an empty input; Esc also comes with meta set.
const ctrlC = ['c', key({ctrl: true})] as const;
const escapeKey = key({escape: true, meta: true});

describe('the normal mode', () => {
	test.each<[string, string, Key, Command]>([
		['↑', '', key({upArrow: true}), 'up'],
		['↓', '', key({downArrow: true}), 'down'],
		['PgUp', '', key({pageUp: true}), 'page-up'],
		['PgDn', '', key({pageDown: true}), 'page-down'],
		['Home', '', key({home: true}), 'home'],
		['End', '', key({end: true}), 'end'],
		['Tab', '', key({tab: true}), 'next-panel'],
		['Enter', '', key({return: true}), 'open-log'],
		['Esc', '', escapeKey, 'back'],
		['n', 'n', key(), 'new-process'],
		['s', 's', key(), 'presets'],
		['k', 'k', key(), 'terminate'],
		['K', 'K', key({shift: true}), 'kill'],
		['p', 'p', key(), 'pause'],
		['r', 'r', key(), 'restart'],
		['/', '/', key(), 'filter'],
		['?', '?', key({shift: true}), 'help'],
		['o', 'o', key(), 'sort'],
		['q', 'q', key(), 'quit'],
		['Ctrl-C', ...ctrlC, 'quit'],
	])('%s means %s', (_name, input, pressed, command) => {
		expect(commandFor(input, pressed, 'normal')).toEqual(command);
		expect(commandsFor(input, pressed, 'normal')).toEqual([command]);
	});

	test('keys with no meaning there mean nothing', () => {
		for (const [input, pressed] of [
			['x', key()],
			['', key({leftArrow: true})],
			['', key({rightArrow: true})],
			['', key({backspace: true})],
		] as const) {
			expect(commandFor(input, pressed, 'normal')).toBeUndefined();
			expect(commandsFor(input, pressed, 'normal')).toEqual([]);
		}
	});

	// Ctrl-K, Ctrl-P, Alt-k … are chords of their own (Ctrl-C aside): the prompts refuse them as
	// text, and here they must not act on the selected process as the plain letter does.
	test('a letter with Ctrl or Alt is not that letter', () => {
		for (const input of ['k', 'K', 'p', 'r']) {
			expect(commandsFor(input, key({ctrl: true}), 'normal'), `Ctrl-${input}`).toEqual([]);
			expect(commandsFor(input, key({meta: true}), 'normal'), `Alt-${input}`).toEqual([]);
		}
	});
});

describe('the prompts', () => {
	test.each<Mode>(['command', 'filter'])(
		'in %s: text is typed, Enter, Esc and Backspace act',
		(mode) => {
			expect(commandFor('s', key(), mode)).toEqual({text: 's'});
			expect(commandFor('sleep 30', key(), mode)).toEqual({text: 'sleep 30'});
			// Letters that are keys elsewhere are only text here.
			expect(commandFor('q', key(), mode)).toEqual({text: 'q'});
			expect(commandFor('K', key({shift: true}), mode)).toEqual({text: 'K'});
			expect(commandFor('', key({return: true}), mode)).toBe('submit');
			expect(commandFor('', escapeKey, mode)).toBe('back');
			expect(commandFor('', key({backspace: true}), mode)).toBe('erase');
			expect(commandFor('', key({delete: true}), mode)).toBe('erase');
			expect(commandFor(...ctrlC, mode)).toBe('quit');
		},
	);

	test.each<Mode>(['command', 'filter'])('in %s: control characters are dropped', (mode) => {
		expect(commandFor('a\u0007b\u001B[2Jc', key(), mode)).toEqual({text: 'ab[2Jc'});
		expect(commandFor('x\ty\u007F\r', key(), mode)).toEqual({text: 'xy'});
		expect(commandFor('\u001B', key(), mode)).toBeUndefined();
		expect(commandFor('', key({upArrow: true}), mode)).toBeUndefined();
		expect(commandFor('', key({tab: true}), mode)).toBeUndefined();
		expect(commandFor('a', key({ctrl: true}), mode)).toBeUndefined();
		expect(commandFor('a', key({meta: true}), mode)).toBeUndefined();
	});

	test('a chunk typed in a prompt is one piece of text, never keys', () => {
		expect(commandsFor('kkq', key(), 'command')).toEqual([{text: 'kkq'}]);
		expect(commandsFor('/web', key(), 'filter')).toEqual([{text: '/web'}]);
	});

	test('a pasted line that ends with Enter is typed, then submitted', () => {
		expect(commandsFor('sleep 30\r', key(), 'command')).toEqual([{text: 'sleep 30'}, 'submit']);
		expect(commandsFor('web\n', key(), 'filter')).toEqual([{text: 'web'}, 'submit']);
		expect(commandsFor('\r\n', key(), 'command')).toEqual(['submit']);
	});
});

describe('the help', () => {
	test('any key closes it', () => {
		for (const [input, pressed] of [
			['x', key()],
			['q', key()],
			['?', key({shift: true})],
			['', key({return: true})],
			['', escapeKey],
			['', key({upArrow: true})],
			['', key({tab: true})],
		] as const)
			expect(commandFor(input, pressed, 'help')).toBe('back');
	});

	test('Ctrl-C still quits', () => {
		expect(commandFor(...ctrlC, 'help')).toBe('quit');
		expect(commandsFor(...ctrlC, 'help')).toEqual(['quit']);
	});
});

describe('the preset menu', () => {
	test('↑/↓ choose, Enter plays, Esc, s and q close, Ctrl-C quits', () => {
		expect(commandFor('', key({upArrow: true}), 'menu')).toBe('up');
		expect(commandFor('', key({downArrow: true}), 'menu')).toBe('down');
		expect(commandFor('', key({return: true}), 'menu')).toBe('submit');
		expect(commandFor('', escapeKey, 'menu')).toBe('back');
		expect(commandFor('s', key(), 'menu')).toBe('back');
		expect(commandFor('q', key(), 'menu')).toBe('back');
		expect(commandFor(...ctrlC, 'menu')).toBe('quit');
	});

	test('the keys that act on processes do nothing while it is open', () => {
		for (const input of ['k', 'K', 'p', 'r', 'n', '/', 'o', '?'])
			expect(commandFor(input, key(), 'menu')).toBeUndefined();
	});
});

describe('a chunk of several characters in the normal mode', () => {
	test('a pasted "/web" opens the filter with "web" typed in it', () => {
		expect(commandsFor('/web', key(), 'normal')).toEqual(['filter', {text: 'web'}]);
	});

	// The rest of the chunk goes into the prompt: it must be what the prompt itself would take
	// from the same paste, with no control character and Enter pressed at the end of the line.
	test('a pasted "/web" and Enter filters, as the same paste into the open prompt does', () => {
		expect(commandsFor('/web\r', key(), 'normal')).toEqual(['filter', {text: 'web'}, 'submit']);
		expect(commandsFor('nsleep 30\r', key(), 'normal')).toEqual([
			'new-process',
			{text: 'sleep 30'},
			'submit',
		]);
	});

	test('control characters in the rest of a pasted chunk are dropped', () => {
		expect(commandsFor('/w\u0007e\tb', key(), 'normal')).toEqual(['filter', {text: 'web'}]);
	});

	test('"n" then a command line opens the prompt with the line typed', () => {
		expect(commandsFor('nsleep 30', key(), 'normal')).toEqual(['new-process', {text: 'sleep 30'}]);
	});

	test('each character is a key: "kk" terminates twice, unknown characters are skipped', () => {
		expect(commandsFor('kk', key(), 'normal')).toEqual(['terminate', 'terminate']);
		expect(commandsFor('xkyo', key(), 'normal')).toEqual(['terminate', 'sort']);
	});

	test('nothing after q is read', () => {
		expect(commandsFor('oqk', key(), 'normal')).toEqual(['sort', 'quit']);
	});

	test('"/" or "n" at the end opens the prompt with nothing typed', () => {
		expect(commandsFor('o/', key(), 'normal')).toEqual(['sort', 'filter']);
		expect(commandsFor('kn', key(), 'normal')).toEqual(['terminate', 'new-process']);
	});
});
