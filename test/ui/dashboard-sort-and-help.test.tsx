import {describe, expect, test} from 'vitest';
import {keyHelp} from '../../source/ui/keys.js';
import {rowNamed, tableNames, useDashboard} from '../helpers/dashboard.js';

/** The line under the table's heading that says the order and the filter, if any. */
function orderLine(frame: string): string | undefined {
	const lines = frame.split('\n');
	const below = lines[lines.findIndex((line) => line.startsWith('  NAME ')) + 1];
	return below?.startsWith('  ') && !tableNames(below).length ? below.trim() : undefined;
}

describe('o and ?', () => {
	const dashboard = useDashboard();

	test('o cycles the order: name, cpu, memory, state, then the order of starting again', async () => {
		// Given bravo (which exits) and alpha, started in that order
		const bravo = await dashboard.start('bravo', 'true');
		await bravo.join();
		await dashboard.start('alpha', 'sleep', '30');
		const screen = dashboard.open();
		const first = await screen.waitForFrame((frame) => tableNames(frame).length === 2);
		expect(tableNames(first)).toEqual(['bravo', 'alpha']);
		expect(orderLine(first)).toBeUndefined();

		// When o is pressed again and again, the line under the heading names each order, and the
		// rows follow it
		const order = async (sort: string) => {
			screen.press('o');
			const frame = await screen.waitForFrame((text) => orderLine(text) === `sorted by ${sort}`);
			expect(frame).toMatch(new RegExp(`^sorted by ${sort}$`, 'm'));
			return tableNames(frame);
		};
		expect(await order('name')).toEqual(['alpha', 'bravo']);
		// Nothing is sampled here: with no figures the rows keep the order of starting.
		expect(await order('cpu')).toEqual(['bravo', 'alpha']);
		expect(await order('memory')).toEqual(['bravo', 'alpha']);
		expect(await order('state')).toEqual(['alpha', 'bravo']);

		// Then the fifth o comes back to the order of starting, and the footer says so
		screen.press('o');
		const last = await screen.waitForFrame(
			(frame) => frame.includes('sorted by started') && orderLine(frame) === undefined,
		);
		expect(tableNames(last)).toEqual(['bravo', 'alpha']);
	});

	test('the line that names the order hides no row when the terminal has room for all', async () => {
		// Given three processes, started in reverse alphabetical order, at 120×40
		await dashboard.start('charlie', 'sleep', '30');
		await dashboard.start('bravo', 'sleep', '30');
		await dashboard.start('alpha', 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableNames(frame).length === 3);

		// When o sorts them by name
		screen.press('o');
		const sorted = await screen.waitForFrame((frame) => orderLine(frame) === 'sorted by name');

		// Then all three show, in that order, with no "1–1 of 3"
		expect(tableNames(sorted)).toEqual(['alpha', 'bravo', 'charlie']);
		expect(sorted).not.toMatch(/ of 3$/m);
	});

	test('? lists every key, and any key closes the help without doing anything else', async () => {
		// Given a running process
		const napper = await dashboard.start('napper', 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'napper')?.state === 'running');

		// When ? is pressed, every key is listed with what it does, in place of the panels
		screen.press('?');
		const help = await screen.waitForFrame((frame) => frame.includes('press any key to close'));
		const lines = help.split('\n');
		for (const [key, action] of keyHelp)
			expect(
				lines.some((line) => line.includes(`${key} `) && line.includes(action)),
				`${key}: ${action}`,
			).toBe(true);
		expect(rowNamed(help, 'napper')).toBeUndefined();
		expect(help).toContain('any key close the help');

		// When K is pressed, it only closes the help: the process runs on
		screen.press('K');
		const closed = await screen.waitForFrame((frame) => !frame.includes('press any key to close'));
		expect(rowNamed(closed, 'napper')?.state).toBe('running');
		expect(napper.isAlive()).toBe(true);
		const bus = dashboard.orchestrator().bus;
		expect(bus.history().filter((event) => event.type === 'process:signalled')).toEqual([]);
	});
});
