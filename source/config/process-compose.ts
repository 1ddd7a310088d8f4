import {existsSync} from 'node:fs';
import {constants} from 'node:os';
import {joinWords} from '../core/process/command-line.js';
import {type Fields, isMapping} from './fields.js';

// process-compose's file, read with the same meaning (https://f1bonacc1.github.io/process-compose):
// translated into procdash's own fields before the one validation, so that a person switching
// keeps their file. What procdash does not have is named in one warning line.

const processKeys = new Set([
	'command',
	'description',
	'working_dir',
	'environment',
	'availability',
	'depends_on',
	'readiness_probe',
	'liveness_probe',
	'ready_log_line',
	'shutdown',
	'disabled',
	'log_location',
]);
const availabilityKeys = new Set(['restart', 'backoff_seconds', 'max_restarts', 'exit_on_end']);
const topKeys = new Set(['version', 'environment', 'processes']);
const onlyProcessCompose = ['availability', 'working_dir', 'environment', 'shutdown', 'is_daemon'];

const restarts: Record<string, Fields> = {
	no: {restart: 'no'},
	on_failure: {restart: 'on-failure'},
	always: {restart: 'always'},
	exit_on_failure: {restart: 'no', exit_on_failure: true},
};
const conditions: Record<string, string> = {
	process_started: 'started',
	process_completed: 'completed',
	process_completed_successfully: 'completed_successfully',
	process_healthy: 'healthy',
	process_log_ready: 'healthy',
};
// process-compose's max_restarts 0 means no limit.
const unlimited = 1_000_000;

/** Whether parsed YAML is a process-compose file: its `version` key, or fields only it has. */
export function isProcessCompose(data: unknown): data is Fields {
	if (!isMapping(data)) return false;
	if (data.version !== undefined) return true;
	const processes = isMapping(data.processes) ? Object.values(data.processes) : [];
	return processes.some(
		(fields) => isMapping(fields) && onlyProcessCompose.some((key) => fields[key] !== undefined),
	);
}

/**
 * A process-compose file as a procdash scenario file: its commands through bash (as process-compose
 * runs them; sh where there is no bash), `availability`, `depends_on` conditions, `environment`
 * lists (the top-level one too), `working_dir`, probes (exec through the shell too),
 * `ready_log_line`, and `shutdown`'s command, signal and timeout. Disabled processes are left out. The
 * warning names every field procdash ignores, and where.
 */
export function fromProcessCompose(
	data: Fields,
	file: string,
): {readonly data: Fields; readonly warning: string | undefined} {
	const ignored: string[] = [];
	for (const key of Object.keys(data)) if (!topKeys.has(key)) ignored.push(key);
	const shared = environmentOf(data.environment);
	const processes: Fields = {};
	for (const [name, fields] of Object.entries(isMapping(data.processes) ? data.processes : {})) {
		if (!isMapping(fields)) {
			processes[name] = fields;
			continue;
		}
		if (fields.disabled === true) continue;
		processes[name] = processOf(fields, shared, (key) => ignored.push(`${key} (${name})`));
	}
	const warning =
		ignored.length > 0
			? `${file}: process-compose fields procdash does not have, ignored: ${ignored.join(', ')}`
			: undefined;
	return {data: {processes}, warning};
}

function processOf(
	fields: Fields,
	shared: Record<string, string>,
	ignore: (key: string) => void,
): Fields {
	for (const key of Object.keys(fields)) if (!processKeys.has(key)) ignore(key);
	const translated: Fields = {...shellCommand(fields.command)};
	if (fields.working_dir !== undefined) translated.cwd = fields.working_dir;
	const env = {...shared, ...environmentOf(fields.environment)};
	if (Object.keys(env).length > 0) translated.env = env;
	const availability = isMapping(fields.availability) ? fields.availability : {};
	for (const key of Object.keys(availability)) {
		if (!availabilityKeys.has(key)) ignore(`availability.${key}`);
	}
	Object.assign(
		translated,
		restarts[String(availability.restart ?? 'no')] ?? {restart: availability.restart},
	);
	if (availability.backoff_seconds !== undefined)
		translated.backoff_seconds = availability.backoff_seconds;
	const maxRestarts = availability.max_restarts;
	translated.max_restarts =
		maxRestarts === undefined || maxRestarts === 0 ? unlimited : maxRestarts;
	if (availability.exit_on_end !== undefined) translated.exit_on_end = availability.exit_on_end;
	if (isMapping(fields.depends_on)) {
		translated.depends_on = Object.fromEntries(
			Object.entries(fields.depends_on).map(([name, dependency]) => {
				const condition = isMapping(dependency) ? dependency.condition : undefined;
				return [name, conditions[String(condition ?? 'process_started')] ?? condition];
			}),
		);
	} else if (fields.depends_on !== undefined) translated.depends_on = fields.depends_on;
	const readiness = probeOf(fields.readiness_probe, ignore, 'readiness_probe');
	if (readiness !== undefined) translated.readiness_probe = readiness;
	else if (typeof fields.ready_log_line === 'string')
		translated.readiness_probe = {log_line: escapeRegExp(fields.ready_log_line)};
	const liveness = probeOf(fields.liveness_probe, ignore, 'liveness_probe');
	if (liveness !== undefined) translated.liveness_probe = liveness;
	if (isMapping(fields.shutdown)) translated.stop = stopOf(fields.shutdown);
	if (fields.log_location !== undefined) translated.log = {file: fields.log_location};
	return translated;
}

// process-compose runs every command through `bash -c`.
function shellCommand(command: unknown): Fields {
	if (typeof command !== 'string') return {command};
	return existsSync('/bin/bash')
		? {command: 'bash', args: ['-c', command]}
		: {command, shell: true};
}

function environmentOf(value: unknown): Record<string, string> {
	if (!Array.isArray(value)) return isMapping(value) ? (value as Record<string, string>) : {};
	const env: Record<string, string> = {};
	for (const entry of value) {
		const text = String(entry);
		const equals = text.indexOf('=');
		if (equals > 0) env[text.slice(0, equals)] = text.slice(equals + 1);
	}
	return env;
}

function probeOf(value: unknown, ignore: (key: string) => void, at: string): unknown {
	if (!isMapping(value)) return value;
	const probe: Fields = {...value};
	if (isMapping(value.exec)) {
		const {command, working_dir: workingDir, ...rest} = value.exec;
		if (workingDir !== undefined) ignore(`${at}.exec.working_dir`);
		const line = typeof command === 'string' ? joinWords(['sh', '-c', command]) : command;
		probe.exec = {...rest, command: line};
	}
	return probe;
}

function stopOf(shutdown: Fields): Fields {
	const stop: Fields = {};
	// Through the shell, as process-compose runs it.
	if (typeof shutdown.command === 'string')
		stop.command = joinWords(['sh', '-c', shutdown.command]);
	else if (shutdown.command !== undefined) stop.command = shutdown.command;
	const signal = shutdown.signal;
	if (typeof signal === 'number') {
		stop.signal =
			Object.entries(constants.signals).find(([, number]) => number === signal)?.[0] ?? signal;
	} else if (signal !== undefined) stop.signal = signal;
	if (shutdown.timeout_seconds !== undefined) stop.grace_seconds = shutdown.timeout_seconds;
	return stop;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
