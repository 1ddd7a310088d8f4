import stringWidth from 'string-width';
import {expect, test} from 'vitest';
import {TextPrompt} from '../../source/ui/components/TextPrompt.js';
import {renderTerminal} from '../helpers/render.js';

test('a typed line of CJK wider than the prompt shows its end, with the cursor, on one line', async () => {
	// Given 60 CJK characters (120 columns) typed into a prompt 79 columns wide
	const typed = `${'計'.repeat(59)}終`;
	const screen = renderTerminal(<TextPrompt label="new process:" value={typed} width={79} />, {
		columns: 80,
	});
	// When it is drawn
	const frame = await screen.waitForFrame((text) => text.includes('new process:'));
	screen.unmount();
	// Then the line fits, and what was typed last is there, just before the cursor (a blank that
	// the frame's trailing space trimming leaves out)
	const [line = '', ...rest] = frame.split('\n');
	expect(rest).toEqual([]);
	expect(stringWidth(line)).toBeLessThanOrEqual(79);
	expect(line).toMatch(/^new process: 計+終 ?$/);
});

test('with the cursor at the start of a line wider than the prompt, its start shows, cut with …', async () => {
	// Given a line of 100 columns, the cursor on its first character, in a prompt 60 wide
	const typed = `start ${'x'.repeat(88)} finish`;
	const screen = renderTerminal(
		<TextPrompt label="new process:" value={typed} cursor={0} width={59} />,
		{columns: 60},
	);
	// When it is drawn
	const frame = await screen.waitForFrame((text) => text.includes('new process:'));
	screen.unmount();
	// Then the part around the cursor shows: the start, and the cut marked at the end
	const [line = '', ...rest] = frame.split('\n');
	expect(rest).toEqual([]);
	expect(stringWidth(line)).toBeLessThanOrEqual(59);
	expect(line).toMatch(/^new process: start x+…$/);
	expect(line).not.toContain('finish');
});
