import {describe, expect, test} from 'vitest';
import {type Edit, editLine, insertText, type Line} from '../../source/ui/line-edit.js';

/** A line written with `|` where the cursor stands: `sle|ep`. */
function at(marked: string): Line {
	const cursor = marked.indexOf('|');
	return {text: marked.replace('|', ''), cursor};
}

/** The line after `edits`, written back with `|` at the cursor. */
function edited(marked: string, ...edits: Edit[]): string {
	const {text, cursor} = edits.reduce(editLine, at(marked));
	return `${text.slice(0, cursor)}|${text.slice(cursor)}`;
}

describe('editLine: the keys of a prompt', () => {
	test('← and → move a character, and stop at either end', () => {
		expect(edited('sle|ep', 'left')).toBe('sl|eep');
		expect(edited('sle|ep', 'right', 'right')).toBe('sleep|');
		expect(edited('|sleep', 'left')).toBe('|sleep');
		expect(edited('sleep|', 'right')).toBe('sleep|');
	});

	test('Home and End (Ctrl-A, Ctrl-E) go to the start and the end', () => {
		expect(edited('sle|ep 30', 'start')).toBe('|sleep 30');
		expect(edited('sle|ep 30', 'end')).toBe('sleep 30|');
	});

	test('Backspace erases before the cursor, Delete under it', () => {
		expect(edited('sleep 3|0', 'erase-back')).toBe('sleep |0');
		expect(edited('sleep 3|0', 'erase-forward')).toBe('sleep 3|');
		expect(edited('|sleep', 'erase-back')).toBe('|sleep');
		expect(edited('sleep|', 'erase-forward')).toBe('sleep|');
	});

	test('Ctrl-U erases everything before the cursor', () => {
		expect(edited('sleep |30', 'erase-to-start')).toBe('|30');
	});

	test('Ctrl-W erases the word before the cursor and the blanks after it', () => {
		expect(edited('sh -c echo|', 'erase-word')).toBe('sh -c |');
		expect(edited('sh -c echo  |', 'erase-word')).toBe('sh -c |');
		expect(edited('sh -c ec|ho', 'erase-word')).toBe('sh -c |ho');
		expect(edited('sh -c echo|', 'erase-word', 'erase-word', 'erase-word')).toBe('|');
		expect(edited('|sleep', 'erase-word')).toBe('|sleep');
	});

	test('a character is what a person sees: an emoji or a CJK one, never half of one', () => {
		expect(edited('a👩‍💻|b', 'left')).toBe('a|👩‍💻b');
		expect(edited('a|👩‍💻b', 'right')).toBe('a👩‍💻|b');
		expect(edited('計算|', 'erase-back')).toBe('計|');
		expect(edited('a|🚀b', 'erase-forward')).toBe('a|b');
		expect(edited('echo 計算 🚀|', 'erase-word')).toBe('echo 計算 |');
	});
});

describe('insertText', () => {
	test('text goes in at the cursor, which ends after it', () => {
		const {text, cursor} = insertText(at('sleep |0'), '3');
		expect(`${text.slice(0, cursor)}|${text.slice(cursor)}`).toBe('sleep 3|0');
	});
});
