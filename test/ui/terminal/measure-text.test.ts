import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import measureText, {rememberedTexts} from '../../../source/ui/terminal/measure-text.js';

type Measure = (text: string) => {width: number; height: number};

test("measures as Ink's measureText does", async () => {
	const inks = (await import(new URL('measure-text.js', import.meta.resolve('ink')).href)) as {
		default: Measure;
	};
	const texts = [
		'',
		'0:07',
		'cpu 1% of 2 · mem 425 MB / 23.6 GB',
		'two\nlines, the second longer',
		'\u001B[31mred\u001B[39m and 漢字',
		'🙂\n',
		'a\n\nb',
	];
	for (const text of texts) expect(measureText(text)).toEqual(inks.default(text));
});

test('remembers a bounded number of texts, however many it is given', () => {
	// A clock a second for a day: a new text each time.
	for (let second = 0; second < 86_400; second++) {
		const text = `${Math.floor(second / 3600)}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
		expect(measureText(text).width).toBe(text.length);
	}
	expect(rememberedTexts()).toBeLessThanOrEqual(4096);
});

test("the bundled dashboard's Ink measures with it, not with its own", () => {
	const bundle = readFileSync(
		fileURLToPath(new URL('../../../source/ui/bundle.js', import.meta.url)),
		'utf8',
	);
	expect(bundle).toContain('// dist/source/ui/terminal/measure-text.js');
	expect(bundle).not.toContain('// node_modules/ink/build/measure-text.js');
});
