import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Ajv} from 'ajv';
import {expect, test} from 'vitest';
import {parse} from 'yaml';
import {parseConfig} from '../../source/config/load.js';
import {checks, timing} from '../../source/config/probe-fields.js';
import {logFields, stopFields} from '../../source/config/process-fields.js';
import {scenarioSchema} from '../../source/config/schema.js';
import {ConfigError} from '../../source/config/types.js';
import {processFields, topFields} from '../../source/config/validate.js';
import {cliPath} from '../helpers/tmux.js';

// The schema editors check a file with, and the validator procdash runs it with, agree: on a table
// of good files and of bad ones (each bad in one way the schema can see), and on every field name.

const schema = scenarioSchema();
// strictRequired would want each `required` of a oneOf/not beside its own `properties`; they are
// the parent's, as JSON Schema allows.
const ajvOptions = {
	allErrors: true,
	strict: true,
	strictRequired: false,
	allowUnionTypes: true,
} as const;
const validate = new Ajv(ajvOptions).compile(schema);
const base = mkdtempSync(path.join(tmpdir(), 'procdash-schema-'));
mkdirSync(path.join(base, 'web'));
writeFileSync(path.join(base, '.env'), 'PORT=8000\n');

function validatorAccepts(text: string): boolean {
	try {
		parseConfig(text, 'procdash.yaml', base);
		return true;
	} catch (error) {
		if (error instanceof ConfigError) return false;
		throw error;
	}
}

// The first YAML example of a page of the repository.
function example(page: string): string {
	const text = readFileSync(new URL(`../../../${page}`, import.meta.url), 'utf8');
	return /```yaml\n([\s\S]*?)```/.exec(text)?.[1] as string;
}

const good: Readonly<Record<string, string>> = {
	'the example of docs/scenario-files.md': example('docs/scenario-files.md'),
	'the example of README.md': example('README.md'),
	'one command': 'processes:\n  a: {command: sleep 1}\n',
	'every process field': `description: all of them
processes:
  db:
    command: sleep
    args: ["100"]
    cwd: web
    env: {A: 1, B: true, C: x}
    env_file: .env
    restart: on-failure
    backoff_seconds: 0.5
    max_restarts: 0
    success_exit_codes: [0, 3]
    exit_on_failure: true
    exit_on_end: false
    readiness_probe: {http_get: {host: localhost, port: 80, path: /health, scheme: https}, initial_delay_seconds: 0, period_seconds: 0.05, timeout_seconds: 2, success_threshold: 1, failure_threshold: 2}
    liveness_probe: {tcp: {port: 5432}}
    stop: {signal: QUIT, grace_seconds: 0, command: "pg_ctl stop"}
    log: {file: db.log, max_size_mb: 1, keep: 0}
  web:
    command: tail -f x | grep y
    shell: true
    depends_on: {db: healthy}
  later:
    command: "true"
    depends_on: [web]
    readiness_probe: {log_line: "ready \\\\d+"}
    liveness_probe: {exec: {command: "true"}}
`,
};

const bad: Readonly<Record<string, string>> = {
	'no processes': 'description: nothing\n',
	'an empty processes mapping': 'processes: {}\n',
	'an unknown top-level field': 'procs:\n  a: {command: x}\nprocesses:\n  a: {command: x}\n',
	'an unknown process field': 'processes:\n  a: {command: x, restarts: always}\n',
	'no command': 'processes:\n  a: {restart: always}\n',
	'an empty command': "processes:\n  a: {command: ' '}\n",
	'a bad process name': 'processes:\n  "a b": {command: x}\n',
	'a restart policy that is none': 'processes:\n  a: {command: x, restart: sometimes}\n',
	'a negative backoff': 'processes:\n  a: {command: x, backoff_seconds: -1}\n',
	'max_restarts not whole': 'processes:\n  a: {command: x, max_restarts: 1.5}\n',
	'args not strings': 'processes:\n  a: {command: x, args: [1]}\n',
	'args with shell': 'processes:\n  a: {command: x, shell: true, args: [y]}\n',
	'shell not a boolean': 'processes:\n  a: {command: x, shell: yes please}\n',
	'env a list': 'processes:\n  a: {command: x, env: [A=1]}\n',
	'an env value a mapping': 'processes:\n  a: {command: x, env: {A: {b: 1}}}\n',
	'a depends_on condition unknown':
		'processes:\n  a: {command: x}\n  b: {command: x, depends_on: {a: finished}}\n',
	'depends_on a string': 'processes:\n  a: {command: x}\n  b: {command: x, depends_on: a}\n',
	'an exit code above 255': 'processes:\n  a: {command: x, success_exit_codes: [256]}\n',
	'no success exit codes': 'processes:\n  a: {command: x, success_exit_codes: []}\n',
	'exit_on_failure a string': "processes:\n  a: {command: x, exit_on_failure: 'yes'}\n",
	'a probe with no check': 'processes:\n  a: {command: x, readiness_probe: {period_seconds: 1}}\n',
	'a probe with two checks':
		'processes:\n  a: {command: x, readiness_probe: {tcp: {port: 1}, log_line: x}}\n',
	'log_line in a liveness probe': 'processes:\n  a: {command: x, liveness_probe: {log_line: x}}\n',
	'an http probe with no port':
		'processes:\n  a: {command: x, readiness_probe: {http_get: {host: h}}}\n',
	'a port above 65535': 'processes:\n  a: {command: x, liveness_probe: {tcp: {port: 70000}}}\n',
	'a scheme unknown':
		'processes:\n  a: {command: x, readiness_probe: {http_get: {port: 1, scheme: ftp}}}\n',
	'a period too short':
		'processes:\n  a: {command: x, readiness_probe: {tcp: {port: 1}, period_seconds: 0.01}}\n',
	'a threshold of 0':
		'processes:\n  a: {command: x, readiness_probe: {tcp: {port: 1}, failure_threshold: 0}}\n',
	'an exec probe with no command': 'processes:\n  a: {command: x, liveness_probe: {exec: {}}}\n',
	'an unknown signal': 'processes:\n  a: {command: x, stop: {signal: SIGNOPE}}\n',
	'a negative grace': 'processes:\n  a: {command: x, stop: {grace_seconds: -1}}\n',
	'an empty stop command': "processes:\n  a: {command: x, stop: {command: ''}}\n",
	'an unknown stop field': 'processes:\n  a: {command: x, stop: {timeout_seconds: 1}}\n',
	'a log with no file': 'processes:\n  a: {command: x, log: {keep: 1}}\n',
	'a log size of 0': 'processes:\n  a: {command: x, log: {file: a.log, max_size_mb: 0}}\n',
};

test.each(Object.entries(good))('both accept a good file: %s', (_, text) => {
	expect(validatorAccepts(text)).toBe(true);
	expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
});

test.each(Object.entries(bad))('both refuse a bad file: %s', (_, text) => {
	expect(validatorAccepts(text)).toBe(false);
	expect(validate(parse(text))).toBe(false);
});

test("the schema names exactly the validator's fields, at every level", () => {
	type Node = {properties: Record<string, Node>; additionalProperties: Node};
	const top = schema as unknown as Node;
	const process = top.properties.processes?.additionalProperties as Node;
	const keys = (node: Node | undefined) => Object.keys(node?.properties ?? {});
	expect(keys(top)).toEqual([...topFields]);
	expect(keys(process)).toEqual([...processFields]);
	expect(keys(process.properties.stop)).toEqual([...stopFields]);
	expect(keys(process.properties.log)).toEqual([...logFields]);
	expect(keys(process.properties.readiness_probe)).toEqual([...checks, ...timing]);
	expect(keys(process.properties.liveness_probe)).toEqual([
		...checks.filter((check) => check !== 'log_line'),
		...timing,
	]);
});

test('procdash schema prints the schema the package ships, and it compiles', () => {
	// Throws unless it exits 0.
	const printed = JSON.parse(
		execFileSync(process.execPath, [cliPath, 'schema'], {encoding: 'utf8'}),
	) as unknown;
	expect(printed).toEqual(schema);
	const shipped = new URL('../../scenario.schema.json', import.meta.url);
	expect(JSON.parse(readFileSync(shipped, 'utf8'))).toEqual(printed);
	expect(new Ajv(ajvOptions).validateSchema(printed as object)).toBe(true);
});
