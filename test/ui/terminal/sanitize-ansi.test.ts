import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {sanitizeAnsiFast} from '../../../source/ui/terminal/sanitize-ansi.js';
import {seeded} from '../../helpers/seeded.js';

type Sanitize = (text: string) => string;

async function inks(): Promise<Sanitize> {
	const module = (await import(new URL('sanitize-ansi.js', import.meta.resolve('ink')).href)) as {
		default: Sanitize;
	};
	return module.default;
}

test("gives what Ink's sanitizeAnsi gives, and hands it only the texts it changes", async () => {
	const ink = await inks();
	const handed: string[] = [];
	const fast = sanitizeAnsiFast((text) => {
		handed.push(text);
		return ink(text);
	});
	const kept = [
		'',
		'  s1                     3363     3327 running ',
		'\u001B[32mrunning\u001B[39m 0:05 漢字 🙂',
		'\u001B[1;38;2;255;0;0mbold red\u001B[0m',
		'\u001B[38:5:208morange\u001B[m',
	];
	const changed = [
		'\u001B[2Jcleared',
		'up\u001B[1A',
		'a bell \u0007 and \u001B]8;;https://example.com\u0007link\u001B]8;;\u0007',
		'a C1 CSI \u009B31m',
		'a lone escape \u001B',
		'\u001B[31',
		'\u001B[?25l hidden cursor',
		'\u001B[1 m an intermediate',
	];
	for (const text of [...kept, ...changed]) expect(fast(text)).toBe(ink(text));
	expect(handed).toEqual(changed);
});

test('agrees with Ink on texts drawn at random from letters, escapes and sequence bytes', async () => {
	const ink = await inks();
	const fast = sanitizeAnsiFast(ink);
	const random = seeded(18);
	const pieces = [
		'a',
		' ',
		'\u001B',
		'[',
		'3',
		'1',
		';',
		':',
		'm',
		'?',
		'J',
		']',
		'\u0007',
		'\u009B',
	];
	for (let draw = 0; draw < 5000; draw++) {
		const text = Array.from(
			{length: Math.floor(random() * 12)},
			() => pieces[Math.floor(random() * pieces.length)],
		).join('');
		expect(fast(text)).toBe(ink(text));
	}
});

test('takes linear time on a long text it must hand on', async () => {
	const ink = await inks();
	const fast = sanitizeAnsiFast(ink);
	// A backtracking pattern would try every way of splitting the run before the escape.
	const text = `${'\u001B[31m'.repeat(20_000)}${'a'.repeat(20_000)}\u001B`;
	expect(fast(text)).toBe(ink(text));
});

test("the bundled dashboard's Ink sanitizes with it", () => {
	const bundle = readFileSync(
		fileURLToPath(new URL('../../../source/ui/bundle.js', import.meta.url)),
		'utf8',
	);
	expect(bundle).toContain('sanitizeAnsiFast(sanitize_ansi_default)');
});
