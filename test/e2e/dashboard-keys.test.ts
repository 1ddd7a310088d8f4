import pidtree from 'pidtree';
import {afterEach, describe, expect, test} from 'vitest';
import {procState, waitFor} from '../helpers/processes.js';
import {cliPath, isRunning, TmuxTerminal, waitUntil} from '../helpers/tmux.js';

// Every key flow of the dashboard, in a real terminal, at the smallest supported size and at a
// comfortable one. Keys go in one at a time; each step waits for the screen to show its effect.

let terminal: TmuxTerminal | undefined;

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

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

/** Quits with q and checks that procdash and everything it started are gone. */
async function quitLeavesNothing(open: TmuxTerminal): Promise<void> {
	const procdash = open.pid;
	const started = await pidtree(procdash);
	open.press('q');
	await open.waitForExit();
	expect(open.exitStatus).toBe(0);
	await waitUntil(
		() => ([procdash, ...started].some(isRunning) ? undefined : true),
		3000,
		() => `still running: ${[procdash, ...started].filter(isRunning).join(', ')}`,
	);
}

for (const [columns, rows] of [
	[80, 24],
	[120, 40],
] as const) {
	describe(`in a real terminal at ${columns}x${rows}`, () => {
		test('select, pause (state T) and resume, kill (-9), terminate (-15), then quit leaves nothing', async () => {
			terminal = TmuxTerminal.open(['node', cliPath, ...commands], {columns, rows});
			const open = terminal;
			let screen = await open.waitForScreen((text) => text.includes('3 running'));
			// No line is wider than the terminal: nothing wraps.
			expect(screen.split('\n').every((line) => line.length <= columns)).toBe(true);
			const sleep = pidOf(screen, 'sleep');

			open.press('p');
			await open.waitForScreen((text) => /^› sleep\s+\d+\s+\d+ paused/m.test(text));
			await waitFor(() => procState(sleep) === 'T', {message: `pid ${sleep} stopped (T)`});
			open.press('p');
			await open.waitForScreen((text) => /^› sleep\s+\d+\s+\d+ running/m.test(text));
			await waitFor(() => procState(sleep) !== 'T', {message: `pid ${sleep} no longer stopped`});

			open.press('Down');
			await open.waitForScreen((text) => /^› sleep-2 /m.test(text));
			open.press('K');
			screen = await open.waitForScreen((text) => /sleep-2 .*exited .*-9 KILL/.test(text));
			open.press('K');
			await open.waitForScreen((text) =>
				text.includes('sleep-2 has already exited (exit code -9 KILL): nothing to kill'),
			);

			open.press('Up');
			await open.waitForScreen((text) => /^› sleep /m.test(text));
			open.press('k');
			await open.waitForScreen((text) =>
				/sleep .*exited .*-15 TERM/.test(row(text, 'sleep') ?? ''),
			);

			await quitLeavesNothing(open);
		});

		test('a new process from the prompt, its log, a filter, the help, and the sort', async () => {
			terminal = TmuxTerminal.open(['node', cliPath, ...commands], {columns, rows});
			const open = terminal;
			await open.waitForScreen((text) => text.includes('3 running'));

			open.press('n');
			await open.waitForScreen((text) => text.includes('new process:'));
			open.press('-l', "sh -c 'echo from-the-prompt; sleep 60'");
			open.press('Enter');
			await open.waitForScreen((text) => /sh-2 .*running/.test(text) && text.includes('4 running'));

			open.press('End');
			await open.waitForScreen((text) => /^› sh-2 /m.test(text));
			open.press('Enter');
			await open.waitForScreen(
				(text) => text.includes('Log: sh-2') && text.includes('from-the-prompt'),
			);
			open.press('Escape');
			await open.waitForScreen((text) => text.includes('Events'));

			open.press('/');
			await open.waitForScreen((text) => text.includes('filter by name:'));
			open.press('-l', 'sleep');
			open.press('Enter');
			await open.waitForScreen(
				(text) =>
					row(text, 'sleep-2') !== undefined &&
					row(text, 'sh') === undefined &&
					!text.includes('filter by name:'),
			);
			open.press('Escape');
			await open.waitForScreen((text) => row(text, 'sh') !== undefined);

			open.press('?');
			await open.waitForScreen(
				(text) => text.includes('Keys') && text.includes('press any key to close'),
			);
			open.press('x');
			await open.waitForScreen(
				(text) => !text.includes('press any key to close') && text.includes('NAME'),
			);

			open.press('o');
			await open.waitForScreen((text) => text.includes('sorted by name'));

			await quitLeavesNothing(open);
		});
	});
}

test('in a real terminal: s opens the preset menu and Enter plays the chosen preset', async () => {
	terminal = TmuxTerminal.open(['node', cliPath, 'join-timeout'], {columns: 120, rows: 40});
	const open = terminal;
	await open.waitForScreen((text) => /sleeper\s+\d+\s+\d+ running/.test(text));
	open.press('s');
	let menu = await open.waitForScreen((text) => text.includes('Presets'));
	// The menu opens on the preset playing now; `parallel` is listed before it. Move up to it.
	for (let step = 0; step < 20 && !/› parallel/.test(menu); step++) {
		open.press('Up');
		const before = menu;
		menu = await open.waitForScreen((text) => text !== before);
	}
	open.press('Enter');
	await open.waitForScreen(
		(text) => text.includes('procdash · parallel') && /Process-\d+/.test(text),
	);
	await quitLeavesNothing(open);
});

test('in a real terminal: a resize below 80x24 asks for room, and back restores the table', async () => {
	terminal = TmuxTerminal.open(['node', cliPath, ...commands], {columns: 120, rows: 40});
	const open = terminal;
	await open.waitForScreen((text) => text.includes('3 running'));
	open.resize(70, 20);
	await open.waitForScreen((text) =>
		text.includes('procdash needs at least 80×24; this terminal is 70×20'),
	);
	open.resize(100, 30);
	await open.waitForScreen((text) => text.includes('NAME') && !text.includes('needs at least'));
	await quitLeavesNothing(open);
});
