import {describe, expect, test} from 'vitest';
import {scenarios} from '../../source/scenarios/index.js';
import {ScenarioAbout} from '../../source/ui/components/ScenarioAbout.js';
import {TooSmall} from '../../source/ui/components/TooSmall.js';
import {wrapText} from '../../source/ui/format.js';
import {renderTerminal} from '../helpers/render.js';

describe('wrapped text starts no line with a space', () => {
	test.each([79, 119])("every preset's description at %i columns", async (width) => {
		for (const scenario of scenarios) {
			const screen = renderTerminal(
				<ScenarioAbout
					scenario={{...scenario, state: 'running', notes: [], elapsedMs: undefined}}
					height={3}
					width={width}
				/>,
				{columns: width + 1, rows: 24},
			);
			const frame = await screen.waitForFrame((text) => text.trim() !== '');
			screen.unmount();
			const lines = frame.split('\n').filter((line) => line !== '');
			expect(lines.length, scenario.name).toBeGreaterThan(0);
			for (const line of lines) expect(line, `${scenario.name}:\n${frame}`).not.toMatch(/^ /);
			// What is shown is the description's start, word for word.
			expect(scenario.about.replaceAll(' ', '')).toContain(
				lines.join('').replace(/…$/, '').replaceAll(' ', ''),
			);
		}
	});

	test.each([[70, 20]])('the too-small message at %i×%i', async (columns, rows) => {
		const screen = renderTerminal(<TooSmall columns={columns} rows={rows} />, {columns, rows});
		const frame = await screen.waitForFrame((text) => text.includes('needs at least'));
		screen.unmount();
		const lines = frame.split('\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(line, frame).not.toMatch(/^ /);
		expect(lines.join(' ')).toBe(
			`procdash needs at least 80×24; this terminal is ${columns}×${rows}. Make it larger, or press q to quit.`,
		);
	});

	test('a word wider than the line is cut where it must, and nothing is lost', () => {
		expect(wrapText('ab cdefghij k', 4)).toEqual(['ab', 'cdef', 'ghij', 'k']);
		expect(wrapText('one  two', 20)).toEqual(['one two']);
	});
});
