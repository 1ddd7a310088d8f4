import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {crashModule, expectGoneWithin, startTour, waitForEnd} from '../helpers/endings.js';
import {terminalPerTest} from '../helpers/tmux.js';

// Endings that come from outside procdash: a signal, the terminal closing, a crash, SIGKILL.

const openTerminal = terminalPerTest();

test('SIGTERM to procdash: every process stopped, exit 143 as with --json; nothing alive 2 s later', async () => {
	const {terminal, procdash, tree} = await startTour(openTerminal);

	process.kill(procdash, 'SIGTERM');

	await waitForEnd(procdash);
	expect(terminal.exitStatus).toBe(143);
	await expectGoneWithin(tree, 2000);
});

test('SIGINT to procdash: the same orderly stop, exit 130 as with --json', async () => {
	const {terminal, procdash, tree} = await startTour(openTerminal);

	process.kill(procdash, 'SIGINT');

	await waitForEnd(procdash);
	expect(terminal.exitStatus).toBe(130);
	await expectGoneWithin(tree, 2000);
});

test('SIGHUP, the terminal closed under it: nothing alive 2 s after procdash is gone', async () => {
	const {terminal, procdash, tree} = await startTour(openTerminal);

	// Killing the tmux server closes the terminal: the kernel hangs up on procdash.
	terminal.close();

	await waitForEnd(procdash);
	await expectGoneWithin(tree, 2000);
});

test('an uncaught exception inside procdash: nothing alive 2 s after it crashed', async () => {
	// Given procdash with a module preloaded that throws from a timer once told to
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-crash-'));
	const trigger = path.join(directory, 'crash-now');
	const {terminal, procdash, tree} = await startTour(openTerminal, [
		`NODE_OPTIONS=--import ${crashModule}`,
		`PROCDASH_TEST_CRASH_WHEN=${trigger}`,
	]);

	// When it throws (its children load the module too, and do not)
	writeFileSync(trigger, '');

	// Then procdash dies of it, and its exit hook and watchdog take everything down with it
	await waitForEnd(procdash);
	expect(terminal.exitStatus).not.toBe(0);
	await expectGoneWithin(tree, 2000);
	rmSync(directory, {recursive: true, force: true});
});

test('SIGKILL of procdash, which no handler sees: the watchdog and the children clean up within 2 s', async () => {
	const {procdash, tree} = await startTour(openTerminal);

	process.kill(procdash, 'SIGKILL');

	await waitForEnd(procdash);
	await expectGoneWithin(tree, 2000);
});
