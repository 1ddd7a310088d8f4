import {describe, expect, test} from 'vitest';
import {logLine, rowNamed, useDashboard} from '../helpers/dashboard.js';
import {waitForEvent} from '../helpers/orchestrator.js';

describe("the selected process's log", () => {
	const dashboard = useDashboard();

	test('Enter shows stdout and stderr (marked !); Tab and Esc go back to the events', async () => {
		// Given a process that printed a line on each stream
		await dashboard.start('talker', 'sh', '-c', 'echo out-line; echo err-line >&2; sleep 30');
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.line === 'out-line');
		await waitForEvent(bus, 'process:output', (event) => event.line === 'err-line');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'talker')?.state === 'running');
		expect(screen.frame()).toMatch(/^Events$/m);

		// When Enter is pressed, the bottom pane is the log, with the stderr line marked
		screen.press('enter');
		const log = await screen.waitForFrame((frame) => frame.includes('Log: talker'));
		expect(log).toContain('Log: talker 2 lines');
		expect(log).toMatch(logLine('stdout', 'out-line'));
		expect(log).toMatch(logLine('stderr', 'err-line'));
		expect(log).not.toMatch(/^Events$/m);
		expect(log).toContain('Esc/Tab back to processes');

		// When Tab is pressed, the events come back; Tab again is the log; Esc the events again
		screen.press('tab');
		await screen.waitForFrame((frame) => /^Events$/m.test(frame) && !frame.includes('Log: talker'));
		screen.press('tab');
		await screen.waitForFrame((frame) => frame.includes('Log: talker'));
		screen.press('escape');
		await screen.waitForFrame((frame) => /^Events$/m.test(frame) && !frame.includes('Log: talker'));
	});

	test('escape sequences a child prints reach the log and the events as plain text', async () => {
		// Given a child that prints a cursor move, colours, a window title and a clear screen on
		// stdout, and a cursor move, an erase and a title ended by ST on stderr
		const script = String.raw`printf 'A\033[2;5Hmoved\033[31mred\033[0m\033]0;evil-title\007\033[2Jcleared\n'
printf 'B\033[1A\033[Kup\033]2;other-title\033\\done\n' >&2
sleep 30`;
		await dashboard.start('evil', 'sh', '-c', script);
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.stream === 'stderr');
		const screen = dashboard.open();

		// Then the event pane shows what was printed, with the sequences taken out
		const events = await screen.waitForFrame(
			(frame) => frame.includes('evil │ Amovedredcleared') && frame.includes('evil │ Bupdone'),
		);
		expect(events).toMatch(/^Events$/m);

		// And so does the log pane
		screen.press('enter');
		await screen.waitForFrame(
			(frame) =>
				logLine('stdout', 'Amovedredcleared').test(frame) &&
				logLine('stderr', 'Bupdone').test(frame),
		);

		// And no frame ever held an escape or control character, nor the titles
		for (const frame of screen.frames) {
			// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
			expect(frame).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
			expect(frame).not.toMatch(/evil-title|other-title/);
		}
	});
	test('a line longer than 16 KiB, which comes in pieces, has each piece but the last marked ↩', async () => {
		// Given a process that printed one line of 40,000 characters (three pieces), then another
		const script = `head -c 40000 /dev/zero | tr '\\0' x; echo; echo after; sleep 30`;
		await dashboard.start('long', 'sh', '-c', script);
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.line === 'after');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'long')?.state === 'running');

		// When its log is opened
		screen.press('enter');
		const log = await screen.waitForFrame((frame) => frame.includes('Log: long'));

		// Then the two pieces that go on end with ↩, the last piece and the next line do not
		const pieces = log.split('\n').filter((line) => /\d\.\d{3} {3}x+…/.test(line));
		expect(pieces).toHaveLength(3);
		expect(pieces.map((line) => line.trimEnd().endsWith('↩'))).toEqual([true, true, false]);
		expect(log).toMatch(logLine('stdout', 'after'));
	});
});
