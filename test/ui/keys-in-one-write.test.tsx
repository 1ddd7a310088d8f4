import {describe, expect, test} from 'vitest';
import {rowNamed, tableRows, typeText, useDashboard} from '../helpers/dashboard.js';

// A terminal sends several keys in one write when they come fast: a held arrow, tmux send-keys,
// a paste, a slow link. Each key must act, in order, on what the keys before it left.

const down = '\u001B[B';
const backspace = '\u007F';

/** The name on the selected row of the table in `frame`. */
function selectedName(frame: string): string | undefined {
	return tableRows(frame).find((row) => row.line.startsWith('› '))?.name;
}

describe('keys that arrive in one write', () => {
	const dashboard = useDashboard();

	test('three ↓ move the selection three rows', async () => {
		for (const name of ['first', 'second', 'third', 'fourth'])
			await dashboard.start(name, 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableRows(frame).length === 4);
		screen.press(down.repeat(3));
		await screen.waitForFrame((frame) => selectedName(frame) === 'fourth');
	});

	test('↓ then k terminates the row ↓ moved to, not the one selected before', async () => {
		for (const name of ['first', 'second']) await dashboard.start(name, 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableRows(frame).length === 2);
		screen.press(`${down}k`);
		const frame = await screen.waitForFrame((text) => rowNamed(text, 'second')?.state === 'exited');
		expect(rowNamed(frame, 'second')?.line).toMatch(/-15 TERM/);
		expect(rowNamed(frame, 'first')?.state).toBe('running');
	});

	test('two Backspaces in the prompt erase two characters', async () => {
		const screen = dashboard.open();
		screen.press('n');
		await screen.waitForFrame((frame) => frame.includes('new process:'));
		typeText(screen, 'sleep 300');
		await screen.waitForFrame((frame) => /^new process: sleep 300 ?$/m.test(frame));
		screen.press(backspace.repeat(2));
		await screen.waitForFrame((frame) => /^new process: sleep 3 ?$/m.test(frame));
	});

	test('a paste into the prompt is typed as text, and the Enter after it starts the line', async () => {
		const screen = dashboard.open();
		screen.press('n');
		await screen.waitForFrame((frame) => frame.includes('new process:'));
		// q, k and n are keys outside a prompt: here they are only letters of the line.
		screen.press("sh -c 'echo qkn; sleep 30'\r");
		const frame = await screen.waitForFrame((text) => rowNamed(text, 'sh')?.state === 'running');
		expect(rowNamed(frame, 'sh')?.line).toMatch(/ sh -c echo qkn; sleep 30 *$/);
	});
});
