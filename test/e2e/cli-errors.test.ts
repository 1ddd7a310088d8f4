import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {scenarios} from '../../source/scenarios/index.js';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

const directory = mkdtempSync(path.join(tmpdir(), 'procdash-errors-'));
// The registry is the one list of presets; the messages must name every one of them.
const presets = scenarios.map((scenario) => scenario.name).join(', ');

function file(name: string, text: string): string {
	writeFileSync(path.join(directory, name), text);
	return name;
}

// [argv, exact stderr] for every error that is one line and exit code 2.
const oneLineErrors: readonly [readonly string[], string][] = [
	[['nope'], `procdash: unknown preset 'nope'; the presets are: ${presets}`],
	[['nope', '--json'], `procdash: unknown preset 'nope'; the presets are: ${presets}`],
	[
		['--speed', 'abc'],
		"procdash: invalid value for --speed: 'abc' (expected a number above 0, e.g. 4 or 0.5)",
	],
	[
		['--grace', '-1'],
		"procdash: invalid value for --grace: '-1' (expected a number of seconds, 0 or more, e.g. 5 or 0.5)",
	],
	[
		['parallel', '--max-processes', 'many'],
		"procdash: invalid value for --max-processes: 'many' (expected a whole number, 1 or more)",
	],
	[
		['parallel'],
		'procdash: the dashboard needs an interactive terminal (stdin and stdout must be a TTY); use --json for headless output',
	],
	[
		['replay', file('ok.ndjson', '{"type":"scenario:started","seq":1,"at":0}\n')],
		'procdash: the dashboard needs an interactive terminal (stdin and stdout must be a TTY); use --json for headless output',
	],
	[
		['-c', file('syntax.yaml', 'processes:\n  web:\n    command: "a\n'), '--json'],
		'syntax.yaml:4:1: Missing closing "quote',
	],
	[
		[
			'-c',
			file('schema.yaml', 'processes:\n  web:\n    command: server\n    restart: sometimes\n'),
		],
		"schema.yaml:4:14: processes.web.restart: expected one of no, on-failure, always, got 'sometimes'",
	],
	[
		['-c', 'missing.yaml', '--json'],
		"missing.yaml: cannot read the scenario file: ENOENT: no such file or directory, open 'missing.yaml'",
	],
	[
		['replay', 'missing.ndjson', '--json'],
		"procdash: cannot read the recording 'missing.ndjson': ENOENT: no such file or directory, open 'missing.ndjson'",
	],
	[
		['replay', file('bad.ndjson', 'garbage\n'), '--json'],
		`procdash: bad.ndjson:1: not JSON (Unexpected token 'g', "garbage" is not valid JSON)`,
	],
	[
		['fork', '--json', '--record', 'no-such-dir/events.ndjson'],
		"procdash: cannot write the recording 'no-such-dir/events.ndjson': ENOENT: no such file or directory, open 'no-such-dir/events.ndjson'",
	],
];

test.each(oneLineErrors)(
	'procdash %j: one line on stderr, nothing on stdout, exit 2',
	async (argv, stderr) => {
		const run = await runCli(argv, {cwd: directory});
		expect(run.stderr).toBe(`${stderr}\n`);
		expect(run.stdout).toBe('');
		expect(run.exitcode).toBe(2);
	},
);

test('an unknown option prints the usage, exit 2', async () => {
	const run = await runCli(['--bogus']);
	expect(run.exitcode).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr).toMatch(
		/^procdash: unknown option '--bogus'\n\nUsage:\n {2}procdash \[preset\]/,
	);
	expect(run.stderr).toContain('  procdash replay FILE [--speed N] [--json]\n');
	expect(run.stderr.endsWith('See procdash --help.\n')).toBe(true);
});

test('a scenario file with several problems lists them all, one a line', async () => {
	const name = file(
		'many.yaml',
		'processes:\n  web:\n    comand: x\n  api:\n    command: y\n    depends_on: [db]\n',
	);
	const run = await runCli(['-c', name], {cwd: directory});
	expect(run.exitcode).toBe(2);
	expect(run.stderr.trimEnd().split('\n')).toEqual([
		"many.yaml:3:5: processes.web.comand: unknown field (did you mean 'command'?); the fields here are: command, args, cwd, env, shell, restart, backoff_seconds, max_restarts, depends_on, env_file, success_exit_codes, exit_on_failure, exit_on_end, readiness_probe, liveness_probe, stop, log, stdin",
		'many.yaml:3:5: processes.web.command: expected a command (a non-empty string), got nothing',
		"many.yaml:6:17: processes.api.depends_on: no process named 'db' (the processes are: web, api)",
	]);
});

test('--max-processes is the orchestrator limit: a preset that needs more fails, exit 1', async () => {
	const run = await runCli(['parallel', '--json', '--max-processes', '1']);
	await expectNoneRunning(pidsIn(run.events));
	expect(run.exitcode).toBe(1);
	expect(run.summary?.ok).toBe(false);
	expect(run.summary?.notes).toEqual([
		'ProcessLimitError: cannot start Process-2: 1 processes are alive, the limit is 1 (raise it with --max-processes)',
	]);
});

test('--grace is the orchestrator grace period, in seconds', async () => {
	const run = await runCli(['fork', '--json', '--grace', '0.25']);
	expect(run.exitcode).toBe(0);
	expect(run.events.find((event) => event.type === 'orchestrator:stopping')).toMatchObject({
		graceMs: 250,
	});
});

test('--version prints the package version; --help names every command, option, key and preset', async () => {
	const manifest = JSON.parse(
		readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
	) as {version: string};
	const version = await runCli(['--version']);
	expect(version).toMatchObject({exitcode: 0, stdout: `${manifest.version}\n`, stderr: ''});
	const help = await runCli(['--help']);
	expect(help.exitcode).toBe(0);
	for (const word of [
		'procdash run',
		'procdash replay FILE',
		'procdash list',
		'-c, --config FILE',
		'--json',
		'--record FILE',
		'--speed N',
		'--grace SECONDS',
		'--max-processes N',
		'--version',
		'k/K       terminate',
		'Space     mark the row',
		'S         send a signal',
		'i         type a line',
		'q         quit',
		...presets.split(', '),
	]) {
		expect(help.stdout).toContain(word);
	}
	const list = await runCli(['list', '--json']);
	expect(
		list.stdout
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line).name),
	).toEqual(presets.split(', '));
});
