import {describe, expect, test} from 'vitest';
import {type Command, parseArgs, UsageError} from '../../source/cli/args.js';

const defaults = {
	json: false,
	record: undefined,
	graceMs: undefined,
	maxProcesses: undefined,
	logDir: undefined,
	instrument: true,
};

const valid: readonly [string, readonly string[], Command][] = [
	['nothing: the default preset, tour', [], {kind: 'preset', preset: 'tour', options: defaults}],
	['a preset', ['fork'], {kind: 'preset', preset: 'fork', options: defaults}],
	[
		'a preset with every run option, before and after it',
		[
			'--json',
			'fork',
			'--record',
			'out.ndjson',
			'--grace=0.5',
			'--max-processes',
			'8',
			'--log-dir',
			'logs',
			'--no-instrument',
		],
		{
			kind: 'preset',
			preset: 'fork',
			options: {
				json: true,
				record: 'out.ndjson',
				graceMs: 500,
				maxProcesses: 8,
				logDir: 'logs',
				instrument: false,
			},
		},
	],
	['help wins over anything', ['nope', '--bogus', '--help'], {kind: 'help'}],
	['-h', ['-h'], {kind: 'help'}],
	['--version', ['--version'], {kind: 'version'}],
	['-v', ['-v'], {kind: 'version'}],
	['list', ['list'], {kind: 'list', json: false}],
	['list --json', ['list', '--json'], {kind: 'list', json: true}],
	['schema', ['schema'], {kind: 'schema'}],
	[
		'run: argv after --, as given',
		['run', '--json', '--', 'python3', '-c', 'print(1) # a b'],
		{
			kind: 'run',
			commands: [{command: 'python3', args: ['-c', 'print(1) # a b']}],
			options: {...defaults, json: true},
		},
	],
	[
		'run: several commands, each one string split into words',
		['run', '--', 'sleep 1', '--', `sh -c 'echo "a b" | wc -c'`],
		{
			kind: 'run',
			commands: [
				{command: 'sleep', args: ['1']},
				{command: 'sh', args: ['-c', 'echo "a b" | wc -c']},
			],
			options: defaults,
		},
	],
	[
		'run: a quoted -- stays in its command',
		['run', '--', 'npm test -- --watch'],
		{kind: 'run', commands: [{command: 'npm', args: ['test', '--', '--watch']}], options: defaults},
	],
	[
		'-c FILE',
		['-c', 'procdash.yaml', '--json'],
		{kind: 'config', file: 'procdash.yaml', options: {...defaults, json: true}},
	],
	['--config=FILE', ['--config=ci.yaml'], {kind: 'config', file: 'ci.yaml', options: defaults}],
	[
		'replay with the default speed',
		['replay', 'events.ndjson'],
		{kind: 'replay', file: 'events.ndjson', speed: 1, json: false},
	],
	[
		'replay --speed 4 --json',
		['replay', '--speed', '4', 'events.ndjson', '--json'],
		{kind: 'replay', file: 'events.ndjson', speed: 4, json: true},
	],
	[
		'--grace 0 is allowed',
		['--grace', '0'],
		{kind: 'preset', preset: 'tour', options: {...defaults, graceMs: 0}},
	],
];

describe('parseArgs reads', () => {
	test.each(valid)('%s', (_title, argv, expected) => {
		expect(parseArgs(argv)).toEqual(expected);
	});
});

// [argv, exact message, whether the usage lines follow]
const invalid: readonly [readonly string[], string, boolean][] = [
	[['--bogus'], "unknown option '--bogus'", true],
	[['-x', 'fork'], "unknown option '-x'", true],
	[
		['--speed', 'abc'],
		"invalid value for --speed: 'abc' (expected a number above 0, e.g. 4 or 0.5)",
		false,
	],
	[
		['replay', 'f', '--speed', '0'],
		"invalid value for --speed: '0' (expected a number above 0, e.g. 4 or 0.5)",
		false,
	],
	[
		['replay', 'f', '--speed=-2'],
		"invalid value for --speed: '-2' (expected a number above 0, e.g. 4 or 0.5)",
		false,
	],
	[
		['--grace', '-1'],
		"invalid value for --grace: '-1' (expected a number of seconds, 0 or more, e.g. 5 or 0.5)",
		false,
	],
	[
		['--grace', '5s'],
		"invalid value for --grace: '5s' (expected a number of seconds, 0 or more, e.g. 5 or 0.5)",
		false,
	],
	[
		['--max-processes', '2.5'],
		"invalid value for --max-processes: '2.5' (expected a whole number, 1 or more)",
		false,
	],
	[
		['--max-processes', '0'],
		"invalid value for --max-processes: '0' (expected a whole number, 1 or more)",
		false,
	],
	[['--record'], '--record needs a value: --record FILE', false],
	[['-c'], '-c needs a value: -c FILE', false],
	[['--json=yes'], "--json takes no value, got '--json=yes'", false],
	[['--speed', '2'], '--speed applies only to procdash replay', false],
	[['fork', 'parallel'], "unexpected 'parallel' after fork", true],
	[['list', 'x'], "unexpected 'x' after list", true],
	[['list', '--record', 'f'], 'procdash list takes no option but --json', false],
	[['schema', '--json'], 'procdash schema takes no option', false],
	[['schema', 'x'], "unexpected 'x' after schema", true],
	[['fork', '-c', 'a.yaml'], "give either a preset ('fork') or -c FILE, not both", false],
	[['run', '-c', 'a.yaml', '--', 'ls'], 'give either procdash run or -c FILE, not both', false],
	[['run'], 'run needs a command after --: procdash run -- <command> [args…]', true],
	[['run', '--'], 'run needs a command after --: procdash run -- <command> [args…]', true],
	[['run', 'ls'], "unexpected 'ls' after run", true],
	[
		['run', '--', 'ls', '--', '--'],
		"run: an empty command between '--'; each -- starts a command: procdash run -- 'cmd1' -- 'cmd2'",
		false,
	],
	[
		['run', '--', 'cat a | wc -l'],
		"'cat a | wc -l' uses shell syntax ('|'), and procdash runs commands without a shell; run it through one: sh -c '…'",
		false,
	],
	[['run', '--', "echo 'open"], "unterminated ' quote in 'echo 'open'", false],
	[
		['fork', '--', 'ls'],
		"'--' comes only after procdash run (procdash run -- <command> [args…])",
		true,
	],
	[['replay'], 'replay needs a file: procdash replay events.ndjson', true],
	[['replay', 'a', 'b'], "unexpected 'b' after replay", true],
	[
		['replay', 'f', '--record', 'g'],
		'--record does not apply to replay (it plays a recording)',
		false,
	],
	[
		['replay', 'f', '--grace', '1'],
		'--grace does not apply to replay (it starts no process)',
		false,
	],
	[
		['replay', 'f', '--max-processes', '3'],
		'--max-processes does not apply to replay (it starts no process)',
		false,
	],
	[
		['replay', 'f', '--no-instrument'],
		'--no-instrument does not apply to replay (it starts no process)',
		false,
	],
	[
		['run', '--no-instrument=yes', '--', 'true'],
		"--no-instrument takes no value, got '--no-instrument=yes'",
		false,
	],
];

describe('parseArgs refuses', () => {
	test.each(invalid)('%j', (argv, message, showUsage) => {
		let thrown: unknown;
		try {
			parseArgs(argv);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(UsageError);
		expect((thrown as UsageError).message).toBe(message);
		expect((thrown as UsageError).showUsage).toBe(showUsage);
	});
});
