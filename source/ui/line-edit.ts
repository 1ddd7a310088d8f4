/** A line being typed in a prompt, and where its cursor stands. */
export type Line = {
	readonly text: string;
	/** An index into `text` (UTF-16 units), always between two characters as a person sees them. */
	readonly cursor: number;
};

/** What the prompt's editing keys do to its line. */
export type Edit =
	/** ←: one character back. */
	| 'left'
	/** →: one character on. */
	| 'right'
	/** Home, Ctrl-A. */
	| 'start'
	/** End, Ctrl-E. */
	| 'end'
	/** Backspace: the character before the cursor. */
	| 'erase-back'
	/** Delete: the character under the cursor. */
	| 'erase-forward'
	/** Ctrl-U: everything before the cursor. */
	| 'erase-to-start'
	/** Ctrl-W: the word before the cursor, and the blanks between it and the cursor. */
	| 'erase-word';

// The cursor moves over graphemes, what a person sees as one character: never into a surrogate
// pair, an emoji joined with ZWJ, or between a letter and its combining marks.
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** `text` typed at the cursor, which ends up after it. */
export function insertText(line: Line, text: string): Line {
	return {
		text: line.text.slice(0, line.cursor) + text + line.text.slice(line.cursor),
		cursor: line.cursor + text.length,
	};
}

/** The line after one editing key. */
export function editLine(line: Line, edit: Edit): Line {
	const {text, cursor} = line;
	switch (edit) {
		case 'left':
			return {text, cursor: previousBoundary(text, cursor)};
		case 'right':
			return {text, cursor: nextBoundary(text, cursor)};
		case 'start':
			return {text, cursor: 0};
		case 'end':
			return {text, cursor: text.length};
		case 'erase-back':
			return cut(line, previousBoundary(text, cursor), cursor);
		case 'erase-forward':
			return cut(line, cursor, nextBoundary(text, cursor));
		case 'erase-to-start':
			return cut(line, 0, cursor);
		case 'erase-word':
			return cut(line, wordStart(text, cursor), cursor);
	}
}

/** The grapheme that starts at `index` in `text`, or undefined at its end. */
export function characterAt(text: string, index: number): string | undefined {
	return graphemes.segment(text).containing(index)?.segment;
}

function cut(line: Line, from: number, to: number): Line {
	return {text: line.text.slice(0, from) + line.text.slice(to), cursor: from};
}

function previousBoundary(text: string, index: number): number {
	if (index <= 0) return 0;
	return graphemes.segment(text).containing(index - 1)?.index ?? 0;
}

function nextBoundary(text: string, index: number): number {
	const segment = graphemes.segment(text).containing(index);
	return segment ? segment.index + segment.segment.length : text.length;
}

// As a shell's Ctrl-W: back over blanks, then back over the word before them.
function wordStart(text: string, index: number): number {
	let at = index;
	const before = () => characterAt(text, previousBoundary(text, at)) ?? '';
	while (at > 0 && /^\s+$/.test(before())) at = previousBoundary(text, at);
	while (at > 0 && !/^\s+$/.test(before())) at = previousBoundary(text, at);
	return at;
}
