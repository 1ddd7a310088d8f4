import {ScreenDiff} from './screen-diff.js';

// The dashboard draws on the terminal's alternate screen, as htop, less and vim do: while it runs,
// what the terminal showed before (and its scrollback) is kept aside, untouched by the frames
// (Ink clears the whole terminal, scrollback included, for every frame as tall as the screen),
// and it comes back when the dashboard closes — however procdash ends, short of SIGKILL.

// Entering keeps the cursor where the shell left it; the frames start from the top-left corner.
const enter = '\u001B[?1049h\u001B[H';
const leave = '\u001B[?1049l';

// Set once the alternate screen is left. Ink may still write after that: as it unmounts at exit
// (after the 'exit' listener below) it draws its last frame again, in full when the frame is as
// tall as the terminal. That frame belongs to the alternate screen, not to the one given back.
let closed = false;

/**
 * Switches `stdout` to the alternate screen when it is a terminal. Returns what switches back:
 * called when the dashboard closes, and by itself should procdash exit or crash first (Node
 * emits 'exit' before it prints an uncaught exception, which is then printed where it can be
 * read).
 */
export function enterAlternateScreen(stdout: NodeJS.WriteStream = process.stdout): () => void {
	if (!stdout.isTTY) return () => {};
	stdout.write(enter);
	closed = false;
	let left = false;
	const restore = () => {
		if (left) return;
		left = true;
		process.off('exit', restore);
		stdout.write(leave);
		closed = true;
	};
	process.on('exit', restore);
	return restore;
}

// Erase Saved Lines: Ink writes it (with 2J, as clearTerminal) whenever a frame is as tall as the
// terminal. On the alternate screen 2J is enough; 3J would still wipe the person's scrollback.
const eraseSavedLines = '\u001B[3J';

/**
 * `stdout` as Ink should write to it: the same stream, but no write erases the scrollback, a frame
 * as tall as the terminal writes only the lines that changed (screen-diff.ts), and nothing is
 * written once the alternate screen has been left.
 */
export function keepingScrollback(stdout: NodeJS.WriteStream = process.stdout): NodeJS.WriteStream {
	const screen = new ScreenDiff();
	// A resized terminal reflows what it shows: the next frame is written whole. Listened for
	// before Ink listens, so before Ink draws that frame.
	stdout.on('resize', () => screen.repaint());
	const write = (chunk: unknown, ...rest: unknown[]) =>
		closed ||
		(stdout.write as (...args: unknown[]) => boolean)(
			typeof chunk === 'string' ? screen.write(chunk.replaceAll(eraseSavedLines, '')) : chunk,
			...rest,
		);
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}
