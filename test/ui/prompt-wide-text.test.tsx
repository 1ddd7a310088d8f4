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
