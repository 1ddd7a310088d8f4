import {constants} from 'node:os';
import {checks, httpFields, tcpFields, timing, timingLimits} from './probe-fields.js';
import {logFields, stopFields} from './process-fields.js';
import {conditions, policies, processFields, topFields} from './validate.js';

// The JSON Schema of a scenario file, for editors (yaml-language-server) to check and complete it
// as it is written. It is made from the validator's own field lists: a field the validator learns
// must be described here (the Records below are keyed by those lists), and a test runs a table of
// good and bad files through both. What only reading the disk can tell (a cwd that exists, an env
// file, a valid regular expression, a dependency cycle) is the validator's alone.

/** A JSON Schema (draft-07) node. */
export type SchemaNode = {readonly [keyword: string]: unknown};

/** Where the schema says it lives, as its `$id`. */
export const schemaId = 'https://unpkg.com/procdash/dist/scenario.schema.json';

const nonEmpty = {type: 'string', minLength: 1, pattern: '\\S'};
const signalNames = Object.keys(constants.signals);
const signal = {
	enum: [...signalNames, ...signalNames.map((name) => name.replace(/^SIG/, ''))],
	description: "a signal's name: TERM, INT, QUIT, HUP… (with or without SIG)",
};
const port = {type: 'integer', minimum: 1, maximum: 65_535};

function object(
	fields: readonly string[],
	properties: Readonly<Record<string, SchemaNode>>,
	extra: SchemaNode = {},
): SchemaNode {
	return {
		type: 'object',
		properties: Object.fromEntries(fields.map((field) => [field, properties[field]])),
		additionalProperties: false,
		...extra,
	};
}

const checkSchemas: Readonly<Record<(typeof checks)[number], SchemaNode>> = {
	exec: object(
		['command'],
		{command: {...nonEmpty, description: 'exits 0 = ok; split into words, no shell'}},
		{required: ['command']},
	),
	http_get: object(
		httpFields,
		{
			host: {type: 'string', description: 'default 127.0.0.1'},
			port,
			path: {type: 'string', description: 'default /'},
			scheme: {enum: ['http', 'https']},
		} satisfies Record<(typeof httpFields)[number], SchemaNode>,
		{required: ['port'], description: 'a GET answers 2xx or 3xx'},
	),
	tcp: object(
		tcpFields,
		{host: {type: 'string'}, port} satisfies Record<(typeof tcpFields)[number], SchemaNode>,
		{required: ['port'], description: 'a connection is accepted'},
	),
	log_line: {
		...nonEmpty,
		description: 'readiness only: a regular expression an output line matches',
	},
};

function timingSchemas(): Record<string, SchemaNode> {
	return Object.fromEntries(
		timing.map((field) => {
			const {min, integer, fallback} = timingLimits[field];
			return [field, {type: integer ? 'integer' : 'number', minimum: min, default: fallback}];
		}),
	);
}

function probe(kind: 'readiness' | 'liveness'): SchemaNode {
	const allowed = kind === 'readiness' ? checks : checks.filter((check) => check !== 'log_line');
	return object(
		[...allowed, ...timing],
		{...checkSchemas, ...timingSchemas()},
		{
			oneOf: allowed.map((check) => ({required: [check]})),
			description: `exactly one of ${allowed.join(', ')}, and its timing`,
		},
	);
}

const processSchemas: Readonly<Record<(typeof processFields)[number], SchemaNode>> = {
	command: {...nonEmpty, description: 'split into words like a shell would; no shell runs'},
	args: {
		type: 'array',
		items: {type: 'string'},
		description: 'with args, command is the executable alone',
	},
	cwd: {...nonEmpty, description: 'a directory, relative to the scenario file'},
	env: {
		type: 'object',
		additionalProperties: {type: ['string', 'number', 'boolean']},
		description: "added to procdash's own environment",
	},
	shell: {type: 'boolean', default: false, description: 'the whole command through /bin/sh -c'},
	restart: {enum: [...policies], default: 'no'},
	backoff_seconds: {type: 'number', minimum: 0, default: 1},
	max_restarts: {type: 'integer', minimum: 0, default: 5},
	depends_on: {
		oneOf: [
			{type: 'array', items: nonEmpty, description: 'once each has started'},
			{type: 'object', additionalProperties: {enum: [...conditions]}},
		],
	},
	env_file: {...nonEmpty, description: 'KEY=value lines, relative to the scenario file'},
	success_exit_codes: {
		type: 'array',
		minItems: 1,
		items: {type: 'integer', minimum: 0, maximum: 255},
		default: [0],
	},
	exit_on_failure: {type: 'boolean', default: false},
	exit_on_end: {type: 'boolean', default: false},
	readiness_probe: probe('readiness'),
	liveness_probe: probe('liveness'),
	stop: object(stopFields, {
		signal,
		grace_seconds: {type: 'number', minimum: 0, description: 'before SIGKILL; default --grace'},
		command: {
			...nonEmpty,
			description: 'run instead of the signal, which follows only if it fails',
		},
	} satisfies Record<(typeof stopFields)[number], SchemaNode>),
	stdin: {
		type: 'boolean',
		default: false,
		description: "a pipe as its stdin, which the dashboard's i writes lines to",
	},
	log: object(
		logFields,
		{
			file: nonEmpty,
			max_size_mb: {type: 'number', minimum: 0.001, default: 10},
			keep: {type: 'integer', minimum: 0, default: 3},
		} satisfies Record<(typeof logFields)[number], SchemaNode>,
		{required: ['file']},
	),
};

/** The JSON Schema (draft-07) of a procdash scenario file, as `procdash schema` prints it. */
export function scenarioSchema(): SchemaNode {
	const processSchema = object(processFields, processSchemas, {
		required: ['command'],
		// With shell: true the whole line is in command.
		not: {required: ['shell', 'args'], properties: {shell: {const: true}}},
	});
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: schemaId,
		title: 'procdash scenario file',
		...object(
			topFields,
			{
				processes: {
					type: 'object',
					minProperties: 1,
					propertyNames: {pattern: '^[A-Za-z0-9_.-]+$'},
					additionalProperties: processSchema,
				},
				description: {type: 'string'},
			} satisfies Record<(typeof topFields)[number], SchemaNode>,
			{required: ['processes']},
		),
	};
}
