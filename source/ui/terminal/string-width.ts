// string-width, faster on what a dashboard measures: the same widths, but a line of printable
// ASCII (most of them) is its length, and what was measured lately is remembered. string-width
// segments every string into graphemes, which at rest was a tenth of the dashboard's CPU (the
// header and the footer measured each frame, and Ink's own text measuring). The bundled Ink uses
// this one too (tools/bundle-dashboard.mjs).
import measure from 'string-width';

type Options = Parameters<typeof measure>[1];

const remembered = new Map<string, number>();
// Enough for a few frames' distinct strings; cleared whole when full, so it never grows.
const most = 4096;

function printableAscii(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return false;
	}
	return true;
}

/** How many columns `text` takes in a terminal, as string-width says. */
export default function stringWidth(text: string, options?: Options): number {
	if (options !== undefined) return measure(text, options);
	if (printableAscii(text)) return text.length;
	let width = remembered.get(text);
	if (width === undefined) {
		if (remembered.size >= most) remembered.clear();
		width = measure(text);
		remembered.set(text, width);
	}
	return width;
}
