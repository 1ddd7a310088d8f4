import {describe, expect, test} from 'vitest';
import {drawOutput, type OutputState} from '../../../source/ui/terminal/draw-output.js';
import {importInkOutput} from '../../../source/ui/terminal/ink-output.js';
import {FrameCaches} from '../../../source/ui/terminal/line-cache.js';
import {seeded} from '../../helpers/seeded.js';

type InkOutput = OutputState & {
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	clip(clip: object): void;
	unclip(): void;
	get(): {output: string; height: number};
	caches: unknown;
};
type InkOutputClass = new (options: {width: number; height: number}) => InkOutput;

// Ink's own Output, whose get() is the reference: this file never installs the shared caches.
const Output = (await importInkOutput()).default as unknown as InkOutputClass;

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const bold = (text: string) => `\u001B[1m${text}\u001B[22m`;
const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;

type Step =
	| {write: [number, number, string]; upper?: boolean}
	| {clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| 'unclip';

// One frame: the same operations on Ink's Output and on ours.
function frame(width: number, height: number, steps: readonly Step[]): InkOutput {
	const output = new Output({width, height});
	for (const step of steps) {
		if (step === 'unclip') output.unclip();
		else if ('clip' in step) output.clip(step.clip);
		else {
			const upper = (line: string) => line.toUpperCase();
			output.write(...step.write, {transformers: step.upper ? [upper] : []});
		}
	}
	return output;
}

function screen(uptime: string, note: string): Step[] {
	return [
		{write: [0, 0, `${bold('procdash')} · 20 running · ${uptime}`]},
		{clip: {x1: 0, x2: 30, y1: 1, y2: 6}},
		{write: [0, 1, inverse(`› s1   running   ${uptime}`)]},
		{write: [2, 2, `${red('failed')}${red(' exit 1')} 漢字 and 🙂 ${uptime}`]},
		{write: [25, 3, 'a line cut by the clip on its right side']},
		{write: [-3, 4, 'starts left of the clip']},
		{write: [0, 9, 'below the clip: not drawn']},
		'unclip',
		{write: [0, 5, `two\nlines ${note}`], upper: true},
		{write: [10, 7, `${red('red')}${red('red again')}, then plain`]},
		{write: [0, 12, 'below the frame: dropped']},
	];
}

describe("the dashboard's frames, drawn with what the last frames left", () => {
	test("are Ink's frames, string for string, frame after frame", () => {
		const caches = new FrameCaches();
		const frames = [
			screen('0:01', 'a'),
			screen('0:02', 'a'),
			screen('0:02', 'a'),
			screen('0:03', 'b'),
			screen('0:03', 'b'),
		];
		for (const steps of frames) {
			const ours = frame(40, 10, steps);
			const drawn = caches.draw(ours.caches as never, () => drawOutput(ours, caches));
			expect(drawn).toEqual(frame(40, 10, steps).get());
		}
	});

	test('an unchanged line keeps its string; a changed one is drawn anew', () => {
		const caches = new FrameCaches();
		const texts: string[] = [];
		const draw = (uptime: string) => {
			const output = frame(20, 2, [{write: [0, 0, 'header']}, {write: [0, 1, uptime]}]);
			return caches.draw(output.caches as never, () =>
				drawOutput(output, {
					...caches,
					getStyledChars: (line) => caches.getStyledChars(line),
					getStringWidth: (text) => caches.getStringWidth(text),
					getWidestLine: (text) => caches.getWidestLine(text),
					slice: (line, from, to) => caches.slice(line, from, to),
					charWidths: (characters) => caches.charWidths(characters),
					segment: (line, draw) => caches.segment(line, draw),
					line: (row, writes, draw) =>
						caches.line(row, writes, () => {
							texts.push(`${row}`);
							return draw();
						}),
				}),
			);
		};
		draw('0:01');
		expect(texts).toEqual(['0', '1']);
		texts.length = 0;
		expect(draw('0:02').output).toBe('header\n0:02');
		expect(texts).toEqual(['1']);
	});
});

describe('a line put together from the texts written to it', () => {
	// Texts side by side, apart, over each other, past the edge; styled, wide, combining, empty.
	const pieces = [
		'plain',
		red('red'),
		bold(red('bold red')),
		inverse(`› s1 ${red('failed')} `),
		'漢字',
		'e\u0301',
		'a\u0301\u0301',
		'',
		' ',
		inverse(' '),
		`${red('a')}${bold('b')}`,
		'🙂',
	];

	test("is Ink's line, string for string, whatever the texts and where they go", () => {
		const random = seeded(18);
		const caches = new FrameCaches();
		for (let round = 0; round < 400; round++) {
			const width = 8 + Math.floor(random() * 20);
			const steps: Step[] = [];
			// Half the lines in a box that cuts them, as one with overflow hidden does.
			const clipped = random() < 0.5;
			if (clipped)
				steps.push({
					clip: {x1: Math.floor(random() * 4), x2: width - Math.floor(random() * 6)},
				});
			let x = Math.floor(random() * 3);
			for (let write = 0; write < 1 + Math.floor(random() * 5); write++) {
				const text = pieces[Math.floor(random() * pieces.length)] as string;
				steps.push({write: [x, 0, text]});
				// Mostly right after the last text, sometimes apart, sometimes over it.
				const roll = random();
				x += roll < 0.6 ? 4 : roll < 0.8 ? 6 + Math.floor(random() * 4) : Math.floor(random() * 3);
			}
			if (clipped) steps.push('unclip');
			const ours = frame(width, 1, steps);
			const drawn = caches.draw(ours.caches as never, () => drawOutput(ours, caches));
			expect(drawn, JSON.stringify({width, steps})).toEqual(frame(width, 1, steps).get());
		}
	});
});
