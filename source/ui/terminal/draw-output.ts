// Ink's Output.get (ink 6.8.0, build/output.js), drawn with what the last frames left. Ink lays
// every frame out as a grid of styled characters and turns each grid line back into a string,
// from scratch: at rest, with one frame a second and most lines as they were, that was most of
// the dashboard's CPU. This draws the same characters, in the same order, with the same clipping,
// and so the same string, but:
// - a clipped line's slice is kept for the next frame (FrameCaches.slice), as its styled
//   characters already are;
// - a grid line written with the same text at the same columns as in the last frame keeps the
//   last frame's string, and its cells are not laid out at all;
// - a line that changed is put together from the strings of the texts written to it (each drawn
//   once, FrameCaches.segment) and the style changes where they meet, when they do not overlap;
//   one whose texts do is turned into a string cell by cell, without working out the style change
//   between two characters that share their styles (`diffAnsiCodes` would find none);
// - the empty cells are one shared cell, not 4,800 new ones.
import {
	type AnsiCode,
	ansiCodesToString,
	diffAnsiCodes,
	type StyledChar,
} from '@alcalzone/ansi-tokenize';

/** What a frame is drawn with: line-cache.ts's FrameCaches. */
export type DrawCaches = {
	getStyledChars(line: string): unknown;
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
	slice(line: string, from: number, to: number): string;
	charWidths(characters: readonly StyledChar[]): number[];
	line(row: number, writes: readonly Placed[], draw: () => string): string;
	segment(line: string, draw: (line: string) => Segment | null): Segment | null;
};

/**
 * A text's cells as a string: its characters with the style changes between them, without the
 * styles it begins in (`first`) or a change back at its end (`last`); `width` columns.
 */
export type Segment = {
	readonly width: number;
	readonly first: readonly AnsiCode[];
	readonly last: readonly AnsiCode[];
	readonly inner: string;
};

/** A line of text written to a grid line: where it begins, and the text (styled, clipped). */
export type Placed = {readonly x: number; readonly line: string};

type Clip = {
	readonly x1?: number;
	readonly x2?: number;
	readonly y1?: number;
	readonly y2?: number;
};

type Operation =
	| {
			readonly type: 'write';
			readonly x: number;
			readonly y: number;
			readonly text: string;
			readonly transformers: readonly ((line: string, index: number) => string)[];
	  }
	| {readonly type: 'clip'; readonly clip: Clip}
	| {readonly type: 'unclip'};

/** What of Ink's Output a frame is drawn from. */
export type OutputState = {
	readonly width: number;
	readonly height: number;
	readonly operations: readonly Operation[];
};

/** True when `output` has the shape this draws from (Ink 6.8's). */
export function isOutputState(output: unknown): output is OutputState {
	const state = output as Partial<OutputState>;
	return (
		typeof state.width === 'number' &&
		typeof state.height === 'number' &&
		Array.isArray(state.operations)
	);
}

// Never changed: cells are replaced in the grid, not written to.
const empty: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: []};

/** The frame Ink's Output.get would return, drawn with `caches`. */
export function drawOutput(
	output: OutputState,
	caches: DrawCaches,
): {output: string; height: number} {
	// Loops by index, here and below: this runs at every frame, and the JIT compiles plain loops
	// into less code, sooner, than iterators, destructuring and callbacks (a dashboard just started
	// spent more CPU compiling the draw than running it).
	const {width, height, operations} = output;
	// What each grid line is written with, in order: a later write covers an earlier one.
	const rows: Placed[][] = [];
	for (let y = 0; y < height; y++) rows.push([]);
	const clips: Clip[] = [];
	for (let index = 0; index < operations.length; index++) {
		const operation = operations[index] as Operation;
		if (operation.type === 'clip') clips.push(operation.clip);
		else if (operation.type === 'unclip') clips.pop();
		else place(rows, operation, clips[clips.length - 1], caches);
	}
	let text = '';
	for (let y = 0; y < height; y++) {
		const writes = rows[y] as Placed[];
		if (y > 0) text += '\n';
		text += caches.line(
			y,
			writes,
			() => joinedText(writes, width, caches) ?? lineText(cellsOf(writes, width, caches)),
		);
	}
	return {output: text, height};
}

// The grid line `writes` make, as Ink's Output lays it out.
function cellsOf(writes: readonly Placed[], width: number, caches: DrawCaches): StyledChar[] {
	const row = new Array<StyledChar>(width).fill(empty);
	for (const {x, line} of writes) lay(row, x, line, caches);
	return row;
}

// Lays `line` into `row` from column `x`; the column after it.
function lay(row: StyledChar[], x: number, line: string, caches: DrawCaches): number {
	const characters = caches.getStyledChars(line) as StyledChar[];
	const widths = caches.charWidths(characters);
	let offsetX = x;
	for (let at = 0; at < characters.length; at++) {
		const character = characters[at] as StyledChar;
		row[offsetX] = character;
		const characterWidth = widths[at] as number;
		// A wide character's other columns: empty, in its styles.
		for (let column = 1; column < characterWidth; column++)
			row[offsetX + column] = {
				type: 'char',
				value: '',
				fullWidth: false,
				styles: character.styles,
			};
		offsetX += characterWidth;
	}
	return offsetX;
}

/**
 * `line`'s cells as a Segment: null for an empty line, and for one whose last character takes no
 * column (the next text would write over it, or not: only its cells can tell).
 */
export function segmentOf(line: string, caches: DrawCaches): Segment | null {
	// Printable ASCII, unstyled (an uptime, most cells of a row): a column a character.
	if (plain.test(line)) return {width: line.length, first: none, last: none, inner: line};
	const cells: StyledChar[] = [];
	const width = lay(cells, 0, line, caches);
	const first = cells[0];
	const last = cells.at(-1);
	if (!first || !last || cells.length !== width) return null;
	return {width, first: first.styles, last: last.styles, inner: innerText(cells)};
}

// Text with no escape sequence and no character wider or narrower than a column.
const plain = /^[\x20-\x7e]+$/;

// No styles: one array, so that a change to or from it is found again (`transition`).
const none: readonly AnsiCode[] = [];

// The codes that turn styles `from` into `to`: none where they are the same.
function change(from: readonly AnsiCode[], to: readonly AnsiCode[]): string {
	return sameStyles(from, to)
		? ''
		: ansiCodesToString(diffAnsiCodes(from as AnsiCode[], to as AnsiCode[]));
}

// `change` where two texts meet, kept while both styles are (those of kept segments): the few
// changes a frame has are worked out once, not at every frame.
const transitions = new WeakMap<readonly AnsiCode[], WeakMap<readonly AnsiCode[], string>>();

function transition(from: readonly AnsiCode[], to: readonly AnsiCode[]): string {
	if (sameStyles(from, to)) return '';
	let known = transitions.get(from);
	if (!known) {
		known = new WeakMap();
		transitions.set(from, known);
	}
	let codes = known.get(to);
	if (codes === undefined) {
		codes = change(from, to);
		known.set(to, codes);
	}
	return codes;
}

/**
 * lineText(cellsOf(writes)) put together from the writes' segments, or undefined where a write
 * overlaps one before it, runs past the grid's edge, or cannot be a segment.
 */
function joinedText(
	writes: readonly Placed[],
	width: number,
	caches: DrawCaches,
): string | undefined {
	let text = '';
	let column = 0;
	let styles = none;
	const draw = (line: string) => segmentOf(line, caches);
	for (let index = 0; index < writes.length; index++) {
		const {x, line} = writes[index] as Placed;
		if (line === '') continue;
		const segment = caches.segment(line, draw);
		if (!segment || x < column || x + segment.width > width) return undefined;
		if (x > column) {
			text += `${transition(styles, none)}${' '.repeat(x - column)}`;
			styles = none;
		}
		text += transition(styles, segment.first) + segment.inner;
		styles = segment.last;
		column = x + segment.width;
	}
	if (column < width) {
		text += `${transition(styles, none)}${' '.repeat(width - column)}`;
		styles = none;
	}
	return (text + transition(styles, none)).trimEnd();
}

// Where `write`'s lines go, clipped and transformed as Ink's Output.get does.
function place(
	rows: Placed[][],
	write: Extract<Operation, {type: 'write'}>,
	clip: Clip | undefined,
	caches: DrawCaches,
): void {
	const {text, transformers} = write;
	let x = write.x;
	let y = write.y;
	let lines = text.split('\n');
	if (clip) {
		const horizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
		const vertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
		const x1 = clip.x1 ?? 0;
		const x2 = clip.x2 ?? 0;
		const y1 = clip.y1 ?? 0;
		const y2 = clip.y2 ?? 0;
		if (horizontally) {
			const widest = caches.getWidestLine(text);
			if (x + widest < x1 || x > x2) return;
		}
		if (vertically && (y + lines.length < y1 || y > y2)) return;
		if (horizontally) {
			for (let index = 0; index < lines.length; index++) {
				const line = lines[index] as string;
				const lineWidth = caches.getStringWidth(line);
				const from = x < x1 ? x1 - x : 0;
				const to = x + lineWidth > x2 ? x2 - x : lineWidth;
				// Plain text (an uptime, new each second) is cut as it is: a column a character.
				lines[index] = plain.test(line) ? line.slice(from, to) : caches.slice(line, from, to);
			}
			if (x < x1) x = x1;
		}
		if (vertically) {
			const from = y < y1 ? y1 - y : 0;
			const to = y + lines.length > y2 ? y2 - y : lines.length;
			lines = lines.slice(from, to);
			if (y < y1) y = y1;
		}
	}
	let offsetY = 0;
	for (let index = 0; index < lines.length; index++) {
		const row = rows[y + offsetY];
		// A text taller than the grid: Ink drops its lines below it.
		if (!row) continue;
		let line = lines[index] as string;
		for (let at = 0; at < transformers.length; at++)
			line = (transformers[at] as (line: string, index: number) => string)(line, index);
		row.push({x, line});
		offsetY++;
	}
}

// What @alcalzone/ansi-tokenize's styledCharsToString gives, then trimmed at the end, as Ink does.
function lineText(row: readonly StyledChar[]): string {
	const chars = row.filter((item) => item !== undefined);
	const first = chars[0];
	const last = chars.at(-1);
	if (!first || !last) return '';
	return (change(none, first.styles) + innerText(chars) + change(last.styles, none)).trimEnd();
}

// The characters of `cells` with the style changes between them, without the styles the first
// begins in or a change back after the last.
function innerText(cells: readonly StyledChar[]): string {
	let text = cells[0]?.value ?? '';
	for (let at = 1; at < cells.length; at++) {
		const cell = cells[at] as StyledChar;
		text += change((cells[at - 1] as StyledChar).styles, cell.styles) + cell.value;
	}
	return text;
}

// The same codes in the same order: the diff between them is empty.
function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		const one = a[index] as AnsiCode;
		const other = b[index] as AnsiCode;
		if (one.code !== other.code || one.endCode !== other.endCode) return false;
	}
	return true;
}
