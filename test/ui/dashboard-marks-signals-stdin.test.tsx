import {describe, expect, test} from 'vitest';
import {Process} from '../../source/index.js';
import {isMarked, rowNamed, typeText, useDashboard} from '../helpers/dashboard.js';
import {waitForEvent} from '../helpers/orchestrator.js';

// Says which signal reached it, and goes on.
const listener =
	'trap "echo got USR1" USR1; trap "echo got HUP" HUP; echo up; while :; do sleep 0.05; done';

describe('Space, S, i, / in a log, n/N and t', () => {
	const dashboard = useDashboard();

	test('Space marks two rows; S sends the picked signal to both; Esc unmarks', async () => {
		// Given two listeners, up
		const bus = dashboard.orchestrator().bus;
		for (const name of ['alpha', 'bravo']) {
			const up = waitForEvent(bus, 'process:output', (event) => event.name === name);
			await dashboard.start(name, 'sh', '-c', listener);
			await up;
		}
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'bravo')?.state === 'running');

		// When both are marked with Space
		screen.press(' ');
		await screen.waitForFrame((frame) => isMarked(rowNamed(frame, 'alpha')));
		screen.press('down');
		screen.press(' ');
		const marked = await screen.waitForFrame((frame) => isMarked(rowNamed(frame, 'bravo')));
		expect(isMarked(rowNamed(marked, 'alpha'))).toBe(true);
		expect(marked).toContain('2 marked');

		// And S opens the picker, → three times points at USR1, Enter sends it
		screen.press('S');
		await screen.waitForFrame((frame) => frame.includes('signal to 2 marked:'));
		for (let step = 0; step < 3; step++) screen.press('right');
		screen.press('enter');
		await screen.waitForFrame((frame) => frame.includes('SIGUSR1 sent to alpha'));

		// Then both got it, and said so
		for (const name of ['alpha', 'bravo'])
			await waitForEvent(bus, 'process:output', (e) => e.name === name && e.line === 'got USR1');

		// When Esc is pressed, no row is marked
		screen.press('escape');
		const unmarked = await screen.waitForFrame((frame) => frame.includes('every row unmarked'));
		expect(isMarked(rowNamed(unmarked, 'alpha'))).toBe(false);
		expect(isMarked(rowNamed(unmarked, 'bravo'))).toBe(false);
	});

	test('i writes a typed line to a stdin: true process; one without stdin says why not', async () => {
		// Given a process that echoes its stdin, and one with none
		const echo = new Process({
			command: 'sh',
			args: ['-c', 'while read line; do echo "heard $line"; done'],
			name: 'echo',
			stdin: true,
			orchestrator: dashboard.orchestrator(),
		});
		await echo.start();
		await dashboard.start('deaf', 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'deaf')?.state === 'running');

		// When i is pressed on echo, a line typed and Enter pressed
		screen.press('i');
		await screen.waitForFrame((frame) => frame.includes("to echo's stdin:"));
		typeText(screen, 'hello there');
		screen.press('enter');

		// Then echo heard it
		await waitForEvent(
			dashboard.orchestrator().bus,
			'process:output',
			(event) => event.name === 'echo' && event.line === 'heard hello there',
		);
		await screen.waitForFrame((frame) => frame.includes("sent to echo's stdin: hello there"));

		// When i is pressed on deaf, the footer says why not, and no prompt opens
		screen.press('down');
		screen.press('i');
		const refused = await screen.waitForFrame((frame) =>
			frame.includes('deaf has no stdin to write to'),
		);
		expect(refused).not.toContain("to deaf's stdin:");
	});

	test('in a log, / searches: matches counted, n/N move between them; t shows wall-clock times', async () => {
		// Given a process that printed three lines, two of which match "err"
		await dashboard.start(
			'talker',
			'sh',
			'-c',
			'echo error one; echo fine; echo ERROR two; sleep 30',
		);
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.line === 'ERROR two');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'talker')?.state === 'running');
		screen.press('enter');
		await screen.waitForFrame((frame) => frame.includes('Log: talker'));

		// When / is pressed and "err" typed, the newest match is the current one, of two
		screen.press('/');
		await screen.waitForFrame((frame) => frame.includes('search the log:'));
		typeText(screen, 'err');
		screen.press('enter');
		const searched = await screen.waitForFrame((frame) => frame.includes('/err: 2 of 2'));
		expect(searched).toMatch(/▶ ERROR two/);

		// When N is pressed, the previous match; n goes round to the next, the newest again
		screen.press('N');
		const previous = await screen.waitForFrame((frame) => frame.includes('/err: 1 of 2'));
		expect(previous).toMatch(/▶ error one/);
		screen.press('n');
		await screen.waitForFrame((frame) => frame.includes('/err: 2 of 2'));

		// When t is pressed, each line has its time of day
		screen.press('t');
		await screen.waitForFrame((frame) => /^\d\d:\d\d:\d\d\.\d{3} {3}fine/m.test(frame));
	});
});
