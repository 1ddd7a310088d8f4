// Ink 6.8 draws each frame from scratch: every line of every Text is split into styled characters
// (an ANSI tokenizer, character by character) and measured, and it keeps what it learnt only for
// that frame. A dashboard at rest redraws about once a second with nearly every line the same as
// before, so this keeps the styled characters, widths and clipped slices of the last two frames'
// lines, and the last frame's grid lines with their strings, for the next frame to find again;
// draw-output.ts draws Ink's frame with them. What it draws is the same, character for character.
import sliceAnsi from 'slice-ansi';
import {drawOutput, isOutputState, type Placed, type Segment} from './draw-output.js';
import {importInkOutput} from './ink-output.js';

type StyledChar = {readonly value: string};

// What Ink's Output asks of its `caches` (build/output.js, class OutputCaches).
type Caches = {
	getStyledChars(line: string): StyledChar[];
	getStringWidth(text: string): number;
	getWidestLine(text: string): number;
};

/**
 * Two frames of one measure: what the frame being drawn and the one before it asked for. One map
 * for both, each entry stamped with the last frame that used it, not a new map each frame: at
 * rest, a frame then allocates only for what is new in it.
 */
class Generations<T> {
	readonly #entries = new Map<string, {value: T; frame: number}>();
	#frame = 0;
	// Forgets what neither this frame nor the last one used (made once: no closure per frame).
	readonly #sweep = (entry: {frame: number}, key: string) => {
		if (entry.frame < this.#frame - 1) this.#entries.delete(key);
	};

	get(key: string, compute: (key: string) => T): T {
		const entry = this.#entries.get(key);
		if (entry !== undefined) {
			entry.frame = this.#frame;
			return entry.value;
		}
		const value = compute(key);
		this.#entries.set(key, {value, frame: this.#frame});
		return value;
	}

	/** Replaces what `key` is kept with. */
	set(key: string, value: T): void {
		this.#entries.set(key, {value, frame: this.#frame});
	}

	nextFrame(): void {
		this.#frame++;
		this.#entries.forEach(this.#sweep);
	}

	get size(): number {
		return this.#entries.size;
	}
}

/**
 * The caches Ink's frames share, bounded by what two frames draw. What neither frame has seen is
 * worked out by the caches Ink made for the frame being drawn.
 */
export class FrameCaches implements Caches {
	readonly #styledChars = new Generations<StyledChar[]>();
	readonly #widths = new Generations<number>();
	readonly #blockWidths = new Generations<number>();
	// By line: a line is cut the same way frame after frame (its box does not move).
	readonly #slices = new Generations<{from: number; to: number; text: string}>();
	readonly #segments = new Generations<Segment | null>();
	// Each grid line of the last frame, by row: what it was written with, and its string.
	#lines: {readonly writes: readonly Placed[]; readonly text: string}[] = [];
	// The column widths of each styled line's characters, while its characters are kept.
	#charWidths = new WeakMap<readonly StyledChar[], number[]>();
	#own: Caches | undefined;

	getStyledChars(line: string): StyledChar[] {
		return this.#styledChars.get(line, (key) => this.#frame().getStyledChars(key));
	}

	getStringWidth(text: string): number {
		return this.#widths.get(text, (key) => this.#frame().getStringWidth(key));
	}

	getWidestLine(text: string): number {
		return this.#blockWidths.get(text, (key) => this.#frame().getWidestLine(key));
	}

	/** `line` from column `from` to `to` (slice-ansi), as a clipped box shows it. */
	slice(line: string, from: number, to: number): string {
		const kept = this.#slices.get(line, () => ({from, to, text: sliceAnsi(line, from, to)}));
		if (kept.from === from && kept.to === to) return kept.text;
		const cut = {from, to, text: sliceAnsi(line, from, to)};
		this.#slices.set(line, cut);
		return cut.text;
	}

	/** How many columns each of `characters` (from getStyledChars) takes: 1 at least. */
	charWidths(characters: readonly StyledChar[]): number[] {
		let widths = this.#charWidths.get(characters);
		if (!widths) {
			widths = characters.map(({value}) => Math.max(1, this.getStringWidth(value)));
			this.#charWidths.set(characters, widths);
		}
		return widths;
	}

	/**
	 * The string of grid line `row`: the last frame's when it is written with the same texts at
	 * the same columns, else `draw()`.
	 */
	line(row: number, writes: readonly Placed[], draw: () => string): string {
		const last = this.#lines[row];
		if (last && sameWrites(last.writes, writes)) return last.text;
		const drawn = draw();
		this.#lines[row] = {writes, text: drawn};
		return drawn;
	}

	/** `line` drawn as a Segment by `draw`, kept while two frames write it. */
	segment(line: string, draw: (line: string) => Segment | null): Segment | null {
		return this.#segments.get(line, draw);
	}

	/** Draws the next frame, with `own`, the caches Ink made for it, for what is new. */
	draw<T>(own: Caches, frame: () => T): T {
		this.#own = own;
		try {
			return frame();
		} finally {
			this.#own = undefined;
			this.#styledChars.nextFrame();
			this.#widths.nextFrame();
			this.#blockWidths.nextFrame();
			this.#slices.nextFrame();
			this.#segments.nextFrame();
		}
	}

	/** How many entries are kept: never more than two frames' worth. */
	get size(): number {
		return (
			this.#styledChars.size +
			this.#widths.size +
			this.#blockWidths.size +
			this.#slices.size +
			this.#segments.size
		);
	}

	#frame(): Caches {
		if (!this.#own) throw new Error('FrameCaches used outside a frame');
		return this.#own;
	}
}

let shared: Promise<FrameCaches | undefined> | undefined;

/**
 * Makes Ink's frames share their line caches (once per process: later calls give the same
 * caches). Ink is pinned to 6.8.0; should its Output ever lose the shape this relies on, frames
 * are drawn as Ink draws them, only not faster.
 */
export function shareLineCaches(): Promise<FrameCaches | undefined> {
	shared ??= install();
	return shared;
}

async function install(): Promise<FrameCaches | undefined> {
	const Output = (await importInkOutput()).default;
	const draw = Output?.prototype.get;
	if (!Output || typeof draw !== 'function') return undefined;
	const caches = new FrameCaches();
	Output.prototype.get = function (this: {caches: unknown}) {
		const own = this.caches as Caches;
		if (!own || !isOutputState(this)) return draw.call(this);
		return caches.draw(own, () => drawOutput(this, caches));
	};
	return caches;
}

// The same texts at the same columns, in the same order.
function sameWrites(a: readonly Placed[], b: readonly Placed[]): boolean {
	if (a.length !== b.length) return false;
	for (let at = 0; at < a.length; at++) {
		const one = a[at] as Placed;
		const other = b[at] as Placed;
		if (one.x !== other.x || one.line !== other.line) return false;
	}
	return true;
}
