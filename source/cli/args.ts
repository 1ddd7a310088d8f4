import {InputError} from '../core/errors.js';
import {CommandLineError, splitWords} from '../core/process/command-line.js';
import {type WorkerCommand, workerCommand} from './worker-args.js';

/** How a run is watched and bounded: the options every preset, `run` and `-c` share. */
export type RunOptions = {
	/** No dashboard: NDJSON events on stdout, then a summary line. */
	readonly json: boolean;
	/** A file to write every event to, as NDJSON, for `procdash replay`. */
	readonly record: string | undefined;
	/** Milliseconds between SIGTERM and SIGKILL when stopping (the orchestrator's `graceMs`). */
	readonly graceMs: number | undefined;
	/** Live processes allowed at once (the orchestrator's `maxProcesses`). */
	readonly maxProcesses: number | undefined;
	/** A directory where every process's output is logged, to `<name>.log`. */
	readonly logDir: string | undefined;
	/**
	 * Whether the commands get the report channel, over which a program using procdash tells of
	 * its pools, values and locks; `--no-instrument` turns it off.
	 */
	readonly instrument: boolean;
};

/** One command of `procdash run`: an executable and its arguments, with no shell. */
export type CommandLine = {
	readonly command: string;
	readonly args: readonly string[];
};

/** What the command line asked for. */
export type Command =
	| {readonly kind: 'help'}
	| {readonly kind: 'version'}
	| {readonly kind: 'list'; readonly json: boolean}
	| {readonly kind: 'schema'}
	| {readonly kind: 'preset'; readonly preset: string; readonly options: RunOptions}
	| {readonly kind: 'run'; readonly commands: readonly CommandLine[]; readonly options: RunOptions}
	| {readonly kind: 'config'; readonly file: string; readonly options: RunOptions}
	| WorkerCommand
	| {
			readonly kind: 'replay';
			readonly file: string;
			/** How many times faster than recorded the events are played. */
			readonly speed: number;
			readonly json: boolean;
	  };

/**
 * A command line that cannot be understood; `message` says what is wrong and what to do.
 * `showUsage` is set when the usage lines help more than the message alone (an unknown option).
 */
export class UsageError extends InputError {
	override readonly name = 'UsageError';
	readonly showUsage: boolean;

	constructor(message: string, {showUsage = false}: {readonly showUsage?: boolean} = {}) {
		super(message);
		this.showUsage = showUsage;
	}
}

/** The preset played when none is named. */
export const defaultPreset = 'tour';

type Flags = {
	json: boolean;
	noInstrument?: boolean;
	record?: string;
	speed?: number;
	config?: string;
	graceMs?: number;
	maxProcesses?: number;
	logDir?: string;
};

/** Reads argv (without node and the script) into a command, or throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
	const separator = argv.indexOf('--');
	const head = separator === -1 ? argv : argv.slice(0, separator);
	const tail = separator === -1 ? undefined : argv.slice(separator + 1);
	if (head.includes('--help') || head.includes('-h')) return {kind: 'help'};
	if (head.includes('--version') || head.includes('-v')) return {kind: 'version'};
	if (argv[0] === 'worker')
		return workerCommand(argv.slice(1), (message) => new UsageError(message));
	const {flags, positional} = readFlags(head);
	const [first, ...rest] = positional;
	if (tail !== undefined && first !== 'run') {
		throw new UsageError(`'--' comes only after procdash run (procdash run -- <command> [args…])`, {
			showUsage: true,
		});
	}
	if (first === 'replay') return replayCommand(rest, flags);
	refuse(flags.speed !== undefined, '--speed applies only to procdash replay');
	if (first === 'list') {
		expectNoMore(rest, 'list');
		refuse(otherThanJson(flags), 'procdash list takes no option but --json');
		return {kind: 'list', json: flags.json};
	}
	if (first === 'schema') {
		expectNoMore(rest, 'schema');
		refuse(flags.json || otherThanJson(flags), 'procdash schema takes no option');
		return {kind: 'schema'};
	}
	const options = runOptions(flags);
	if (first === 'run') {
		expectNoMore(rest, 'run');
		refuse(flags.config !== undefined, 'give either procdash run or -c FILE, not both');
		return {kind: 'run', commands: commandLines(tail), options};
	}
	expectNoMore(rest, first ?? '');
	if (flags.config !== undefined) {
		refuse(first !== undefined, `give either a preset ('${first}') or -c FILE, not both`);
		return {kind: 'config', file: flags.config, options};
	}
	return {kind: 'preset', preset: first ?? defaultPreset, options};
}

function readFlags(head: readonly string[]): {flags: Flags; positional: string[]} {
	const flags: Flags = {json: false};
	const positional: string[] = [];
	for (let index = 0; index < head.length; index++) {
		const arg = head[index] as string;
		if (!arg.startsWith('-') || arg === '-') {
			positional.push(arg);
			continue;
		}
		const equals = arg.indexOf('=');
		const name = equals === -1 ? arg : arg.slice(0, equals);
		if (name === '--json') {
			refuse(equals !== -1, `--json takes no value, got '${arg}'`);
			flags.json = true;
			continue;
		}
		if (name === '--no-instrument') {
			refuse(equals !== -1, `--no-instrument takes no value, got '${arg}'`);
			flags.noInstrument = true;
			continue;
		}
		if (!(name in valueOptions)) {
			throw new UsageError(`unknown option '${arg}'`, {showUsage: true});
		}
		let value: string | undefined;
		if (equals !== -1) value = arg.slice(equals + 1);
		else {
			value = head[index + 1];
			index++;
		}
		if (value === undefined || value === '') {
			throw new UsageError(`${name} needs a value: ${name} ${valueOptions[name]}`);
		}
		setValue(flags, name, value);
	}
	return {flags, positional};
}

// Options that take a value, and what the value is, as --help names it.
const valueOptions: Record<string, string> = {
	'--record': 'FILE',
	'--speed': 'N',
	'-c': 'FILE',
	'--config': 'FILE',
	'--grace': 'SECONDS',
	'--max-processes': 'N',
	'--log-dir': 'DIR',
};

function setValue(flags: Flags, name: string, value: string): void {
	switch (name) {
		case '--record':
			flags.record = value;
			return;
		case '--log-dir':
			flags.logDir = value;
			return;
		case '-c':
		case '--config':
			flags.config = value;
			return;
		case '--speed':
			flags.speed = number(name, value, (n) => n > 0, 'a number above 0, e.g. 4 or 0.5');
			return;
		case '--grace':
			flags.graceMs =
				number(name, value, (n) => n >= 0, 'a number of seconds, 0 or more, e.g. 5 or 0.5') * 1000;
			return;
		case '--max-processes':
			flags.maxProcesses = number(
				name,
				value,
				(n) => Number.isInteger(n) && n >= 1,
				'a whole number, 1 or more',
			);
			return;
	}
}

function number(
	name: string,
	value: string,
	valid: (n: number) => boolean,
	expected: string,
): number {
	const parsed = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : Number.NaN;
	if (!Number.isFinite(parsed) || !valid(parsed)) {
		throw new UsageError(`invalid value for ${name}: '${value}' (expected ${expected})`);
	}
	return parsed;
}

function replayCommand(rest: readonly string[], flags: Flags): Command {
	const [file, ...more] = rest;
	if (file === undefined) {
		throw new UsageError('replay needs a file: procdash replay events.ndjson', {
			showUsage: true,
		});
	}
	expectNoMore(more, 'replay');
	refuse(flags.record !== undefined, '--record does not apply to replay (it plays a recording)');
	refuse(flags.config !== undefined, '-c does not apply to replay');
	refuse(
		flags.noInstrument === true,
		'--no-instrument does not apply to replay (it starts no process)',
	);
	refuse(flags.graceMs !== undefined, '--grace does not apply to replay (it starts no process)');
	refuse(
		flags.maxProcesses !== undefined,
		'--max-processes does not apply to replay (it starts no process)',
	);
	refuse(flags.logDir !== undefined, '--log-dir does not apply to replay (it starts no process)');
	return {kind: 'replay', file, speed: flags.speed ?? 1, json: flags.json};
}

function runOptions(flags: Flags): RunOptions {
	return {
		json: flags.json,
		record: flags.record,
		graceMs: flags.graceMs,
		maxProcesses: flags.maxProcesses,
		logDir: flags.logDir,
		instrument: flags.noInstrument !== true,
	};
}

function otherThanJson(flags: Flags): boolean {
	return (
		flags.record !== undefined ||
		flags.config !== undefined ||
		flags.graceMs !== undefined ||
		flags.maxProcesses !== undefined ||
		flags.logDir !== undefined ||
		flags.noInstrument === true
	);
}

// `run -- a b -- 'c d'`: each part between `--` is one command. A part of one word is a whole
// command line to split (so that `'npm test -- --watch'` keeps its own `--`).
function commandLines(tail: readonly string[] | undefined): CommandLine[] {
	if (tail === undefined || tail.length === 0) {
		throw new UsageError('run needs a command after --: procdash run -- <command> [args…]', {
			showUsage: true,
		});
	}
	const parts: string[][] = [[]];
	for (const arg of tail) {
		if (arg === '--') parts.push([]);
		else parts[parts.length - 1]?.push(arg);
	}
	return parts.map((part) => {
		let words = part;
		if (part.length === 1) {
			try {
				words = splitWords(part[0] as string);
			} catch (error) {
				if (error instanceof CommandLineError) throw new UsageError(error.message);
				throw error;
			}
		}
		const [command, ...args] = words;
		if (command === undefined || command === '') {
			throw new UsageError(
				"run: an empty command between '--'; each -- starts a command: procdash run -- 'cmd1' -- 'cmd2'",
			);
		}
		return {command, args};
	});
}

function expectNoMore(rest: readonly string[], after: string): void {
	if (rest.length === 0) return;
	const what = after === '' ? 'a preset' : after;
	throw new UsageError(`unexpected '${rest.join(' ')}' after ${what}`, {showUsage: true});
}

function refuse(condition: boolean, message: string): void {
	if (condition) throw new UsageError(message);
}
