import {afterEach, expect, test} from 'vitest';
import {
	expectGoneWithin,
	type RunningDashboard,
	startTour,
	waitForEnd,
} from '../helpers/endings.js';

// Each ending starts procdash for real on the tour preset (a pool, task processes under a lock, a
// shell with children of its own) and then looks, pid by pid, for anything it leaves behind.

let running: RunningDashboard | undefined;

afterEach(() => {
	running?.terminal.close();
	running = undefined;
});

test('q: every panel busy, then every process stopped; nothing alive 2 s after procdash exits', async () => {
	// Given the tour in a real terminal, with every panel moving
	running = await startTour();
	const {terminal, procdash, tree} = running;
	const screen = await terminal.waitForScreen(
		(text) =>
			/Pool-1 running · workers \d busy/.test(text) &&
			/held by adder-\d \(pid \d+\).*waiters: adder-\d, adder-\d/.test(text) &&
			/└ sleep\s+\d+\s+\d+ child/.test(text),
	);
	expect(screen).toMatch(/counter\s+i\s+\d+/);

	// When q is pressed
	terminal.press('q');

	// Then procdash stops everything, says so, exits 0, and leaves nothing
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	expect(terminal.screen()).toContain('stopped: no process left behind');
	await expectGoneWithin([procdash, ...tree], 2000);
});

test('Ctrl-C: the same orderly stop as q', async () => {
	running = await startTour();
	const {terminal, procdash, tree} = running;

	terminal.press('C-c');

	await waitForEnd(procdash);
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin(tree, 2000);
});
