import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pidtree from 'pidtree';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../helpers/endings.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// The keys of issue 13 in a real terminal at 80×24, on a scenario file: Space marks, S signals
// the marked rows, / searches a log, i types into a stdin: true process, q stops each by its rule.

const openTerminal = terminalPerTest();

// Says so on SIGUSR1; no child of its own, so that each is one row.
const listener = `python3 -c "import signal, time; signal.signal(signal.SIGUSR1, lambda *_: print('got USR1', flush=True)); print('up', flush=True); [time.sleep(1) for _ in iter(int, 1)]"`;

const scenario = `processes:
  alpha:
    command: ${JSON.stringify(listener)}
  bravo:
    command: ${JSON.stringify(listener)}
  echo:
    command: sh -c 'trap "" TERM; while read line; do echo "heard $line"; done'
    stdin: true
    stop:
      command: sh -c 'kill -9 $PROCDASH_PID'
      grace_seconds: 30
`;

test('Space marks two rows, S sends them SIGUSR1, / finds it in a log, i writes to a stdin, q stops all', async () => {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-keys-'));
	const file = path.join(directory, 'procdash.yaml');
	writeFileSync(file, scenario);
	const terminal = openTerminal(['node', cliPath, '-c', file], {columns: 80, rows: 24});
	// Once no launcher (a pyenv shim's bash) shows as a child row: each process is one row
	// and both listeners are up (their handler set)
	await terminal.waitForScreen(
		(text) =>
			text.includes('3 running') &&
			!text.includes('└') &&
			text.includes('alpha │ up') &&
			text.includes('bravo │ up'),
	);

	// Space on alpha, ↓, Space on bravo: both marked, the footer says how many
	terminal.press('Space');
	await terminal.waitForScreen((text) => /^›•alpha /m.test(text));
	terminal.press('Down');
	terminal.press('Space');
	await terminal.waitForScreen((text) => /^ •alpha /m.test(text) && /^›•bravo /m.test(text));
	await terminal.waitForScreen((text) => text.includes('unmark 2 marked'));

	// S, → three times to USR1, Enter: both get it
	terminal.press('S');
	await terminal.waitForScreen((text) => text.includes('signal to 2 marked:'));
	terminal.press('Right', 'Right', 'Right', 'Enter');
	await terminal.waitForScreen((text) => /SIGUSR1 sent to alpha \(pid \d+\), bravo/.test(text));

	// bravo's log, searched for usr1: one match, highlighted and counted
	terminal.press('Enter');
	await terminal.waitForScreen((text) => text.includes('Log: bravo'));
	terminal.press('/');
	await terminal.waitForScreen((text) => text.includes('search the log:'));
	terminal.press('-l', 'usr1');
	terminal.press('Enter');
	await terminal.waitForScreen((text) => text.includes('/usr1: 1 of 1') && /▶ got USR1/.test(text));

	// Back to the table; echo (the third row) gets a line on its stdin with i
	terminal.press('Escape');
	await terminal.waitForScreen((text) => !text.includes('Log: bravo'));
	terminal.press('Down');
	await terminal.waitForScreen((text) => /^›.echo /m.test(text));
	terminal.press('i');
	await terminal.waitForScreen((text) => text.includes("to echo's stdin:"));
	terminal.press('-l', 'hello procdash');
	terminal.press('Enter');
	await terminal.waitForScreen((text) => text.includes("sent to echo's stdin: hello procdash"));
	terminal.press('Enter');
	await terminal.waitForScreen((text) => /heard hello procdash/.test(text));

	// q stops everything: echo ignores SIGTERM, its stop command ends it long before its grace
	const procdash = terminal.pid;
	const started = await pidtree(procdash);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash, ...started], 3000);
});
