import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import {shareLineCaches} from '../../source/ui/terminal/line-cache.js';

// Frames are drawn as the dashboard draws them: with the line caches shared between frames.
await shareLineCaches();

/** A rendered tree in a fake terminal of a fixed size. */
export type Terminal = {
	/** Every frame written, in order. Under CI=true Ink writes a bare "\n" on unmount: read frames, not the last one after exit. */
	readonly frames: readonly string[];
	/** The newest frame. */
	readonly frame: () => string;
	/** Types `key`: text, or a named key (`up`, `down`, `enter`, `escape`, `tab`, `ctrl-c`). */
	readonly press: (key: string) => void;
	/** Resolves with the first frame (from now on, or the current one) for which `predicate` holds. */
	readonly waitForFrame: (
		predicate: (frame: string) => boolean,
		timeoutMs?: number,
	) => Promise<string>;
	/** Renders `tree` in place of the tree shown. */
	readonly rerender: (tree: ReactElement) => void;
	/** Changes the terminal's size and tells Ink, as a real resize would. */
	readonly resize: (columns: number, rows: number) => void;
	readonly unmount: () => void;
};

const namedKeys: Record<string, string> = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	'ctrl-c': '\u0003',
	pageup: '\u001B[5~',
	pagedown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
};

/**
 * Renders `tree` with ink-testing-library in a terminal of `columns`×`rows` that says it is a TTY
 * (the library's own stdout has 100 columns, no rows and no TTY, which Ink treats differently).
 * The only way tests render.
 */
export function renderTerminal(tree: ReactElement, {columns = 120, rows = 40} = {}): Terminal {
	const instance = render(<></>);
	const size = {columns, rows};
	Object.defineProperties(instance.stdout, {
		columns: {get: () => size.columns, configurable: true},
		rows: {get: () => size.rows, configurable: true},
		isTTY: {value: true, configurable: true},
	});
	watchFrames(instance.stdout);
	instance.rerender(tree);
	const frame = () => instance.lastFrame() ?? '';
	return {
		frames: instance.frames,
		frame,
		press(key) {
			instance.stdin.write(namedKeys[key] ?? key);
		},
		rerender: instance.rerender,
		// As long as waitForScreen's: a frame that depends on a child starting can take seconds on
		// a loaded machine, and one that is already drawn resolves at once.
		waitForFrame(predicate, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const current = frame();
					if (!predicate(current)) return false;
					clearTimeout(timer);
					instance.stdout.off('frame', check);
					resolve(current);
					return true;
				};
				const timer = setTimeout(() => {
					instance.stdout.off('frame', check);
					reject(
						new Error(`no frame matched within ${timeoutMs} ms; the last frame was:\n${frame()}`),
					);
				}, timeoutMs);
				if (check()) return;
				instance.stdout.on('frame', check);
			});
		},
		resize(newColumns, newRows) {
			size.columns = newColumns;
			size.rows = newRows;
			instance.stdout.emit('resize');
		},
		unmount: () => instance.unmount(),
	};
}

// ink-testing-library's stdout has no event for a new frame; wrap its write once to emit one.
function watchFrames(stdout: {
	write: (frame: string) => void;
	emit: (event: string) => boolean;
}): void {
	const marked = stdout as typeof stdout & {watched?: boolean};
	if (marked.watched) return;
	marked.watched = true;
	const write = stdout.write;
	stdout.write = (text: string) => {
		write(text);
		stdout.emit('frame');
	};
}
