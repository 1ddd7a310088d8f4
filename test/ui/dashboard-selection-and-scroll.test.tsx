import {describe, expect, test} from 'vitest';
import {logLine, tableRows, typeText, useDashboard} from '../helpers/dashboard.js';
import {waitForEvent} from '../helpers/orchestrator.js';
import {isRunning, waitFor} from '../helpers/processes.js';

/** The name on the selected row of the table in `frame`. */
function selectedName(frame: string): string | undefined {
	return tableRows(frame).find((row) => row.line.startsWith('› '))?.name;
}

describe('the arrows, pages, Home and End', () => {
	const dashboard = useDashboard();

	test('in the table they move the selection, and stop at the first and the last row', async () => {
		for (const name of ['first', 'second', 'third', 'fourth'])
			await dashboard.start(name, 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableRows(frame).length === 4);
		expect(selectedName(screen.frame())).toBe('first');

		// Each key waits for the one before: the selection it moves from is the one on screen.
		for (const [key, expected] of [
			['down', 'second'],
			['end', 'fourth'],
			['down', 'fourth'],
			['up', 'third'],
			['home', 'first'],
			['up', 'first'],
			['pagedown', 'fourth'],
			['pageup', 'first'],
		] as const) {
			screen.press(key);
			await screen.waitForFrame((frame) => selectedName(frame) === expected);
		}
	});

	test('in the log they scroll it: ↑ a line, PgUp a page, Home the oldest, End the newest', async () => {
		// Given a process that printed 1 to 80, a line each, and its log open
		await dashboard.start('counter', 'sh', '-c', 'seq 1 80; sleep 30');
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.line === '80');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableRows(frame).length === 1);
		screen.press('enter');
		const newest = await screen.waitForFrame((frame) => frame.includes('Log: counter 80 lines'));
		expect(newest).toMatch(logLine('stdout', '80'));

		// When ↑ is pressed, the view goes up one line: 80 is out of sight
		screen.press('up');
		const up = await screen.waitForFrame((frame) => frame.includes('scrolled up 1'));
		expect(up).toMatch(logLine('stdout', '79'));
		expect(up).not.toMatch(logLine('stdout', '80'));

		// When PgUp is pressed, it goes up a page more
		screen.press('pageup');
		await screen.waitForFrame((frame) => /scrolled up ([2-9]|\d\d)/.test(frame));

		// When Home is pressed, the oldest line shows; End goes back to following the output
		screen.press('home');
		await screen.waitForFrame((frame) => logLine('stdout', '1').test(frame));
		screen.press('end');
		const end = await screen.waitForFrame((frame) => !frame.includes('scrolled up'));
		expect(end).toMatch(logLine('stdout', '80'));

		// When ↓ is pressed at the newest line it stays there: one ↑ after it is one line up again
		screen.press('down');
		screen.press('up');
		const again = await screen.waitForFrame((frame) => frame.includes('scrolled up 1'));
		expect(again).toMatch(logLine('stdout', '79'));
		screen.press('tab');
		await screen.waitForFrame((frame) => /^Events$/m.test(frame));
	});
});

describe('the rows of descendants procdash did not start', () => {
	const dashboard = useDashboard();

	/** The pid on the selected row when it is a descendant's. */
	function selectedDescendant(frame: string): number | undefined {
		const pid = /^› └ sleep\s+(\d+)/m.exec(frame)?.[1];
		return pid === undefined ? undefined : Number(pid);
	}

	test('↓ and End reach them, / finds them, Enter says they have no log, K kills the one selected alone', async () => {
		// Given a shell with two sleeps of its own, sampled often
		const shell = await dashboard.start('shell', 'sh', '-c', 'sleep 30 & sleep 31 & wait');
		dashboard.orchestrator().startSampling(100);
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => (frame.match(/└ sleep/g) ?? []).length === 2);

		// When End is pressed, the last sleep is selected; Home goes back to the shell
		screen.press('end');
		const last = selectedDescendant(
			await screen.waitForFrame((frame) => selectedDescendant(frame) !== undefined),
		);
		screen.press('home');
		await screen.waitForFrame((frame) => /^› shell /m.test(frame));

		// When ↓ is pressed, the first sleep is selected; Enter says it has no log, and opens none
		screen.press('down');
		const first = selectedDescendant(
			await screen.waitForFrame((frame) => selectedDescendant(frame) !== undefined),
		);
		expect(first).not.toBe(last);
		screen.press('enter');
		const told = await screen.waitForFrame((frame) => frame.includes('has no log of its own'));
		expect(told).toContain(`sleep (pid ${first}) has no log of its own`);
		expect(told).not.toContain('Log: ');

		// When the filter is "sleep", both sleeps show, and the shell does not
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		typeText(screen, 'sleep');
		screen.press('enter');
		const filtered = await screen.waitForFrame((frame) => frame.includes('filter "sleep"'));
		expect(filtered.match(/└ sleep/g)).toHaveLength(2);
		expect(filtered).not.toContain('no process matches');
		expect(filtered).not.toMatch(/^[› ] shell /m);

		// When K is pressed, that sleep alone is killed: the shell and the other sleep run on
		screen.press('K');
		await screen.waitForFrame((frame) =>
			frame.includes(`SIGKILL sent to sleep (pid ${first}, under shell)`),
		);
		await waitFor(() => !isRunning(first as number));
		expect(isRunning(last as number)).toBe(true);
		expect(shell.isAlive()).toBe(true);
	});
});
