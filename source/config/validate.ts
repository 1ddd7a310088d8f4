import {CommandLineError, splitWords} from '../core/process/command-line.js';
import {findCycle} from './cycle.js';
import {
	describe,
	type Fields,
	isMapping,
	oneOf,
	optionalBoolean,
	optionalNumber,
	optionalString,
	Problems,
	unknownFields,
} from './fields.js';
import type {Locate} from './locate.js';
import {probeSpec} from './probe-fields.js';
import {directory, envFile, environment, exitCodes, logRule, stopRule} from './process-fields.js';
import {
	ConfigError,
	type Dependency,
	type DependencyCondition,
	type ProcessSpec,
	type RestartPolicy,
	type ScenarioConfig,
} from './types.js';

/** The fields of a scenario file's top level. */
export const topFields = ['processes', 'description'] as const;
/** The fields of one process; the JSON Schema (schema.ts) describes each of them. */
export const processFields = [
	'command',
	'args',
	'cwd',
	'env',
	'shell',
	'restart',
	'backoff_seconds',
	'max_restarts',
	'depends_on',
	'env_file',
	'success_exit_codes',
	'exit_on_failure',
	'exit_on_end',
	'readiness_probe',
	'liveness_probe',
	'stop',
	'log',
	'stdin',
] as const;
/** The values of `restart`. */
export const policies: readonly RestartPolicy[] = ['no', 'on-failure', 'always'];
/** The conditions of a `depends_on` mapping. */
export const conditions: readonly DependencyCondition[] = [
	'started',
	'healthy',
	'completed',
	'completed_successfully',
];
const defaultBackoffSeconds = 1;
const defaultMaxRestarts = 5;

/**
 * Checks a parsed scenario file (plain data) against the schema and returns it typed, with
 * defaults filled in; throws ConfigError listing every problem. Relative `cwd`s are resolved
 * against `baseDirectory`, the file's own.
 */
export function validateConfig(
	data: unknown,
	file: string,
	baseDirectory: string,
	locate?: Locate,
	warnings: readonly string[] = [],
): ScenarioConfig {
	const problems = new Problems(file, locate);
	if (!isMapping(data)) {
		problems.add('', `expected a mapping with a 'processes' field, got ${describe(data)}`);
		throw new ConfigError(problems.lines);
	}
	unknownFields(data, topFields, '', problems);
	const description = optionalString(data, 'description', 'description', problems);
	const processes: ProcessSpec[] = [];
	if (!isMapping(data.processes)) {
		problems.add(
			'processes',
			`expected a mapping of process names to processes, got ${describe(data.processes)}`,
		);
	} else if (Object.keys(data.processes).length === 0) {
		problems.add('processes', 'expected at least one process, got none');
	} else {
		const graph = new Map<string, readonly Dependency[]>();
		for (const [name, fields] of Object.entries(data.processes)) {
			const {spec, dependsOn} = processSpec(name, fields, baseDirectory, problems);
			graph.set(name, dependsOn);
			if (spec) processes.push(spec);
		}
		checkDependencies(graph, problems);
		checkHealthy(processes, problems);
	}
	if (problems.lines.length > 0) throw new ConfigError(problems.lines);
	return {file, description, processes, warnings};
}

function processSpec(
	name: string,
	fields: unknown,
	baseDirectory: string,
	problems: Problems,
): {spec: ProcessSpec | undefined; dependsOn: Dependency[]} {
	const at = `processes.${name}`;
	if (!/^[\w.-]+$/.test(name)) {
		problems.add(
			'processes',
			`'${name}' is not a valid process name (letters, digits, '_', '.' and '-' only)`,
			{key: true, at: at},
		);
	}
	if (!isMapping(fields)) {
		problems.add(at, `expected a mapping with at least 'command', got ${describe(fields)}`);
		return {spec: undefined, dependsOn: []};
	}
	const before = problems.lines.length;
	unknownFields(fields, processFields, at, problems);
	const shell = optionalBoolean(fields, 'shell', `${at}.shell`, problems) ?? false;
	const {command, args} = commandLine(fields, shell, at, problems);
	const restart = oneOf(fields.restart, policies, `${at}.restart`, problems) ?? 'no';
	const backoffSeconds =
		optionalNumber(fields, 'backoff_seconds', `${at}.backoff_seconds`, problems, {min: 0}) ??
		defaultBackoffSeconds;
	const maxRestarts =
		optionalNumber(fields, 'max_restarts', `${at}.max_restarts`, problems, {
			min: 0,
			integer: true,
		}) ?? defaultMaxRestarts;
	const cwd = directory(fields.cwd, `${at}.cwd`, baseDirectory, problems);
	const fromFile = envFile(fields.env_file, `${at}.env_file`, baseDirectory, problems);
	const own = environment(fields.env, `${at}.env`, problems);
	const env = fromFile || own ? {...fromFile, ...own} : undefined;
	const successExitCodes = exitCodes(
		fields.success_exit_codes,
		`${at}.success_exit_codes`,
		problems,
	);
	const exitOnFailure =
		optionalBoolean(fields, 'exit_on_failure', `${at}.exit_on_failure`, problems) ?? false;
	const exitOnEnd = optionalBoolean(fields, 'exit_on_end', `${at}.exit_on_end`, problems) ?? false;
	const stdin = optionalBoolean(fields, 'stdin', `${at}.stdin`, problems) ?? false;
	const readiness = probeSpec(
		fields.readiness_probe,
		`${at}.readiness_probe`,
		'readiness',
		problems,
	);
	const stop = stopRule(fields.stop, `${at}.stop`, problems);
	const log = logRule(fields.log, `${at}.log`, baseDirectory, problems);
	const liveness = probeSpec(fields.liveness_probe, `${at}.liveness_probe`, 'liveness', problems);
	const dependsOn = dependencies(fields.depends_on, `${at}.depends_on`, problems);
	if (problems.lines.length > before) return {spec: undefined, dependsOn};
	const spec = {
		name,
		command,
		args,
		cwd,
		env,
		shell,
		restart,
		backoffMs: backoffSeconds * 1000,
		maxRestarts,
		dependsOn,
		successExitCodes,
		exitOnFailure,
		exitOnEnd,
		readiness,
		liveness,
		stop,
		log,
		stdin,
	};
	return {spec, dependsOn};
}

function commandLine(
	fields: Fields,
	shell: boolean,
	at: string,
	problems: Problems,
): {command: string; args: string[]} {
	const {command, args} = fields;
	if (typeof command !== 'string' || command.trim() === '') {
		// YAML reads `true`, `no` or `42` as other than strings: say how to keep the word.
		const hint = ['boolean', 'number'].includes(typeof command) ? ` (quote it: "${command}")` : '';
		problems.add(
			`${at}.command`,
			`expected a command (a non-empty string), got ${describe(command)}${hint}`,
		);
		return {command: '', args: []};
	}
	if (args !== undefined) {
		if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string')) {
			problems.add(`${at}.args`, `expected a list of strings, got ${describe(args)}`);
		} else if (shell) {
			problems.add(`${at}.args`, 'not allowed with shell: true (put the whole line in command)');
		}
		return {command, args: Array.isArray(args) ? (args as string[]) : []};
	}
	if (shell) return {command, args: []};
	try {
		const [executable = '', ...rest] = splitWords(command);
		return {command: executable, args: rest};
	} catch (error) {
		if (!(error instanceof CommandLineError)) throw error;
		problems.add(`${at}.command`, `${error.message}, or set shell: true`);
		return {command: '', args: []};
	}
}

function dependencies(value: unknown, at: string, problems: Problems): Dependency[] {
	if (value === undefined) return [];
	if (Array.isArray(value)) {
		const found: Dependency[] = [];
		for (const [index, name] of value.entries()) {
			if (typeof name === 'string' && name !== '') found.push({name, condition: 'started'});
			else problems.add(`${at}[${index}]`, `expected a process name, got ${describe(name)}`);
		}
		return found;
	}
	if (isMapping(value)) {
		const found: Dependency[] = [];
		for (const [name, condition] of Object.entries(value)) {
			const checked = oneOf(condition, conditions, `${at}.${name}`, problems);
			if (checked) found.push({name, condition: checked});
		}
		return found;
	}
	problems.add(
		at,
		`expected a list of process names or a mapping of names to ${conditions.join(' or ')}, got ${describe(value)}`,
	);
	return [];
}

function checkDependencies(
	graph: ReadonlyMap<string, readonly Dependency[]>,
	problems: Problems,
): void {
	const names = [...graph.keys()];
	let unknown = false;
	for (const [name, dependsOn] of graph) {
		for (const dependency of dependsOn) {
			if (graph.has(dependency.name)) continue;
			unknown = true;
			problems.add(
				`processes.${name}.depends_on`,
				`no process named '${dependency.name}' (the processes are: ${names.join(', ')})`,
			);
		}
	}
	if (unknown) return;
	const cycle = findCycle(
		new Map([...graph].map(([name, dependsOn]) => [name, dependsOn.map((d) => d.name)])),
	);
	if (cycle) {
		problems.add(
			`processes.${cycle[0]}.depends_on`,
			`a dependency cycle: ${cycle.join(' → ')}; nothing in it could ever start`,
		);
	}
}

// `healthy` needs a readiness probe to say when: a process without one would never be waited for.
function checkHealthy(processes: readonly ProcessSpec[], problems: Problems): void {
	const probed = new Set(processes.filter((spec) => spec.readiness).map((spec) => spec.name));
	for (const spec of processes) {
		for (const {name, condition} of spec.dependsOn) {
			if (condition !== 'healthy' || probed.has(name)) continue;
			problems.add(
				`processes.${spec.name}.depends_on.${name}`,
				`healthy needs a readiness_probe on ${name}, which has none (or use started)`,
			);
		}
	}
}
