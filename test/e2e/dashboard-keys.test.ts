import pidtree from 'pidtree';
import {describe, expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {procState, waitFor} from '../helpers/processes.js';
import {cliPath, type TmuxTerminal, terminalPerTest} from '../helpers/tmux.js';

// Every key flow of the dashboard, in a real terminal, at the smallest supported size and at a
// comfortable one. Keys go in one at a time; each step waits for the screen to show its effect.

const openTerminal = terminalPerTest();

const commands = [
	'run',
	'--',
	'sleep 60',
	'--',
	'sleep 61',
	'--',
	"sh -c 'while true; do echo tick; sleep 0.3; done'",
];

/** The row of `name` on `screen` (the selection marker and indentation stripped). */
function row(screen: string, name: string): string | undefined {
	return screen.split('\n').find((line) => line.replace(/^[›\s]+/, '').startsWith(`${name} `));
}

/** The pid shown on the row of `name`. */
function pidOf(screen: string, name: string): number {
	const pid = Number(
		row(screen, name)
			?.replace(/^[›\s]+/, '')
			.split(/\s+/)[1],
	);
	if (!Number.isInteger(pid)) throw new Error(`no pid for ${name} on:\n${screen}`);
	return pid;
}

/** The preset highlighted in the open preset menu (its line inside the menu's border). */
function chosenPreset(screen: string): string | undefined {
	return /^│ › (\S+)/m.exec(screen)?.[1];
}

/**
 * Quits with q and checks the exit code (1 when a preset is quit before its end, as with --json)
 * and that procdash and everything it started are gone.
 */
async function quitLeavesNothing(terminal: TmuxTerminal, exitcode = 0): Promise<void> {
	const procdash = terminal.pid;
	const started = await pidtree(procdash);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(exitcode);
	await expectGoneWithin([procdash, ...started], 3000);
}

for (const [columns, rows] of [
	[80, 24],
	[120, 40],
] as const) {
	describe(`in a real terminal at ${columns}x${rows}`, () => {
		test('select, pause (state T) and resume, kill (-9), terminate (-15), then quit leaves nothing', async () => {
			const terminal = openTerminal(['node', cliPath, ...commands], {columns, rows});
			let screen = await terminal.waitForScreen((text) => text.includes('3 running'));
			// No line is wider than the terminal: nothing wraps.
			expect(screen.split('\n').every((line) => line.length <= columns)).toBe(true);
			const sleep = pidOf(screen, 'sleep');

			terminal.press('p');
			await terminal.waitForScreen((text) => /^› sleep\s+\d+\s+\d+ paused/m.test(text));
			await waitFor(() => procState(sleep) === 'T', {message: `pid ${sleep} stopped (T)`});
			terminal.press('p');
			await terminal.waitForScreen((text) => /^› sleep\s+\d+\s+\d+ running/m.test(text));
			await waitFor(() => procState(sleep) !== 'T', {message: `pid ${sleep} no longer stopped`});

			terminal.press('Down');
			await terminal.waitForScreen((text) => /^› sleep-2 /m.test(text));
			terminal.press('K');
			screen = await terminal.waitForScreen((text) => /sleep-2 .*exited .*-9 KILL/.test(text));
			terminal.press('K');
			await terminal.waitForScreen((text) =>
				text.includes('sleep-2 has already exited (exit code -9 KILL): nothing to kill'),
			);

			terminal.press('Up');
			await terminal.waitForScreen((text) => /^› sleep /m.test(text));
			terminal.press('k');
			await terminal.waitForScreen((text) =>
				/sleep .*exited .*-15 TERM/.test(row(text, 'sleep') ?? ''),
			);

			await quitLeavesNothing(terminal);
		});

		test('a new process from the prompt, its log, a filter, the help, and the sort', async () => {
			const terminal = openTerminal(['node', cliPath, ...commands], {columns, rows});
			await terminal.waitForScreen((text) => text.includes('3 running'));

			terminal.press('n');
			await terminal.waitForScreen((text) => text.includes('new process:'));
			terminal.press('-l', "sh -c 'echo from-the-prompt; sleep 60'");
			terminal.press('Enter');
			// Its row may be below the fold: at 80x24 the table has three lines, and once the sampler
			// has found the shells' own sleeps (after a second, or sooner than the keys on a loaded
			// machine) sh-2 is the fifth. The header and the footer say it started; End shows the row.
			await terminal.waitForScreen(
				(text) => text.includes('4 running') && /started sh-2, pid \d+/.test(text),
			);

			terminal.press('End');
			await terminal.waitForScreen((text) => /^› sh-2 .*running/m.test(text));
			terminal.press('Enter');
			await terminal.waitForScreen(
				(text) => text.includes('Log: sh-2') && text.includes('from-the-prompt'),
			);
			terminal.press('Escape');
			await terminal.waitForScreen((text) => text.includes('Events'));

			terminal.press('/');
			await terminal.waitForScreen((text) => text.includes('filter by name:'));
			terminal.press('-l', 'sleep');
			terminal.press('Enter');
			await terminal.waitForScreen(
				(text) =>
					row(text, 'sleep-2') !== undefined &&
					row(text, 'sh') === undefined &&
					!text.includes('filter by name:'),
			);
			terminal.press('Escape');
			await terminal.waitForScreen((text) => row(text, 'sh') !== undefined);

			terminal.press('?');
			await terminal.waitForScreen(
				(text) => text.includes('Keys') && text.includes('press any key to close'),
			);
			terminal.press('x');
			await terminal.waitForScreen(
				(text) => !text.includes('press any key to close') && text.includes('NAME'),
			);

			terminal.press('o');
			await terminal.waitForScreen((text) => text.includes('sorted by name'));

			await quitLeavesNothing(terminal);
		});
	});
}

test('in a real terminal: s opens the preset menu and Enter plays the chosen preset', async () => {
	const terminal = openTerminal(['node', cliPath, 'join-timeout'], {columns: 120, rows: 40});
	await terminal.waitForScreen((text) => /sleeper\s+\d+\s+\d+ running/.test(text));
	terminal.press('s');
	let menu = await terminal.waitForScreen((text) => chosenPreset(text) !== undefined);
	// The menu opens on the preset playing now; `parallel` is listed before it. Move up to it, one
	// key at a time: each Up waits for the highlight to move (the clock and the stats change the
	// screen too, and a second Up sent before the first is drawn would go past parallel).
	for (let step = 0; step < 20 && chosenPreset(menu) !== 'parallel'; step++) {
		const before = chosenPreset(menu);
		terminal.press('Up');
		menu = await terminal.waitForScreen((text) => {
			const chosen = chosenPreset(text);
			return chosen !== undefined && chosen !== before;
		});
	}
	terminal.press('Enter');
	await terminal.waitForScreen(
		(text) => text.includes('procdash · parallel') && /Process-\d+/.test(text),
	);
	await quitLeavesNothing(terminal, 1);
});

test('in a real terminal: a resize below 80x24 asks for room, and back restores the table', async () => {
	const terminal = openTerminal(['node', cliPath, ...commands], {columns: 120, rows: 40});
	await terminal.waitForScreen((text) => text.includes('3 running'));
	terminal.resize(70, 20);
	await terminal.waitForScreen((text) =>
		text.includes('procdash needs at least 80×24; this terminal is 70×20'),
	);
	terminal.resize(100, 30);
	await terminal.waitForScreen((text) => text.includes('NAME') && !text.includes('needs at least'));
	await quitLeavesNothing(terminal);
});
