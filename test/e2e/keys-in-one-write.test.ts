import {describe, expect, test} from 'vitest';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// tmux send-keys with several keys writes them to the terminal at once, as a held key, a paste or
// a slow link does: each must act, in order.

const openTerminal = terminalPerTest();

/** The name on the selected row (the line that starts with the marker). */
function selected(screen: string): string | undefined {
	return /^› (\S+)/m.exec(screen)?.[1];
}

/** What is drawn inverse on the line of `styled` (a screen with its SGR escapes) that holds `label`. */
function inverseOn(styled: string, label: string): string | undefined {
	const line = styled.split('\n').find((text) => text.includes(label));
	if (line === undefined) return undefined;
	let inverse = '';
	// Each piece after an ESC is `[` parameters `m`, then the text drawn with them.
	for (const piece of line.split('\u001B').slice(1)) {
		const [, parameters = '', text = ''] = /^\[([0-9;]*)m(.*)$/s.exec(piece) ?? [];
		if (parameters.split(';').includes('7')) inverse += text;
	}
	return inverse;
}

describe('keys sent together in a real terminal', () => {
	test('Down Down Down moves three rows; two BSpace erase two characters; the cursor is drawn where it stands', async () => {
		// Given four processes, the first selected
		const terminal = openTerminal(
			[
				'node',
				cliPath,
				'run',
				'--',
				'sleep 60',
				'--',
				'sleep 61',
				'--',
				'sleep 62',
				'--',
				'sleep 63',
			],
			{columns: 120, rows: 40},
		);
		const screen = await terminal.waitForScreen((text) => text.includes('4 running'));
		expect(selected(screen)).toBe('sleep');

		// When ↓ is sent three times in one send-keys, the fourth row is selected
		terminal.press('Down', 'Down', 'Down');
		await terminal.waitForScreen((text) => selected(text) === 'sleep-4');

		// When two Backspaces are sent at once in the n prompt, two characters go
		terminal.press('n');
		await terminal.waitForScreen((text) => text.includes('new process:'));
		terminal.press('-l', 'sleep 300');
		await terminal.waitForScreen((text) => /^new process: sleep 300 *$/m.test(text));
		terminal.press('BSpace', 'BSpace');
		await terminal.waitForScreen((text) => /^new process: sleep 3 *$/m.test(text));

		// When Home is pressed, the cursor (drawn inverse) moves from after the last character onto
		// the first
		expect(inverseOn(terminal.styledScreen(), 'new process:')).toBe(' ');
		terminal.press('Home');
		await terminal.waitForScreen(() => inverseOn(terminal.styledScreen(), 'new process:') === 's');
		expect(terminal.screen()).toMatch(/^new process: sleep 3 *$/m);

		// Esc closes the prompt; q leaves
		terminal.press('Escape');
		await terminal.waitForScreen((text) => !text.includes('new process:'));
		terminal.press('q');
		await terminal.waitForExit();
	});
});
