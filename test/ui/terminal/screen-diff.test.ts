import {expect, test} from 'vitest';
import {fullFrame, ScreenDiff} from '../../../source/ui/terminal/screen-diff.js';

const frame = (lines: readonly string[]) => `${fullFrame}${lines.join('\n')}`;

/**
 * A terminal of `rows` lines, enough of one to read what was written: text, newlines, the cursor
 * moved (CSI row;col H), a line cleared from the cursor (CSI K), the screen cleared from the
 * cursor (CSI J) or whole (CSI 2J). Any other sequence (styles, synchronized updates) draws nothing.
 */
class Screen {
	lines: string[];
	row = 0;
	column = 0;
	constructor(readonly rows: number) {
		this.lines = Array.from({length: rows}, () => '');
	}
	write(text: string): void {
		// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it reads.
		const pattern = /\u001B\[([0-9;?]*)([A-Za-z])|\n|[^\u001B\n]+/g;
		for (const [token, parameters = '', command] of text.matchAll(pattern)) {
			if (token === '\n') {
				this.row++;
				this.column = 0;
			} else if (command === 'H') {
				const [row = 1, column = 1] = parameters.split(';').map(Number);
				this.row = (row || 1) - 1;
				this.column = (column || 1) - 1;
			} else if (command === 'K') this.#cut();
			else if (command === 'J') {
				if (parameters === '2') this.lines = this.lines.map(() => '');
				else {
					this.#cut();
					for (let row = this.row + 1; row < this.rows; row++) this.lines[row] = '';
				}
			} else if (command === undefined) {
				const line = (this.lines[this.row] ?? '').padEnd(this.column);
				this.lines[this.row] =
					line.slice(0, this.column) + token + line.slice(this.column + token.length);
				this.column += token.length;
			}
		}
	}
	#cut(): void {
		this.lines[this.row] = (this.lines[this.row] ?? '').slice(0, this.column);
	}
}

test('a frame as tall as the terminal is written whole first, then only what changed, nothing when nothing did', () => {
	const diff = new ScreenDiff(() => 0);
	const first = frame(['procdash · 0:01', 'web  0:01', 'db   0:01', 'keys']);
	expect(diff.write(first)).toBe(first);
	const changed = diff.write(frame(['procdash · 0:02', 'web  0:02', 'db   0:01', 'keys']));
	expect(changed).not.toContain('db');
	expect(changed).toContain('\u001B[1;1Hprocdash · 0:02\u001B[K');
	expect(changed).toContain('\u001B[2;1Hweb  0:02\u001B[K');
	// The cursor is left at the end of the last line, where Ink's own writes expect it.
	expect(changed.endsWith('\u001B[4;1Hkeys')).toBe(true);
	expect(diff.write(frame(['procdash · 0:02', 'web  0:02', 'db   0:01', 'keys']))).toBe('');
});

test('what the terminal shows is the last frame, whatever the frames before it', () => {
	const diff = new ScreenDiff(() => 0);
	const screen = new Screen(6);
	const words = ['', 'a', 'web', 'exited 0', '\u001B[32mrunning\u001B[39m', 'a much longer line'];
	let seed = 7;
	const pick = () => {
		seed = (seed * 48_271) % 2_147_483_647;
		return words[seed % words.length] as string;
	};
	for (let turn = 0; turn < 200; turn++) {
		const lines = Array.from({length: 3 + (turn % 4)}, pick);
		const written = diff.write(frame(lines));
		screen.write(written);
		// biome-ignore lint/suspicious/noControlCharactersInRegex: colours are what it removes.
		const plain = lines.map((line) => line.replaceAll(/\u001B\[[0-9;]*m/g, ''));
		expect(screen.lines.slice(0, plain.length)).toEqual(plain);
		expect(screen.lines.slice(plain.length).every((line) => line === '')).toBe(true);
		// A frame of another height is written whole (and clears the screen).
		if (turn > 0 && plain.length !== ((turn - 1) % 4) + 3)
			expect(written.startsWith(fullFrame)).toBe(true);
		expect(screen.row).toBe(plain.length - 1);
		expect(screen.column).toBe((plain.at(-1) as string).length);
	}
});

test('after a resize, a frame of another height, text drawn otherwise, or a minute, the next frame is written whole; control sequences alone change nothing', () => {
	let now = 0;
	const diff = new ScreenDiff(() => now);
	const one = frame(['a', 'b']);
	diff.write(one);
	expect(diff.write('\u001B[?2026h')).toBe('\u001B[?2026h');
	expect(diff.write(one)).toBe('');
	diff.repaint();
	expect(diff.write(one)).toBe(one);
	expect(diff.write('a line drawn by log-update\n')).toBe('a line drawn by log-update\n');
	expect(diff.write(one)).toBe(one);
	const three = frame(['a', 'b', 'c']);
	expect(diff.write(three)).toBe(three);
	expect(diff.write(three)).toBe('');
	now = 60_000;
	expect(diff.write(three)).toBe(three);
	expect(diff.write(three)).toBe('');
});
