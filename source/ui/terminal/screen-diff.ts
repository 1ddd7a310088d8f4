// Ink draws a frame as tall as the terminal by clearing the screen and writing every line of it
// again: at rest, where a clock cell a line changes once a second, that is the whole screen
// rebuilt by the terminal each second for a few characters. This turns such a frame into what
// changed since the last one: each line that differs, written in place, as htop does.

const esc = '\u001B[';
/** How Ink begins a frame as tall as the terminal, once the scrollback's erasure is taken out. */
export const fullFrame = `${esc}2J${esc}H`;
// The whole screen is written again now and then all the same: something else written to the
// terminal (a warning on stderr) is drawn over within this long.
const repaintEveryMs = 60_000;
// Escape sequences and nothing else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it matches.
const controlsOnly = /^(?:\u001B\[[0-9;?]*[A-Za-z])*$/;

/** The frames written to one terminal, and what each new one changes. */
export class ScreenDiff {
	#lines: readonly string[] | undefined;
	#paintedAt = 0;
	readonly #now: () => number;

	constructor(now: () => number = () => performance.now()) {
		this.#now = now;
	}

	/**
	 * What to write for `chunk`: for a frame as tall as the terminal (it begins with `fullFrame`),
	 * the lines that changed since the last one, the last line always (the cursor ends where the
	 * whole frame would have left it, where Ink expects it), or nothing new; anything else as is.
	 */
	write(chunk: string): string {
		if (!chunk.startsWith(fullFrame)) {
			// Drawn otherwise (a frame shorter than the terminal, drawn in lines by Ink's log-update):
			// the screen is no longer the last frame. Control sequences alone (the cursor's, a
			// synchronized update's) draw nothing.
			if (!controlsOnly.test(chunk)) this.#lines = undefined;
			return chunk;
		}
		const lines = chunk.slice(fullFrame.length).split('\n');
		const last = this.#lines;
		this.#lines = lines;
		const now = this.#now();
		// A frame of another height (the terminal was resized, and one as tall as the old size may
		// have scrolled it) is written whole, as the first one is.
		if (!last || last.length !== lines.length || now - this.#paintedAt >= repaintEveryMs) {
			this.#paintedAt = now;
			return chunk;
		}
		let changes = '';
		// By index: at rest this runs in V8's baseline tiers, where each step of an iterator allocates.
		for (let row = 0; row < lines.length; row++)
			if (lines[row] !== last[row]) changes += `${esc}${row + 1};1H${lines[row]}${esc}K`;
		// The same frame: nothing to write (the cursor is still at its end).
		if (changes === '') return '';
		// The cursor ends at the end of the frame, where writing it whole would have left it.
		const end = lines.length - 1;
		if (lines[end] === last[end]) changes += `${esc}${end + 1};1H${lines[end]}`;
		return changes;
	}

	/** The next frame is written whole: the terminal was resized, or its screen is not ours. */
	repaint(): void {
		this.#lines = undefined;
	}
}
