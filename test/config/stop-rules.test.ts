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

// A shell that ignores SIGTERM and ends cleanly once a file `stop-now` appears beside it.
const fileWatcher = `sh -c 'trap "" TERM; trap "echo got INT; exit 0" INT; echo listening; while [ ! -e stop-now ]; do sleep 0.05; done; echo stopped by command'`;

async function stopBySigterm(yaml: string, args: readonly string[] = []) {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-stop-'));
	writeFileSync(path.join(directory, 'procdash.yaml'), yaml);
	const cli = startCli(['-c', 'procdash.yaml', '--json', ...args], {cwd: directory});
	await cli.waitForLine((line) => line.includes('"line":"listening"'));
	cli.child.kill('SIGTERM');
	const run = await cli.finished;
	await expectNoneRunning(pidsIn(run.events));
	return run;
}

test("stop.command: procdash's own stop runs the process's stop command, which ends it, before any signal", async () => {
	const run = await stopBySigterm(
		`processes:\n  listener:\n    command: ${fileWatcher}\n    stop: {command: touch stop-now, grace_seconds: 30}\n`,
	);
	expect(run.exitcode).toBe(143);
	expect(eventsOf(run, 'process:stop-command', 'listener')).toMatchObject([
		{command: 'touch stop-now', graceMs: 30_000},
	]);
	expect(eventsOf(run, 'process:output', 'listener').map((event) => event.line)).toEqual([
		'listening',
		'stopped by command',
	]);
	expect(eventsOf(run, 'process:signalled', 'listener')).toEqual([]);
	expect(exitcodesOf(run, 'listener')).toEqual([0]);
});

test("stop.command: when the command fails, the process's stop signal follows at once", async () => {
	const run = await scenario(`
processes:
  listener:
    command: ${fileWatcher}
    stop: {command: "false", signal: INT, grace_seconds: 30}
  failing:
    command: sh -c 'sleep 0.3; exit 1'
    exit_on_failure: true
`);
	expect(eventsOf(run, 'process:stop-command', 'listener')).toHaveLength(1);
	expect(eventsOf(run, 'process:signalled', 'listener').map((event) => event.signal)).toEqual([
		'SIGINT',
	]);
	expect(eventsOf(run, 'process:output', 'listener').map((event) => event.line)).toContain(
		'got INT',
	);
	expect(exitcodesOf(run, 'listener')).toEqual([0]);
});

test("stop: procdash's own stop gives each process its own grace, longer or shorter than --grace", async () => {
	// Given one that needs a second after SIGTERM with a grace of 30 s, and one that ignores SIGTERM
	// with a grace of 0.2 s, under --grace 0.2 and 30 s respectively
	const run = await stopBySigterm(
		`processes:
  slow:
    command: sh -c 'trap "sleep 1; echo clean; exit 0" TERM; echo listening; while :; do sleep 0.05; done'
    stop: {grace_seconds: 30}
  deaf:
    command: sh -c 'trap "" TERM; while :; do sleep 0.05; done'
    stop: {grace_seconds: 0.2}
`,
		['--grace', '0.2'],
	);
	// Then the slow one ended cleanly, past --grace; the deaf one was killed after its own
	expect(eventsOf(run, 'process:output', 'slow').map((event) => event.line)).toContain('clean');
	expect(exitcodesOf(run, 'slow')).toEqual([0]);
	expect(eventsOf(run, 'process:signalled', 'deaf')).toMatchObject([
		{signal: 'SIGTERM', graceMs: 200},
		{signal: 'SIGKILL'},
	]);
	expect(exitcodesOf(run, 'deaf')).toEqual([-9]);
});
