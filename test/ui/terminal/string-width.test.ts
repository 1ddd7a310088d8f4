import measure from 'string-width';
import {expect, test} from 'vitest';
import stringWidth from '../../../source/ui/terminal/string-width.js';

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
