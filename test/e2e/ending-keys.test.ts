import {expect, test} from 'vitest';
import {expectGoneWithin, startTour, waitForEnd} from '../helpers/endings.js';
import {terminalPerTest} from '../helpers/tmux.js';

// Each ending starts procdash for real on the tour preset (a pool, task processes under a lock, a
// shell with children of its own) and then looks, pid by pid, for anything it leaves behind.

const openTerminal = terminalPerTest();

test('q: every panel busy, then every process stopped; nothing alive 2 s after procdash exits', async () => {
	// Given the tour in a real terminal, with every panel moving
	const {terminal, procdash, tree} = await startTour(openTerminal);
	const screen = await terminal.waitForScreen(
		(text) =>
			/Pool-1 running · workers \d busy/.test(text) &&
			/held by adder-\d \(pid \d+\).*waiters: adder-\d, adder-\d/.test(text) &&
			/└ sleep\s+\d+\s+\d+ child/.test(text),
	);
	expect(screen).toMatch(/counter\s+i\s+\d+/);

	// When q is pressed
	terminal.press('q');

	// Then procdash stops everything, says so, exits 0 (the tour runs until stopped: q is its
	// end), and leaves nothing
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	expect(terminal.screen()).toContain('stopped: no process left behind');
	await expectGoneWithin([procdash, ...tree], 2000);
});

test('Ctrl-C: the same orderly stop as q', async () => {
	const {terminal, procdash, tree} = await startTour(openTerminal);

	terminal.press('C-c');

	await waitForEnd(procdash);
	// Ctrl-C reaches procdash as SIGINT (130, as with --json) or, once the dashboard has the
	// terminal in raw mode, as a key that quits like q (the tour ends well on q: 0).
	expect([0, 130]).toContain(terminal.exitStatus);
	await expectGoneWithin(tree, 2000);
});
