import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, startCli} from '../helpers/cli.js';
import {eventsOf, exitcodesOf, scenario} from '../helpers/scenario-files.js';

// A shell that says which signal reached it, then exits 0; it ignores SIGTERM.
const listener = `sh -c 'trap "echo got INT; exit 0" INT; trap "" TERM; echo listening; while :; do sleep 0.05; done'`;

test("stop: a process's own stop signal begins its stop (here when another's exit_on_failure stops it)", async () => {
	const run = await scenario(`
processes:
  listener:
    command: ${listener}
    stop: {signal: INT, grace_seconds: 5}
  failing:
    command: sh -c 'sleep 0.3; exit 1'
    exit_on_failure: true
`);
	expect(eventsOf(run, 'process:signalled', 'listener').map((event) => event.signal)).toEqual([
		'SIGINT',
	]);
	expect(eventsOf(run, 'process:output', 'listener').map((event) => event.line)).toContain(
		'got INT',
	);
	expect(exitcodesOf(run, 'listener')).toEqual([0]);
});

test("stop: procdash's own stop, on SIGTERM, sends each process its stop signal", async () => {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-stop-'));
	writeFileSync(
		path.join(directory, 'procdash.yaml'),
		`processes:\n  listener:\n    command: ${listener}\n    stop: {signal: SIGINT}\n`,
	);
	const cli = startCli(['-c', 'procdash.yaml', '--json'], {cwd: directory});
	await cli.waitForLine((line) => line.includes('"line":"listening"'));
	cli.child.kill('SIGTERM');
	const run = await cli.finished;
	await expectNoneRunning(pidsIn(run.events));
	expect(run.exitcode).toBe(143);
	expect(eventsOf(run, 'process:output', 'listener').map((event) => event.line)).toEqual([
		'listening',
		'got INT',
	]);
	expect(exitcodesOf(run, 'listener')).toEqual([0]);
});
