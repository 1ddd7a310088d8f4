import {constants} from 'node:os';
import stringWidth from './terminal/string-width.js';

/** Bytes as a short human figure: `812 KB`, `41.9 MB`. */
export function formatBytes(bytes: number | undefined): string {
	if (bytes === undefined) return '';
	const units = ['B', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Milliseconds as `m:ss` (or `h:mm:ss` past an hour). */
export function formatDuration(ms: number | undefined): string {
	if (ms === undefined || ms < 0) return '';
	const total = Math.floor(ms / 1000);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0
		? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
		: `${minutes}:${seconds}`;
}

/** Milliseconds as `12.3 s` or `450 ms`, for the event timeline. */
export function formatElapsed(ms: number): string {
	return `${(ms / 1000).toFixed(3).padStart(8)}`;
}

/** Milliseconds as seconds for a sentence: `0.5 s`, `5 s`, `1.25 s`. */
export function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(2))} s`;
}

/** A rate as a short figure: `4.5`, `120`, `19 k`, `1.2 M`. */
export function formatRate(rate: number): string {
	if (rate >= 1_000_000) return `${(rate / 1_000_000).toFixed(1)} M`;
	if (rate >= 10_000) return `${Math.round(rate / 1000)} k`;
	if (rate >= 100) return String(Math.round(rate));
	return rate.toFixed(1);
}

/** An exit code as CPython shows it, with the signal's name for negative ones: `-15 TERM`. */
export function formatExitcode(exitcode: number | null): string {
	if (exitcode === null) return '';
	if (exitcode >= 0) return String(exitcode);
	const name = Object.entries(constants.signals).find(([, number]) => number === -exitcode)?.[0];
	return name ? `${exitcode} ${name.replace(/^SIG/, '')}` : String(exitcode);
}

/** How many terminal columns `text` takes: two for a CJK character or most emoji, not its `.length`. */
export function displayWidth(text: string): number {
	return stringWidth(text);
}

// Cuts fall between graphemes, what a person sees as one character: never inside a surrogate pair,
// an emoji joined with ZWJ, or a letter and its combining marks.
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The longest start of `text` that takes at most `width` columns. */
function fitStart(text: string, width: number): string {
	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		used += stringWidth(segment);
		if (used > width) break;
		kept += segment;
	}
	return kept;
}

/** Cuts `text` to `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	return stringWidth(text) <= width ? text : `${fitStart(text, width - 1)}…`;
}

/** The end of `text` that fits `width` columns: what a one-line field shows of a long value. */
export function lastColumns(text: string, width: number): string {
	if (stringWidth(text) <= width) return text;
	const kept: string[] = [];
	let used = 0;
	for (const {segment} of [...graphemes.segment(text)].reverse()) {
		used += stringWidth(segment);
		if (used > width) break;
		kept.push(segment);
	}
	return kept.reverse().join('');
}

/**
 * `text` cut or padded to exactly `width` columns. A wide character that would straddle the edge
 * is left out, and its place padded.
 */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - stringWidth(cut)));
	return align === 'left' ? cut + padding : padding + cut;
}

// Child output is untrusted: drop escape sequences and control characters so that nothing a
// child prints can move the cursor, change the title or break the layout.
const escapeSequences =
	// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC and BEL are exactly what it must find.
	/\u001B(?:\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove control characters.
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** A child's output line made safe to print inside the dashboard. */
export function sanitize(line: string): string {
	return line.replace(escapeSequences, '').replace(controlCharacters, '').replace(/\t/g, '  ');
}

/**
 * `text` in lines of at most `width` columns, broken at spaces: the space a line breaks at goes
 * with the break, so that no line starts with one. A word wider than a line is cut where it must.
 */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ').filter(Boolean)) {
			const joined = line ? `${line} ${word}` : word;
			if (stringWidth(joined) <= width) {
				line = joined;
				continue;
			}
			if (line) lines.push(line);
			line = word;
			while (stringWidth(line) > width && width > 0) {
				// At least one character a line, even one wider than the line.
				const start = fitStart(line, width) || ([...graphemes.segment(line)][0]?.segment ?? line);
				lines.push(start);
				line = line.slice(start.length);
			}
		}
		lines.push(line);
	}
	return lines;
}

/**
 * The width of a name column: the widest of `names`, at least `least` and at most `share` of
 * `width` (never under `least`), so that a program's prefixed names (`app.js · Counter`) show whole
 * where there is room.
 */
export function nameColumnWidth(
	names: readonly string[],
	least: number,
	width: number,
	share = 1 / 3,
): number {
	const widest = Math.max(least, ...names.map(displayWidth));
	return Math.min(widest, Math.max(least, Math.floor(width * share)));
}
