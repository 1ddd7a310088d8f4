// string-width, faster on what a dashboard measures: the same widths, but a line of printable
// ASCII, of the narrow symbols the dashboard draws with (· › … ↑ └ ▾ ✓ ✗) and of the colour
// codes Ink styles them with is counted as it is read, and anything else measured lately is
// remembered. string-width segments every string into graphemes (Intl.Segmenter), which at rest
// was a tenth of the dashboard's CPU, and, as the header's load changes every second, kept the
// JIT compiling its grapheme code into the first half minute. The bundled Ink uses this one too
// (tools/bundle-dashboard.mjs).
import measure from 'string-width';

type Options = Parameters<typeof measure>[1];

const remembered = new Map<string, number>();
// Enough for a few frames' distinct strings; cleared whole when full, so it never grows.
const most = 4096;

const escapeCode = 0x1b;

/**
 * Characters one column wide on their own in string-width, which join no neighbour in this set
 * into one grapheme (none is a mark, a joiner, a variation selector or a Hangul jamo): each is a
 * column wherever it stands. Half-open ranges of UTF-16 code units, checked against string-width
 * code point by code point in test/ui/terminal/string-width.test.ts.
 */
export const narrowRanges: readonly (readonly [number, number])[] = [
	[0x20, 0x7f], // printable ASCII
	[0xa0, 0xad], // Latin-1: no-break space to ¬ (not the soft hyphen, which takes none)
	[0xae, 0x100], // ® to ÿ: · × and the accented letters
	[0x2010, 0x2028], // dashes, quotes, • … (not the separators or the direction marks after)
	[0x2030, 0x205f], // ‰ to ⁞
	[0x2190, 0x2300], // arrows and mathematical operators: ← ↑ → ↓ ↩ ↻ ⇄ −
	[0x2500, 0x25fd], // box drawing, blocks, shapes: └ │ █ ▁ ■ ▶ ▾ (not ◽ ◾, emoji)
	[0x2713, 0x2714], // ✓
	[0x2717, 0x2718], // ✗
];

// One flag per code unit below the end of the last range.
const narrow = new Uint8Array(0x2718);
for (const [from, to] of narrowRanges) narrow.fill(1, from, to);

/**
 * The width of `text` when it is made of narrow characters and colour codes (Select Graphic
 * Rendition: ESC [, digits and semicolons, m; strip-ansi takes them whole), else -1.
 */
function narrowWidth(text: string): number {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < narrow.length && narrow[code] === 1) {
			width++;
			continue;
		}
		if (code !== escapeCode || text.charCodeAt(index + 1) !== 0x5b) return -1;
		// Past the parameters, to the m that ends them.
		index += 2;
		while (isParameter(text.charCodeAt(index))) index++;
		if (text.charCodeAt(index) !== 0x6d) return -1;
	}
	return width;
}

// A digit or a semicolon.
function isParameter(code: number): boolean {
	return (code >= 0x30 && code <= 0x39) || code === 0x3b;
}

/** How many columns `text` takes in a terminal, as string-width says. */
export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined) return measure(text, options);
	const counted = narrowWidth(text);
	if (counted >= 0) return counted;
	let width = remembered.get(text);
	if (width === undefined) {
		if (remembered.size >= most) remembered.clear();
		width = measure(text);
		remembered.set(text, width);
	}
	return width;
}
