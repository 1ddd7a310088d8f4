import {describe, expect, test} from 'vitest';
import {Lock, Value} from '../../source/index.js';
import {commandsScenario} from '../../source/scenarios/commands.js';
import {parallel} from '../../source/scenarios/parallel.js';
import {runScenario} from '../../source/scenarios/run.js';
import {tour} from '../../source/scenarios/tour.js';
import {keyHelp} from '../../source/ui/keys.js';
import {tableNames, useDashboard} from '../helpers/dashboard.js';
import {waitForEvent} from '../helpers/orchestrator.js';
import type {Terminal} from '../helpers/render.js';

/** Every frame drawn so far that is not empty: each line within `columns`, at most `rows` lines. */
function expectEveryFrameFits(screen: Terminal, columns: number, rows: number): void {
	const drawn = screen.frames.filter((frame) => frame.trim() !== '');
	expect(drawn.length).toBeGreaterThan(0);
	for (const frame of drawn) {
		const lines = frame.split('\n');
		const widest = Math.max(...lines.map((line) => [...line].length));
		expect(widest, `a line wider than ${columns} in:\n${frame}`).toBeLessThanOrEqual(columns);
		expect(lines.length, `more than ${rows} lines in:\n${frame}`).toBeLessThanOrEqual(rows);
	}
}

/** The header is one line: the summary, then the blank line above the table's heading. */
function expectOneLineHeader(frame: string): void {
	const [summary, blank, heading] = frame.split('\n');
	expect(summary).toMatch(
		/^procdash · \d+ running · \d+ paused · \d+ exited · \d+ failed · \d+:\d\d/,
	);
	expect(blank).toBe('');
	expect(heading).toMatch(/^ {2}NAME /);
}

describe('the dashboard at the sizes it is made for', () => {
	const dashboard = useDashboard();

	/** Three processes with long names and long lines of output, one of them on stderr. */
	async function busyProcesses(): Promise<void> {
		const long = 'x'.repeat(300);
		const script = `echo start-${long}; echo oops-${long} >&2; sleep 30`;
		await dashboard.start('a-rather-long-process-name', 'sh', '-c', script);
		// A long target: the script's $0 is 200 characters.
		await dashboard.start('second', 'sh', '-c', 'sleep 30', `zero-${'y'.repeat(200)}`);
		await dashboard.start('third', 'sleep', '30');
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.stream === 'stderr');
	}

	test('at 80×24 every frame fits and the header is one line: table, log, prompt and help', async () => {
		await busyProcesses();
		const screen = dashboard.open({columns: 80, rows: 24});
		const table = await screen.waitForFrame(
			(frame) => tableNames(frame).length === 3 && frame.includes('oops-'),
		);
		expectOneLineHeader(table);

		screen.press('enter');
		expectOneLineHeader(await screen.waitForFrame((frame) => frame.includes('Log: a-rather')));
		screen.press('escape');
		await screen.waitForFrame((frame) => !frame.includes('Log: a-rather'));
		screen.press('o');
		await screen.waitForFrame((frame) => /^sorted by name/m.test(frame));
		screen.press('n');
		expectOneLineHeader(await screen.waitForFrame((frame) => frame.includes('new process:')));
		screen.press('escape');
		await screen.waitForFrame((frame) => !frame.includes('new process:'));
		screen.press('?');
		await screen.waitForFrame((frame) => frame.includes('press any key to close'));

		expectEveryFrameFits(screen, 80, 24);
	});

	test('at 80×24 the tour, every panel busy, fits: its description gives up lines, the header stays', async () => {
		const screen = dashboard.open({columns: 80, rows: 24});
		const playing = new AbortController();
		const played = runScenario(dashboard.orchestrator(), tour, playing.signal);
		try {
			// The pool, the shared values and the lock with its waiters, all on screen with the table
			const busy = await screen.waitForFrame(
				(frame) => /waiters: /.test(frame) && /queued \d+/.test(frame) && /^›/m.test(frame),
			);
			expect(busy.split('\n')[0]).toMatch(/^procdash · tour · \d+ running/);
			expect(busy.split('\n')).toHaveLength(24);
			// Each of the four busy panels (Pools, Queues, Shared, Sync) keeps its least, then the table
			// has its rows before the panels have all of theirs: at least four process rows show, and
			// the table scrolls for the rest (an adder in line for the lock says so in place of its state).
			const rows = busy
				.split('\n')
				.filter((line) => /^[› ] .* \d+ +\d+ (running|waiting on) /.test(line));
			expect(rows.length, busy).toBeGreaterThanOrEqual(4);
			expect(busy).toMatch(/^Queues$/m);
			expect(busy).toMatch(/\d+–\d+ of \d+/);
		} finally {
			playing.abort();
			await played;
		}
		expectEveryFrameFits(screen, 80, 24);
	});

	test('at 80×24 over a run whose description takes three lines, the help shows every key, one line each', async () => {
		const screen = dashboard.open({columns: 80, rows: 24});
		const commands = [
			'sleep 60.5',
			'sleep 61.5',
			"sh -c 'while true; do echo tick; sleep 0.3; done'",
		];
		const playing = new AbortController();
		const run = commandsScenario(
			commands.map((line) => {
				const [command = '', ...args] = line.startsWith('sh')
					? ['sh', '-c', line.slice(7, -1)]
					: line.split(' ');
				return {command, args};
			}),
		);
		const played = runScenario(dashboard.orchestrator(), run, playing.signal);
		try {
			const table = await screen.waitForFrame((frame) => frame.includes('3 running'));
			expect(table.split('\n').slice(1, 4).join(' ')).toMatch(/^Running .* memory\.$/);
			screen.press('?');
			const help = await screen.waitForFrame((frame) => frame.includes('press any key to close'));
			// The title and every key's line: none squeezed out, none wrapped onto a second line
			const inside = help.split('\n').filter((line) => line.startsWith('│'));
			expect(inside[0], help).toMatch(/^│ Keys /);
			expect(inside.slice(1, -1).map((line) => line.slice(2).split(' ')[0])).toEqual(
				keyHelp.map(([key]) => key),
			);
		} finally {
			// The commands run on: the stop ends them, and the run with them.
			playing.abort();
			await dashboard.orchestrator().stop({graceMs: 1000});
			await played;
		}
		expectEveryFrameFits(screen, 80, 24);
	});

	test('at 80×24 the parallel preset, passed, shows its four rows: empty panels share one line, the footer keeps ? and q', async () => {
		const screen = dashboard.open({columns: 80, rows: 24});
		await runScenario(dashboard.orchestrator(), parallel);

		// Once it has passed, its verdict takes a line, and still every row of the table shows
		const passed = await screen.waitForFrame(
			(frame) => frame.includes('✓ ') && tableNames(frame).length === 4,
		);
		expect(passed).not.toMatch(/\d–\d of 4/);
		expect(passed).toMatch(/^Pools none · Queues none · Shared none · Sync none$/m);
		const footer = passed.split('\n').at(-1) ?? '';
		expect(footer).toContain('? help');
		expect(footer).toContain('q quit');
		expectEveryFrameFits(screen, 80, 24);
	});

	test('with a short log pane the footer stays on the last line', async () => {
		// Given a process that printed one line, its log open at 80×24
		await dashboard.start('quiet', 'sh', '-c', 'echo one-line; sleep 30');
		await waitForEvent(dashboard.orchestrator().bus, 'process:output');
		const screen = dashboard.open({columns: 80, rows: 24});
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'quiet');
		screen.press('enter');
		const log = await screen.waitForFrame(
			(frame) => frame.includes('Log: quiet') && frame.includes('one-line'),
		);

		// Then the frame fills the terminal, the keys on its last line
		const lines = log.split('\n');
		expect(lines).toHaveLength(24);
		expect(lines.at(-1)).toContain('Esc/Tab back to processes');
	});

	test('more values and locks than their panels hold: the titles say how many are shown, and every frame fits', async () => {
		const orchestrator = dashboard.orchestrator();
		for (let index = 1; index <= 8; index++) new Value('i', index, {orchestrator});
		for (let index = 1; index <= 7; index++) new Lock({orchestrator});
		await dashboard.start('sleeper', 'sleep', '30');
		const screen = dashboard.open({columns: 120, rows: 40});
		const frame = await screen.waitForFrame((text) => tableNames(text).includes('sleeper'));
		expect(frame).toMatch(/^Shared · 6 of 8 shown$/m);
		expect(frame).toMatch(/^Sync · 5 of 7 shown$/m);
		expectEveryFrameFits(screen, 120, 40);
	});

	test('at 160×48 every frame fits and the header is one line, with the machine load', async () => {
		await busyProcesses();
		dashboard.orchestrator().startSampling(100);
		const screen = dashboard.open({columns: 160, rows: 48});
		const sampled = await screen.waitForFrame(
			(frame) =>
				tableNames(frame).length === 3 && /^procdash .* cpu \d+% of \d+ · mem /.test(frame),
		);
		expectOneLineHeader(sampled);
		screen.press('enter');
		await screen.waitForFrame((frame) => frame.includes('Log: a-rather'));

		expectEveryFrameFits(screen, 160, 48);
	});

	test('below 80×24 one line asks for room; back at a good size the table returns', async () => {
		await dashboard.start('napper', 'sleep', '30');
		const screen = dashboard.open({columns: 120, rows: 40});
		await screen.waitForFrame((frame) => tableNames(frame).join() === 'napper');

		screen.resize(70, 20);
		const small = await screen.waitForFrame((frame) => frame.includes('needs at least 80×24'));
		expect(small).toContain('procdash needs at least 80×24; this terminal is 70×20.');
		expect(tableNames(small)).toEqual([]);

		screen.resize(120, 40);
		const back = await screen.waitForFrame((frame) => tableNames(frame).join() === 'napper');
		expect(back).not.toContain('needs at least');
		expectOneLineHeader(back);
	});
});
