import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {createOrchestrator, Process} from '../../source/index.js';
import {orchestratorController} from '../../source/ui/controller.js';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

const directory = mkdtempSync(path.join(tmpdir(), 'procdash-security-'));
const openTerminal = terminalPerTest();

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

test('no shell unless asked for: arguments go to the program as they are, never through sh', async () => {
	const marker = path.join(directory, 'pwned');
	const run = await runCli(
		['run', '--json', '--', 'echo', `$(touch ${marker})`, `\`touch ${marker}\``, ';', '|', '*'],
		{cwd: directory},
	);

	expect(run.exitcode).toBe(0);
	const lines = run.events.flatMap((event) =>
		event.type === 'process:output' ? [event.line] : [],
	);
	expect(lines).toEqual([`$(touch ${marker}) \`touch ${marker}\` ; | *`]);
	expect(existsSync(marker)).toBe(false);
	await expectNoneRunning(pidsIn(run.events));
});

test('procdash signals only the processes it started: an id that is not one of them is refused', async () => {
	const orchestrator = createOrchestrator();
	const controller = orchestratorController(orchestrator);
	const child = new Process({command: 'sleep', args: ['30'], orchestrator});
	await child.start();

	// Keys act on ids of processes procdash started; there is no way to hand them a raw pid
	expect(controller.terminate(child.id + 1)).toBe(false);
	expect(controller.terminate(process.pid)).toBe(false);
	expect(child.isAlive()).toBe(true);

	// Nor is an exited process signalled again: its pid may belong to someone else by now
	expect(controller.terminate(child.id)).toBe(true);
	await child.join();
	expect(child.terminate()).toBe(false);
	expect(child.kill()).toBe(false);
	const signalled = orchestrator.bus
		.history()
		.filter((event) => event.type === 'process:signalled');
	expect(signalled.map((event) => [event.pid, event.signal])).toEqual([[child.pid, 'SIGTERM']]);
	expect((await orchestrator.stop()).survivors).toEqual([]);
});

// A umask of 000 would leave a plainly created file world-writable.
function recordWithUmask000(file: string): void {
	execFileSync(
		'sh',
		[
			'-c',
			'umask 000; exec "$0" "$@"',
			process.execPath,
			cliPath,
			'fork',
			'--json',
			'--record',
			file,
		],
		{
			stdio: 'ignore',
		},
	);
}

test('a recording is created readable by its owner alone (0600), whatever the umask', () => {
	const file = path.join(directory, 'events.ndjson');
	writeFileSync(file, 'an older file anyone could write\n', {mode: 0o666});
	recordWithUmask000(file);
	expect(statSync(file).mode & 0o777).toBe(0o600);
	const fresh = path.join(directory, 'fresh.ndjson');
	recordWithUmask000(fresh);
	expect(statSync(fresh).mode & 0o777).toBe(0o600);
});

test('escape sequences in child output and names cannot retitle the terminal or move the dashboard', async () => {
	// Given a child that prints sequences to set the title, clear the screen and move the cursor,
	// and a grandchild whose very name is an escape sequence
	const evilName = path.join(directory, '\u001b]0;PWNED\u0007');
	symlinkSync('/bin/sleep', evilName);
	const script = `printf '\\033]0;PWNED\\007\\033[2J\\033[H\\033[31mred\\033[0m\\033[10;40Hmoved\\n'; "$0" 30`;
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'sh', '-c', script, evilName], {
		columns: 100,
		rows: 30,
	});

	// Then the line shows as plain text inside the event pane, the name with '?' for its controls
	const screen = await terminal.waitForScreen(
		(text) => text.includes('sh │ redmoved') && text.includes('└ ?]0;PWNED?'),
	);
	expect(screen.split('\n')[0]).toMatch(/^procdash · run · 1 running/);
	expect(screen).not.toContain('PWNED\n');
	expect(terminal.title()).not.toContain('PWNED');
	terminal.press('q');
	await terminal.waitForExit();
});
