// Ink's measure-text (ink 6.8, build/measure-text.js) with a bound on what it remembers. Ink keeps
// every text it ever measured, in a module-level map: at rest the header's clock and load are new
// texts each second, so a dashboard left open grew it by more than a hundred thousand texts a day.
// The bundled Ink measures with this one (tools/bundle-dashboard.mjs); the widths are the same.
import stringWidth from './string-width.js';

/** A text's size in cells: its widest line, and its lines. */
export type Dimensions = {readonly width: number; readonly height: number};

const measured = new Map<string, Dimensions>();
// Enough for a few frames' distinct texts; cleared whole when full, so it never grows.
const most = 4096;

/** The size of `text` in the terminal, as Ink's measureText gives it. */
export default function measureText(text: string): Dimensions {
	if (text.length === 0) return {width: 0, height: 0};
	let dimensions = measured.get(text);
	if (dimensions === undefined) {
		const lines = text.split('\n');
		let width = 0;
		for (const line of lines) width = Math.max(width, stringWidth(line));
		dimensions = {width, height: lines.length};
		if (measured.size >= most) measured.clear();
		measured.set(text, dimensions);
	}
	return dimensions;
}

/** How many texts are remembered now: never more than `most`. */
export function rememberedTexts(): number {
	return measured.size;
}
