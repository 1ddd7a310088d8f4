import {describe, expect, test} from 'vitest';
import {
	logLine,
	rowNamed,
	type TableRow,
	tableNames,
	tableRows,
	typeText,
	useDashboard,
} from '../helpers/dashboard.js';
import {isRunning} from '../helpers/processes.js';
import type {Terminal} from '../helpers/render.js';

const backspace = '\u007F';
const deleteKey = '\u001B[3~';

/** What a terminal sends for Ctrl and `letter`. */
function ctrl(letter: string): string {
	return String.fromCharCode(letter.charCodeAt(0) - 96);
}

/** The name on the selected row of the table in `frame`. */
function selectedName(frame: string): string | undefined {
	return tableRows(frame).find((row) => row.line.startsWith('› '))?.name;
}

/** Whether `frame` has the prompt `label` showing `typed`, the cursor after it. */
function promptShows(frame: string, label: string, typed: string): boolean {
	return frame
		.split('\n')
		.some((line) => line === `${label} ${typed}` || line === `${label} ${typed} `);
}

describe('n: a new process from a typed command line', () => {
	const dashboard = useDashboard();

	/** Opens the prompt with n, types `line` key by key, and waits until the prompt shows it. */
	async function typeCommand(screen: Terminal, line: string): Promise<void> {
		screen.press('n');
		await screen.waitForFrame((frame) => frame.includes('new process:'));
		typeText(screen, line);
		await screen.waitForFrame((frame) => promptShows(frame, 'new process:', line));
	}

	const isRunningRow = (row: TableRow | undefined) => row?.state === 'running';

	test('typing sleep 30 and Enter starts a process called sleep; a second one is sleep-2', async () => {
		// Given an empty dashboard
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => frame.includes('no processes yet'));

		// When n is pressed, the prompt opens with an example and the prompt's keys
		screen.press('n');
		const prompt = await screen.waitForFrame((frame) => frame.includes('new process:'));
		expect(prompt).toContain('e.g. sleep 30');
		expect(prompt).toMatch(/^Enter start {2}Esc cancel {2}Ctrl-C quit *$/m);

		// When a line is typed, a mistake erased, and Enter pressed
		typeText(screen, 'sleep 300');
		await screen.waitForFrame((frame) => promptShows(frame, 'new process:', 'sleep 300'));
		screen.press(backspace);
		await screen.waitForFrame((frame) => promptShows(frame, 'new process:', 'sleep 30'));
		screen.press('enter');

		// Then sleep runs: a row, the pid in the footer, and a living process with that pid
		const started = await screen.waitForFrame((frame) => isRunningRow(rowNamed(frame, 'sleep')));
		expect(started).not.toContain('new process:');
		const row = rowNamed(started, 'sleep');
		expect(row?.line).toMatch(/ sleep 30 *$/);
		await screen.waitForFrame((frame) => frame.includes(`started sleep, pid ${row?.pid}`));
		expect(isRunning(row?.pid as number)).toBe(true);

		// And the same line again starts a second process with a name of its own
		await typeCommand(screen, 'sleep 30');
		screen.press('enter');
		const both = await screen.waitForFrame((frame) => isRunningRow(rowNamed(frame, 'sleep-2')));
		expect(tableNames(both)).toEqual(['sleep', 'sleep-2']);
	});

	test('a command that does not exist shows "not found" on its row and says why', async () => {
		const screen = dashboard.open();
		await typeCommand(screen, 'nosuchcmd-pd --flag');
		screen.press('enter');
		// The why comes with the key; the row, with the next frame of the snapshot
		const frame = await screen.waitForFrame(
			(text) =>
				text.includes("command 'nosuchcmd-pd' not found (ENOENT); check the name and PATH") &&
				rowNamed(text, 'nosuchcmd-pd')?.state === 'failed',
		);
		const row = rowNamed(frame, 'nosuchcmd-pd');
		expect(row?.line).toMatch(/failed .* not found nosuchcmd-pd --flag *$/);
	});

	test("sh -c '…' runs the script through a shell, and its log shows what it printed", async () => {
		const screen = dashboard.open();
		await typeCommand(screen, "sh -c 'echo hi; sleep 30'");
		screen.press('enter');
		const frame = await screen.waitForFrame((text) => isRunningRow(rowNamed(text, 'sh')));
		expect(rowNamed(frame, 'sh')?.line).toMatch(/ sh -c echo hi; sleep 30 *$/);

		// When Enter opens its log, the line the shell printed is there
		screen.press('enter');
		await screen.waitForFrame(
			(text) => text.includes('Log: sh') && logLine('stdout', 'hi').test(text),
		);
	});

	test('a line that cannot run stays in the open prompt as typed, with why under it, to be fixed', async () => {
		// Given a line with an unclosed quote, and Enter
		const screen = dashboard.open();
		await typeCommand(screen, "echo 'hello");
		screen.press('enter');

		// Then the prompt is still open with the line, and the line under it says what is wrong
		const refused = await screen.waitForFrame((frame) => frame.includes("unterminated ' quote"));
		const lines = refused.split('\n');
		const prompt = lines.findIndex((line) => promptShows(line, 'new process:', "echo 'hello"));
		expect(prompt).toBeGreaterThan(-1);
		expect(lines[prompt + 1]).toMatch(/^unterminated ' quote in 'echo 'hello' *$/);
		const bus = dashboard.orchestrator().bus;
		expect(bus.history().filter((event) => event.type === 'process:created')).toEqual([]);

		// When the quote is closed and Enter pressed, echo runs and the prompt closes
		screen.press("'");
		await screen.waitForFrame((frame) => promptShows(frame, 'new process:', "echo 'hello'"));
		screen.press('enter');
		const started = await screen.waitForFrame((frame) => rowNamed(frame, 'echo') !== undefined);
		expect(started).not.toContain('new process:');
	});

	test('shell syntax outside sh -c is refused in the prompt, the line kept', async () => {
		const screen = dashboard.open();
		await typeCommand(screen, 'sleep 1 | cat');
		screen.press('enter');
		const refused = await screen.waitForFrame((frame) => frame.includes("uses shell syntax ('|')"));
		expect(promptShows(refused, 'new process:', 'sleep 1 | cat')).toBe(true);
	});

	test('the process n starts is selected', async () => {
		// Given two processes, the first selected
		await dashboard.start('first', 'sleep', '30');
		await dashboard.start('second', 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableNames(frame).length === 2);
		expect(selectedName(screen.frame())).toBe('first');

		// When n starts sleep 30
		await typeCommand(screen, 'sleep 30');
		screen.press('enter');

		// Then its row is the selected one
		await screen.waitForFrame((frame) => selectedName(frame) === 'sleep');
	});

	test("the prompt's cursor: arrows, Home/End, Ctrl-A/E move it, typing inserts at it, Backspace, Delete, Ctrl-W and Ctrl-U erase", async () => {
		const screen = dashboard.open();
		await typeCommand(screen, 'sleep 0');
		// Each key waits for the line it makes, as the person would see it.
		for (const [key, line] of [
			['left', 'sleep 0'],
			['3', 'sleep 30'],
			['home', 'sleep 30'],
			[deleteKey, 'leep 30'],
			['s', 'sleep 30'],
			['end', 'sleep 30'],
			[' 40', 'sleep 30 40'],
			// The blank before the erased word stays: 5 comes after it.
			[ctrl('w'), 'sleep 30'],
			['5', 'sleep 30 5'],
			[backspace, 'sleep 30'],
			[backspace, 'sleep 30'],
			[ctrl('a'), 'sleep 30'],
			['right', 'sleep 30'],
			['right', 'sleep 30'],
			[ctrl('u'), 'eep 30'],
			['sl', 'sleep 30'],
			[ctrl('e'), 'sleep 30'],
			['0', 'sleep 300'],
		] as const) {
			screen.press(key);
			await screen.waitForFrame((frame) => promptShows(frame, 'new process:', line));
		}
		screen.press('enter');
		const frame = await screen.waitForFrame((text) => isRunningRow(rowNamed(text, 'sleep')));
		expect(rowNamed(frame, 'sleep')?.line).toMatch(/ sleep 300 *$/);
	});

	test('Esc closes the prompt and starts nothing', async () => {
		const screen = dashboard.open();
		await typeCommand(screen, 'sleep 30');
		screen.press('escape');
		const closed = await screen.waitForFrame((frame) => !frame.includes('new process:'));
		expect(closed).toContain('no processes yet');
		expect(closed).toMatch(/^↑\/↓ select {2}Enter log {2}n new/m);
		const bus = dashboard.orchestrator().bus;
		expect(bus.history().filter((event) => event.type === 'process:created')).toEqual([]);
	});
});

describe('/: a filter by name', () => {
	const dashboard = useDashboard();

	/** Starts web, worker and db, opens the dashboard and waits for their three rows. */
	async function threeProcesses(): Promise<Terminal> {
		for (const name of ['web', 'worker', 'db']) await dashboard.start(name, 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableNames(frame).length === 3);
		return screen;
	}

	const all = ['web', 'worker', 'db'];

	test('Enter keeps only the rows whose name matches; / shows it again; Esc clears it', async () => {
		const screen = await threeProcesses();

		// When / is pressed and WE typed (any case) and kept with Enter
		screen.press('/');
		const prompt = await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		expect(prompt).toContain('Enter keeps it, Esc clears it');
		typeText(screen, 'WE');
		await screen.waitForFrame((frame) => promptShows(frame, 'filter by name:', 'WE'));
		screen.press('enter');

		// Then the prompt closes, only web is left, and the line under the heading says why
		const filtered = await screen.waitForFrame((frame) => !frame.includes('filter by name:'));
		expect(tableNames(filtered)).toEqual(['web']);
		expect(filtered).toMatch(/^ {2}filter "WE" \(Esc clears\)$/m);

		// When / is pressed again, the prompt holds the filter; Esc there clears it
		screen.press('/');
		await screen.waitForFrame((frame) => promptShows(frame, 'filter by name:', 'WE'));
		screen.press('escape');
		const cleared = await screen.waitForFrame((frame) => tableNames(frame).length === 3);
		expect(tableNames(cleared)).toEqual(all);
		expect(cleared).not.toContain('filter "');

		// When a filter is kept again, Esc in the table clears it too
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		screen.press('d');
		screen.press('enter');
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'db');
		screen.press('escape');
		await screen.waitForFrame((frame) => tableNames(frame).length === 3);
	});

	test('the table narrows at each key typed, before Enter; Esc clears it', async () => {
		const screen = await threeProcesses();
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		screen.press('w');
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'web,worker');
		screen.press('e');
		const narrowed = await screen.waitForFrame((frame) => tableNames(frame).join() === 'web');
		expect(promptShows(narrowed, 'filter by name:', 'we')).toBe(true);
		screen.press(backspace);
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'web,worker');
		screen.press('escape');
		const cleared = await screen.waitForFrame((frame) => !frame.includes('filter by name:'));
		expect(tableNames(cleared)).toEqual(all);
	});

	test('a filter that matches nothing says so', async () => {
		const screen = await threeProcesses();
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		typeText(screen, 'zzz');
		screen.press('enter');
		await screen.waitForFrame((frame) =>
			frame.includes('no process matches "zzz" (Esc clears the filter)'),
		);
	});

	test('a pasted "/wor" opens the filter with "wor" typed in it', async () => {
		const screen = await threeProcesses();
		screen.press('/wor');
		await screen.waitForFrame((frame) => promptShows(frame, 'filter by name:', 'wor'));
		screen.press('enter');
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'worker');
	});

	test('a pasted "/wor" and Enter keeps the filter at once', async () => {
		const screen = await threeProcesses();
		screen.press('/wor\r');
		const frame = await screen.waitForFrame(
			(text) => text.includes('filter "wor"') && !text.includes('filter by name:'),
		);
		expect(tableNames(frame)).toEqual(['worker']);
	});

	test('three matching rows all show under the line that names the filter', async () => {
		for (const name of ['web-1', 'web-2', 'web-3', 'db'])
			await dashboard.start(name, 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => tableNames(frame).length === 4);
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('filter by name:'));
		typeText(screen, 'web');
		screen.press('enter');
		const frame = await screen.waitForFrame((text) => text.includes('filter "web"'));
		expect(tableNames(frame)).toEqual(['web-1', 'web-2', 'web-3']);
	});
});
