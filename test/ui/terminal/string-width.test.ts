import measure from 'string-width';
import {expect, test} from 'vitest';
import stringWidth, {narrowRanges} from '../../../source/ui/terminal/string-width.js';
import {seeded} from '../../helpers/seeded.js';

test('measures as string-width does, printable ASCII or not, asked once or again', () => {
	const texts = [
		'',
		'procdash · s20.yaml · 20 running',
		'plain ASCII, with spaces ~!',
		'漢字',
		'🙂 and 👩‍👩‍👧',
		'e\u0301',
		'\u001B[31mred\u001B[39m',
		'tab\there',
		'\u0007bell',
	];
	for (const text of [...texts, ...texts]) expect(stringWidth(text)).toBe(measure(text));
	expect(stringWidth('漢字', {ambiguousIsNarrow: false})).toBe(
		measure('漢字', {ambiguousIsNarrow: false}),
	);
});

test('every character it counts as it reads is one column in string-width', () => {
	const wider: string[] = [];
	for (const [from, to] of narrowRanges)
		for (let code = from; code < to; code++) {
			const character = String.fromCharCode(code);
			if (measure(character) !== 1) wider.push(`U+${code.toString(16)}`);
		}
	expect(wider).toEqual([]);
});

test('measures lines of symbols, colour codes and anything else as string-width does', () => {
	const pieces = [
		'a',
		' ',
		'·',
		'›',
		'…',
		'└',
		'▾',
		'✓',
		'✗',
		'×',
		'\u001B[31m',
		'\u001B[39m',
		'\u001B[1;2;38;2;255;0;0m',
		'\u001B[m',
		'\u001B[;31m',
		'\u001B[12345m',
		'\u001B[;;0123456789m',
		'\u001B[',
		'\u001B',
		'\u001B]8;;https://example.com\u0007',
		'\u0007',
		'\u0301',
		'\uFE0F',
		'\u200D',
		'\u00AD',
		'漢',
		'🙂',
		'\u1100',
		'\u1161',
		'▶',
		'◽',
		'\u2028',
		'\t',
	];
	const random = seeded(7);
	for (let round = 0; round < 5000; round++) {
		let text = '';
		for (let piece = 0; piece < 1 + Math.floor(random() * 8); piece++)
			text += pieces[Math.floor(random() * pieces.length)];
		expect({text, width: stringWidth(text)}).toEqual({text, width: measure(text)});
	}
});
