import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {parseConfig} from '../../source/config/load.js';
import {ConfigError} from '../../source/config/types.js';

const base = mkdtempSync(path.join(tmpdir(), 'procdash-config-'));

function problems(text: string): readonly string[] {
	try {
		parseConfig(text, 'procdash.yaml', base);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('the file was accepted');
}

test('a valid file is read with every default filled in', () => {
	const config = parseConfig(
		`description: two steps
processes:
  build:
    command: make -j2 "all targets"
    env: {JOBS: 2, DEBUG: false}
    cwd: .
  serve:
    command: python3
    args: [-m, http.server]
    restart: on-failure
    backoff_seconds: 0.5
    max_restarts: 3
    depends_on:
      build: completed_successfully
  tail:
    command: tail -f log | grep x
    shell: true
    depends_on: [serve]
`,
		'procdash.yaml',
		base,
	);
	expect(config).toEqual({
		file: 'procdash.yaml',
		description: 'two steps',
		warnings: [],
		processes: [
			{
				name: 'build',
				command: 'make',
				args: ['-j2', 'all targets'],
				cwd: base,
				env: {JOBS: '2', DEBUG: 'false'},
				shell: false,
				restart: 'no',
				backoffMs: 1000,
				maxRestarts: 5,
				dependsOn: [],
				successExitCodes: [0],
				exitOnFailure: false,
				exitOnEnd: false,
				stdin: false,
				readiness: undefined,
				liveness: undefined,
			},
			{
				name: 'serve',
				command: 'python3',
				args: ['-m', 'http.server'],
				cwd: undefined,
				env: undefined,
				shell: false,
				restart: 'on-failure',
				backoffMs: 500,
				maxRestarts: 3,
				dependsOn: [{name: 'build', condition: 'completed_successfully'}],
				successExitCodes: [0],
				exitOnFailure: false,
				exitOnEnd: false,
				stdin: false,
				readiness: undefined,
				liveness: undefined,
			},
			{
				name: 'tail',
				command: 'tail -f log | grep x',
				args: [],
				cwd: undefined,
				env: undefined,
				shell: true,
				restart: 'no',
				backoffMs: 1000,
				maxRestarts: 5,
				dependsOn: [{name: 'serve', condition: 'started'}],
				successExitCodes: [0],
				exitOnFailure: false,
				exitOnEnd: false,
				stdin: false,
				readiness: undefined,
				liveness: undefined,
			},
		],
	});
});

describe('YAML syntax errors name the file, line and column', () => {
	test.each([
		[
			'processes:\n  web:\n    command: [a\n',
			'procdash.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
		],
		[
			'processes:\n  web:\n    command: a\n  web:\n    command: b\n',
			'procdash.yaml:4:3: Map keys must be unique',
		],
		['processes:\n\tweb: {}\n', 'procdash.yaml:2:1: Tabs are not allowed as indentation'],
		['processes:\n  web:\n    command: "a\n', 'procdash.yaml:4:1: Missing closing "quote'],
	])('%j', (text, message) => {
		expect(problems(text)).toEqual([message]);
	});
});

describe('schema errors name the place, the field and what was expected', () => {
	test.each([
		['', ["procdash.yaml: expected a mapping with a 'processes' field, got nothing"]],
		['- a\n', ["procdash.yaml:1:1: expected a mapping with a 'processes' field, got a list"]],
		['processes: {}\n', ['procdash.yaml:1:12: processes: expected at least one process, got none']],
		[
			'processes: [a, b]\n',
			[
				'procdash.yaml:1:12: processes: expected a mapping of process names to processes, got a list',
			],
		],
		[
			'services: 3\nprocesses: {web: {command: a}}\n',
			['procdash.yaml:1:1: services: unknown field; the fields here are: processes, description'],
		],
		[
			'processes:\n  web:\n    command: server\n    restart: sometimes\n',
			[
				"procdash.yaml:4:14: processes.web.restart: expected one of no, on-failure, always, got 'sometimes'",
			],
		],
		[
			'processes:\n  web:\n    comand: server\n',
			[
				"procdash.yaml:3:5: processes.web.comand: unknown field (did you mean 'command'?); the fields here are: command, args, cwd, env, shell, restart, backoff_seconds, max_restarts, depends_on, env_file, success_exit_codes, exit_on_failure, exit_on_end, readiness_probe, liveness_probe, stop, log, stdin",
				'procdash.yaml:3:5: processes.web.command: expected a command (a non-empty string), got nothing',
			],
		],
		[
			'processes:\n  web:\n    command: true\n',
			[
				'procdash.yaml:3:14: processes.web.command: expected a command (a non-empty string), got true (quote it: "true")',
			],
		],
		[
			'processes:\n  web: server\n',
			[
				"procdash.yaml:2:8: processes.web: expected a mapping with at least 'command', got 'server'",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    args: [1, 2]\n',
			['procdash.yaml:4:11: processes.web.args: expected a list of strings, got a list'],
		],
		[
			'processes:\n  web:\n    command: a\n    args: [x]\n    shell: true\n',
			[
				'procdash.yaml:4:11: processes.web.args: not allowed with shell: true (put the whole line in command)',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    shell: yes\n',
			["procdash.yaml:4:12: processes.web.shell: expected true or false, got 'yes'"],
		],
		[
			'processes:\n  web:\n    command: a\n    max_restarts: 1.5\n    backoff_seconds: -1\n',
			[
				'procdash.yaml:5:22: processes.web.backoff_seconds: expected a number, 0 or more, got -1',
				'procdash.yaml:4:19: processes.web.max_restarts: expected a whole number, 0 or more, got 1.5',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    cwd: no-such-dir\n',
			[
				`procdash.yaml:4:10: processes.web.cwd: no such directory: ${path.join(base, 'no-such-dir')}`,
			],
		],
		[
			'processes:\n  web:\n    command: a\n    env: {A: [1], B: ok}\n',
			['procdash.yaml:4:14: processes.web.env.A: expected a string, number or boolean, got a list'],
		],
		[
			'processes:\n  web:\n    command: cat log | wc\n',
			[
				"procdash.yaml:3:14: processes.web.command: 'cat log | wc' uses shell syntax ('|'), and procdash runs commands without a shell; run it through one: sh -c '…', or set shell: true",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    depends_on: {db: ready}\n  db:\n    command: b\n',
			[
				"procdash.yaml:4:22: processes.web.depends_on.db: expected one of started, healthy, completed, completed_successfully, got 'ready'",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    depends_on: [db]\n  api:\n    command: b\n',
			[
				"procdash.yaml:4:17: processes.web.depends_on: no process named 'db' (the processes are: web, api)",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    depends_on: db\n',
			[
				"procdash.yaml:4:17: processes.web.depends_on: expected a list of process names or a mapping of names to started or healthy or completed or completed_successfully, got 'db'",
			],
		],
		[
			'processes:\n  a: {command: x, depends_on: [b]}\n  b: {command: x, depends_on: {c: started}}\n  c: {command: x, depends_on: {a: completed_successfully}}\n',
			[
				'procdash.yaml:2:31: processes.a.depends_on: a dependency cycle: a → b → c → a; nothing in it could ever start',
			],
		],
		[
			'processes:\n  self: {command: x, depends_on: [self]}\n',
			[
				'procdash.yaml:2:34: processes.self.depends_on: a dependency cycle: self → self; nothing in it could ever start',
			],
		],
		[
			'processes:\n  api.v2:\n    command: a\n    restart: x\n    args: [1]\n',
			[
				'procdash.yaml:5:11: processes.api.v2.args: expected a list of strings, got a list',
				"procdash.yaml:4:14: processes.api.v2.restart: expected one of no, on-failure, always, got 'x'",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    readiness_probe: {}\n    liveness_probe:\n      log_line: up\n',
			[
				'procdash.yaml:4:22: processes.web.readiness_probe: expected one of exec, http_get, tcp, log_line, got none',
				'procdash.yaml:6:7: processes.web.liveness_probe.log_line: unknown field; the fields here are: exec, http_get, tcp, initial_delay_seconds, period_seconds, timeout_seconds, success_threshold, failure_threshold',
				'procdash.yaml:6:7: processes.web.liveness_probe: expected one of exec, http_get, tcp, got none',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    readiness_probe:\n      tcp: {port: 70000}\n      log_line: "(["\n      period_seconds: 0\n',
			[
				'procdash.yaml:5:7: processes.web.readiness_probe: expected one check, got 2: tcp, log_line',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    readiness_probe:\n      http_get: {host: localhost, scheme: ftp}\n      period_seconds: 0\n',
			[
				'procdash.yaml:5:17: processes.web.readiness_probe.http_get.port: expected a port number, got nothing',
				'procdash.yaml:6:23: processes.web.readiness_probe.period_seconds: expected a number, 0.05 or more, got 0',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    readiness_probe:\n      log_line: "(["\n',
			[
				'procdash.yaml:5:17: processes.web.readiness_probe.log_line: not a valid regular expression: Invalid regular expression: /([/: Unterminated character class',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    depends_on: {db: healthy}\n  db:\n    command: b\n',
			[
				'procdash.yaml:4:22: processes.web.depends_on.db: healthy needs a readiness_probe on db, which has none (or use started)',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    success_exit_codes: [0, 256]\n    env_file: missing.env\n',
			[
				`procdash.yaml:5:15: processes.web.env_file: cannot read missing.env: ENOENT: no such file or directory, open '${path.join(base, 'missing.env')}'`,
				'procdash.yaml:4:25: processes.web.success_exit_codes: expected a list of exit codes (whole numbers 0 to 255), got a list',
			],
		],
		[
			'processes:\n  web:\n    command: a\n    stop: {signal: BOGUS, grace: 1}\n',
			[
				'procdash.yaml:4:27: processes.web.stop.grace: unknown field; the fields here are: signal, grace_seconds, command',
				"procdash.yaml:4:20: processes.web.stop.signal: expected a signal's name (TERM, INT, QUIT, HUP…), got 'BOGUS'",
			],
		],
		[
			'processes:\n  web:\n    command: a\n    stop: {command: "nginx -s \'quit"}\n',
			[
				"procdash.yaml:4:21: processes.web.stop.command: unterminated ' quote in 'nginx -s 'quit', or write sh -c '…'",
			],
		],
		[
			'processes:\n  my web: {command: x}\n',
			[
				"procdash.yaml:2:3: processes: 'my web' is not a valid process name (letters, digits, '_', '.' and '-' only)",
			],
		],
	])('%j', (text, messages) => {
		expect(problems(text)).toEqual(messages);
	});
});
