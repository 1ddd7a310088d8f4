import {type ChildProcess, spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {type CliRun, expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';
import {describePids, isRunning, livingDescendants} from '../helpers/processes.js';

// Every bad input to the command line, each run through the built procdash: one clear message
// (what, where, what to do), the right exit code, nothing else disturbed, nothing left behind.

const directory = mkdtempSync(path.join(tmpdir(), 'procdash-bad-input-'));
const files: Record<string, string> = {
	'syntax.yaml': 'processes:\n  web:\n    command: "server\n',
	'schema.yaml': 'processes:\n  web:\n    command: server\n    restart: sometimes\n',
	'cycle.yaml':
		'processes:\n  a:\n    command: "true"\n    depends_on: [b]\n  b:\n    command: "true"\n    depends_on: [a]\n',
	'missing-command.yaml': 'processes:\n  web:\n    command: no-such-command-procdash\n',
	'script.sh': 'echo never\n',
};
for (const [name, text] of Object.entries(files))
	writeFileSync(path.join(directory, name), text, {mode: 0o644});

type Row = readonly [
	input: string,
	argv: readonly string[],
	exitcode: number,
	says: (run: CliRun) => string,
	message: RegExp,
];

const stderr = (run: CliRun) => run.stderr;
const firstNote = (run: CliRun) => run.summary?.notes[0] ?? '';

const table: readonly Row[] = [
	[
		'an unknown preset',
		['nope'],
		2,
		stderr,
		/^procdash: unknown preset 'nope'; the presets are: tour, parallel, .*\n$/,
	],
	['an unknown option', ['--bogus'], 2, stderr, /^procdash: unknown option '--bogus'\n\nUsage:\n/],
	[
		'a value that is not a number',
		['--grace', 'soon'],
		2,
		stderr,
		/^procdash: invalid value for --grace: 'soon' \(expected a number of seconds, 0 or more, e\.g\. 5 or 0\.5\)\n$/,
	],
	[
		'a process limit of 0',
		['--max-processes', '0'],
		2,
		stderr,
		/^procdash: invalid value for --max-processes: '0' \(expected a whole number, 1 or more\)\n$/,
	],
	[
		'a scenario file with a YAML syntax error',
		['-c', 'syntax.yaml', '--json'],
		2,
		stderr,
		/^syntax\.yaml:4:1: Missing closing "quote\n$/,
	],
	[
		'a scenario file with a schema error',
		['-c', 'schema.yaml', '--json'],
		2,
		stderr,
		/^schema\.yaml:4:14: processes\.web\.restart: expected one of no, on-failure, always, got 'sometimes'\n$/,
	],
	[
		'a scenario file with a depends_on cycle',
		['-c', 'cycle.yaml', '--json'],
		2,
		stderr,
		/^cycle\.yaml:4:17: processes\.a\.depends_on: a dependency cycle: a → b → a; nothing in it could ever start\n/,
	],
	[
		'a command line with shell syntax but no shell',
		['run', '--json', '--', 'ls | wc -l'],
		2,
		stderr,
		/^procdash: .*'\|'.*sh -c/,
	],
	[
		'a command that does not exist',
		['run', '--json', '--', 'no-such-command-procdash'],
		1,
		firstNote,
		/^no-such-command-procdash: command 'no-such-command-procdash' not found \(ENOENT\); check the name and PATH$/,
	],
	[
		'a command that is not executable',
		['run', '--json', '--', './script.sh'],
		1,
		firstNote,
		/^script\.sh: command '\.\/script\.sh' cannot be executed \(EACCES\); check that it is a program you may run \(chmod \+x\), or run it through its interpreter \(sh script\.sh\)$/,
	],
	[
		'a scenario file whose command does not exist',
		['-c', 'missing-command.yaml', '--json'],
		1,
		(run) => JSON.stringify(run.summary?.notes),
		/"web: exit code 127 \(command 'no-such-command-procdash' not found \(ENOENT\); check the name and PATH\)"/,
	],
];

let sentinel: ChildProcess;

beforeAll(() => {
	// Something else running all along, which no bad input may disturb
	sentinel = spawn('sleep', ['60'], {stdio: 'ignore'});
});

afterAll(() => {
	sentinel.kill('SIGKILL');
	rmSync(directory, {recursive: true, force: true});
});

test.each(table)('%s: %j', async (_input, argv, exitcode, says, message) => {
	const run = await runCli(argv, {cwd: directory});

	expect(says(run)).toMatch(message);
	expect(run.exitcode).toBe(exitcode);
	if (exitcode === 2) expect(run.stdout).toBe('');
	await expectNoneRunning(pidsIn(run.events));
	expect(isRunning(sentinel.pid as number)).toBe(true);
	expect(describePids(await livingDescendants([sentinel.pid]))).toEqual([]);
});
