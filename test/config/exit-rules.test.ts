import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {eventsOf, exitcodesOf, scenario} from '../helpers/scenario-files.js';

test('success_exit_codes: an exit code listed there is a success for restarts, dependencies and the verdict', async () => {
	const run = await scenario(`
processes:
  checker:
    command: sh -c 'exit 3'
    success_exit_codes: [0, 3]
    restart: on-failure
  after:
    command: echo after
    depends_on:
      checker: completed_successfully
  strict:
    command: sh -c 'exit 3'
`);
	// checker's 3 is a success: not restarted, and what waits for its success starts
	expect(exitcodesOf(run, 'checker')).toEqual([3]);
	expect(exitcodesOf(run, 'after')).toEqual([0]);
	// strict has only 0: its 3 fails the run
	expect(run.summary?.notes).toEqual([
		'2 of 3 processes ended with a successful exit code',
		'checker: exit code 3',
		'after: exit code 0',
		'strict: exit code 3',
	]);
	expect(run.exitcode).toBe(1);
});

test('exit_on_failure: a process that fails for good stops every other one, and the run fails', async () => {
	const run = await scenario(`
processes:
  server:
    command: sleep 30.75
    restart: always
  migrate:
    command: sh -c 'echo broken >&2; exit 5'
    restart: on-failure
    max_restarts: 1
    backoff_seconds: 0
    exit_on_failure: true
  later:
    command: echo never
    depends_on:
      server: completed_successfully
`);
	expect(exitcodesOf(run, 'migrate')).toEqual([5, 5]);
	// The server was stopped by SIGTERM (−15), not restarted by its policy, and later never ran
	expect(exitcodesOf(run, 'server')).toEqual([-15]);
	expect(eventsOf(run, 'process:started', 'later')).toEqual([]);
	expect(run.summary?.notes).toEqual([
		'0 of 3 processes ended with a successful exit code, 1 stopped',
		'migrate failed and has exit_on_failure: every other process was stopped',
		'server: stopped (exit code -15)',
		'migrate: exit code 5 after 1 restart',
		'later: not started: stopped before it started',
	]);
	expect(run.exitcode).toBe(1);
});

test('env_file: KEY=value lines, comments, export and quotes, relative to the file; env wins over it', async () => {
	const run = await scenario(
		`
processes:
  show:
    command: python3 -c "import os; print('|'.join(os.environ[k] for k in ['PLAIN', 'SINGLE', 'DOUBLE', 'EXPORTED', 'OVERRIDDEN']))"
    env_file: config/app.env
    env: {OVERRIDDEN: from-env}
`,
		{
			'config/app.env': [
				'# a comment',
				'',
				'PLAIN=plain value # not part of it',
				"SINGLE='kept # as $written'",
				'DOUBLE="tab\\there \\"quoted\\""',
				'export EXPORTED=yes',
				'OVERRIDDEN=from-file',
			].join('\n'),
		},
	);
	expect(run.exitcode).toBe(0);
	const [line] = eventsOf(run, 'process:output', 'show').map((event) => event.line);
	expect(line).toBe('plain value|kept # as $written|tab\there "quoted"|yes|from-env');
});

test('log: every line of a process, restarts included, in its file with its time and stream', async () => {
	const run = await scenario(
		`
processes:
  web:
    command: sh -c 'echo out; echo err >&2; exit 1'
    restart: on-failure
    max_restarts: 1
    backoff_seconds: 0
    log: {file: logs/web.log, max_size_mb: 1, keep: 2}
`,
		{'logs/.keep': ''},
	);
	expect(run.exitcode).toBe(1);
	const text = readFileSync(path.join(run.directory, 'logs', 'web.log'), 'utf8');
	const lines = text.trimEnd().split('\n');
	expect(lines).toHaveLength(4);
	for (const line of lines)
		expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (stdout out|stderr err)$/);
	expect(statSync(path.join(run.directory, 'logs', 'web.log')).mode & 0o777).toBe(0o600);
});

test('--log-dir: every process logged to DIR/NAME.log', async () => {
	const run = await scenario(
		`
processes:
  one:
    command: echo first
  two:
    command: echo second
`,
		{},
		['--log-dir', '.'],
	);
	expect(run.exitcode).toBe(0);
	expect(readFileSync(path.join(run.directory, 'one.log'), 'utf8')).toMatch(/Z stdout first\n$/);
	expect(readFileSync(path.join(run.directory, 'two.log'), 'utf8')).toMatch(/Z stdout second\n$/);
});
