import {CommandLineError, splitWords} from '../core/process/command-line.js';
import {
	describe,
	type Fields,
	isMapping,
	optionalNumber,
	optionalString,
	type Problems,
	unknownFields,
} from './fields.js';
import type {Probe, ProbeCheck} from './types.js';

/** The checks of a probe, of which it has exactly one (`log_line`: readiness only). */
export const checks = ['exec', 'http_get', 'tcp', 'log_line'] as const;
/** The timing fields of a probe. */
export const timing = [
	'initial_delay_seconds',
	'period_seconds',
	'timeout_seconds',
	'success_threshold',
	'failure_threshold',
] as const;

/**
 * Each timing field's least value, whether it is whole, and its default: Kubernetes' defaults,
 * as process-compose's (a probe every 10 s, 1 s to answer, 3 failures).
 */
export const timingLimits: Readonly<
	Record<
		(typeof timing)[number],
		{readonly min: number; readonly integer: boolean; readonly fallback: number}
	>
> = {
	initial_delay_seconds: {min: 0, integer: false, fallback: 0},
	period_seconds: {min: 0.05, integer: false, fallback: 10},
	timeout_seconds: {min: 0.05, integer: false, fallback: 1},
	success_threshold: {min: 1, integer: true, fallback: 1},
	failure_threshold: {min: 1, integer: true, fallback: 3},
};
/** The fields of an `http_get` check. */
export const httpFields = ['host', 'port', 'path', 'scheme'] as const;
/** The fields of a `tcp` check. */
export const tcpFields = ['host', 'port'] as const;

/**
 * Checks a `readiness_probe` or `liveness_probe` (`kind`): exactly one check (`exec`, `http_get`,
 * `tcp`, or, for readiness only, `log_line`) and its timing. Undefined when absent or invalid.
 */
export function probeSpec(
	value: unknown,
	at: string,
	kind: 'readiness' | 'liveness',
	problems: Problems,
): Probe | undefined {
	if (value === undefined) return undefined;
	const allowed = kind === 'readiness' ? checks : checks.filter((check) => check !== 'log_line');
	if (!isMapping(value)) {
		problems.add(
			at,
			`expected a mapping with one of ${allowed.join(', ')}, got ${describe(value)}`,
		);
		return undefined;
	}
	const before = problems.lines.length;
	unknownFields(value, [...allowed, ...timing], at, problems);
	const given = allowed.filter((check) => value[check] !== undefined);
	if (given.length !== 1) {
		problems.add(
			at,
			given.length === 0
				? `expected one of ${allowed.join(', ')}, got none`
				: `expected one check, got ${given.length}: ${given.join(', ')}`,
		);
		return undefined;
	}
	const [name] = given as [(typeof checks)[number]];
	const check = probeCheck(name, value[name], `${at}.${name}`, problems);
	const read = (field: (typeof timing)[number]) => {
		const {min, integer, fallback} = timingLimits[field];
		return optionalNumber(value, field, `${at}.${field}`, problems, {min, integer}) ?? fallback;
	};
	const probe = {
		check: check as ProbeCheck,
		initialDelayMs: read('initial_delay_seconds') * 1000,
		periodMs: read('period_seconds') * 1000,
		timeoutMs: read('timeout_seconds') * 1000,
		successThreshold: read('success_threshold'),
		failureThreshold: read('failure_threshold'),
	};
	return problems.lines.length > before || !check ? undefined : probe;
}

function probeCheck(
	name: (typeof checks)[number],
	value: unknown,
	at: string,
	problems: Problems,
): ProbeCheck | undefined {
	if (name === 'log_line') {
		if (typeof value !== 'string' || value === '') {
			problems.add(at, `expected a regular expression (a string), got ${describe(value)}`);
			return undefined;
		}
		try {
			return {kind: 'log', pattern: new RegExp(value)};
		} catch (error) {
			problems.add(at, `not a valid regular expression: ${(error as Error).message}`);
			return undefined;
		}
	}
	if (!isMapping(value)) {
		problems.add(at, `expected a mapping, got ${describe(value)}`);
		return undefined;
	}
	if (name === 'exec') return execCheck(value, at, problems);
	const fields = name === 'tcp' ? tcpFields : httpFields;
	unknownFields(value, fields, at, problems);
	const host = optionalString(value, 'host', `${at}.host`, problems) ?? '127.0.0.1';
	const port = optionalNumber(value, 'port', `${at}.port`, problems, {min: 1, integer: true});
	if (value.port === undefined) problems.add(`${at}.port`, 'expected a port number, got nothing');
	if (port === undefined || port > 65_535) {
		if (port !== undefined) problems.add(`${at}.port`, `expected a port up to 65535, got ${port}`);
		return undefined;
	}
	if (name === 'tcp') return {kind: 'tcp', host, port};
	const scheme = optionalString(value, 'scheme', `${at}.scheme`, problems) ?? 'http';
	if (scheme !== 'http' && scheme !== 'https') {
		problems.add(`${at}.scheme`, `expected http or https, got ${describe(scheme)}`);
		return undefined;
	}
	const path = optionalString(value, 'path', `${at}.path`, problems) ?? '/';
	const shownHost = host.includes(':') ? `[${host}]` : host;
	const url = `${scheme}://${shownHost}:${port}${path.startsWith('/') ? path : `/${path}`}`;
	return {kind: 'http', url};
}

function execCheck(value: Fields, at: string, problems: Problems): ProbeCheck | undefined {
	unknownFields(value, ['command'], at, problems);
	const {command} = value;
	if (typeof command !== 'string' || command.trim() === '') {
		problems.add(
			`${at}.command`,
			`expected a command (a non-empty string), got ${describe(command)}`,
		);
		return undefined;
	}
	try {
		const [executable = '', ...args] = splitWords(command);
		return {kind: 'exec', command: executable, args};
	} catch (error) {
		if (!(error instanceof CommandLineError)) throw error;
		problems.add(`${at}.command`, error.message);
		return undefined;
	}
}
