import {constants} from 'node:os';
import type {EventMap} from '../events/index.js';
import {printable} from '../util/printable.js';
import {redact} from '../util/redact.js';
import {type FieldKind, fieldsOf, type IdKind, isReported, type ReportedType} from './fields.js';

// A reported event is untrusted input: every field is checked against the table of fields.ts,
// rebuilt from what the table names alone (anything else is left behind), its ids mapped to ids
// of this procdash, its names made printable, bounded and prefixed with the program's name.

/** Ids given to reported objects start here, far above any an orchestrator counts to itself. */
export const reportedIdBase = 1_000_000_000;

const maxNameLength = 64;
const maxTextLength = 512;
const maxArrayLength = 4096;
const maxCycleLength = 64;
// Ids one program may name in all: past this, events naming a new one are dropped.
const maxIdsPerProgram = 100_000;

let nextLocalId = reportedIdBase;

/**
 * One program's ids and name: every connection of one command's tree (the program and its
 * children) shares it, so that a lock made in the parent and used in a child is one lock.
 */
export class ReportedProgram {
	/** The program's name, printable and bounded: the prefix of every name it reports. */
	readonly name: string;
	readonly #ids = new Map<string, number>();

	constructor(name: string) {
		this.name = bounded(name, maxNameLength);
	}

	/** The local id of a remote one, made on first sight; undefined past the program's budget. */
	local(kind: IdKind, remote: string): number | undefined {
		const key = `${kind}\u0000${remote}`;
		let id = this.#ids.get(key);
		if (id === undefined) {
			if (this.#ids.size >= maxIdsPerProgram) return undefined;
			id = nextLocalId++;
			this.#ids.set(key, id);
		}
		return id;
	}

	/** `name` as the panels show it: `app.js · Pool-1`. */
	prefixed(name: string): string {
		return `${this.name} · ${bounded(name, maxNameLength)}`;
	}
}

/** A reported event, checked and decoded: its type and its payload with local ids and names. */
export type DecodedEvent = {
	[K in ReportedType]: {readonly type: K; readonly payload: EventMap[K]};
}[ReportedType];

/** `raw` (one parsed line) as an event of `program`, or undefined when it is not a valid one. */
export function decodeEvent(raw: unknown, program: ReportedProgram): DecodedEvent | undefined {
	if (!isRecord(raw) || !isReported(raw.type)) return undefined;
	const type = raw.type;
	const payload: Record<string, unknown> = {};
	for (const {field, kind, optional} of fieldsOf(type)) {
		const value = raw[field];
		if (value === undefined || (value === null && optional)) {
			if (optional) continue;
			return undefined;
		}
		const decoded = decodeField(kind, value, program, raw);
		if (decoded === invalid) return undefined;
		payload[field] = decoded;
	}
	return {type, payload} as DecodedEvent;
}

const invalid = Symbol('invalid');
type Decoded = unknown | typeof invalid;

function decodeField(
	kind: FieldKind,
	value: unknown,
	program: ReportedProgram,
	event: Record<string, unknown>,
): Decoded {
	switch (kind) {
		case 'process':
			// A bullmq pool's task events name no process of this machine: 0, a remote worker.
			if (value === 0 && event.poolId !== undefined) return 0;
			return isId(value) ? (program.local(kind, String(value)) ?? invalid) : invalid;
		case 'value':
		case 'array':
		case 'lock':
		case 'pool':
		case 'sync':
		case 'queue':
			return isId(value) ? (program.local(kind, String(value)) ?? invalid) : invalid;
		case 'task':
			// A task's id need only be unique in its pool (procdash counts them per pool).
			return isId(value) && isId(event.poolId)
				? (program.local('task', `${String(event.poolId)}\u0000${String(value)}`) ?? invalid)
				: invalid;
		case 'name':
			return typeof value === 'string' && value !== '' ? program.prefixed(value) : invalid;
		case 'text':
			return typeof value === 'string' ? bounded(value, maxTextLength) : invalid;
		case 'integer':
			return Number.isSafeInteger(value) ? value : invalid;
		case 'count':
			return isCount(value) ? value : invalid;
		case 'limit':
			return value === null || isCount(value) ? value : invalid;
		case 'ms':
			return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : invalid;
		case 'pid':
			return isCount(value) && value >= 1 ? value : invalid;
		case 'bool':
			return typeof value === 'boolean' ? value : invalid;
		case 'true':
			return value === true ? value : invalid;
		case 'scalar':
			return decodeScalar(value);
		case 'scalars':
			return decodeScalars(value);
		case 'signal':
			return value === null ||
				(typeof value === 'string' && Object.hasOwn(constants.signals, value))
				? value
				: invalid;
		case 'error':
			return decodeError(value);
		case 'actor':
			return decodeActor(value, program, true);
		case 'changer':
			return decodeActor(value, program, false);
		case 'party':
			return isRecord(value) && typeof value.name === 'string' && isCount(value.pid)
				? {name: program.prefixed(value.name), pid: value.pid}
				: invalid;
		case 'cycle':
			return decodeCycle(value, program);
		case 'processKind':
			return oneOf(value, ['task', 'command', 'thread']);
		case 'ending':
			return oneOf(value, ['closed', 'terminated', 'broken']);
		case 'replacement':
			return oneOf(value, ['died', 'max-tasks']);
		case 'remote':
			return isRecord(value) &&
				typeof value.queue === 'string' &&
				typeof value.connection === 'string'
				? {
						queue: bounded(value.queue, maxTextLength),
						connection: redact(bounded(value.connection, maxTextLength)),
					}
				: invalid;
		case 'redisStatus':
			return oneOf(value, ['connected', 'waiting']);
		case 'actors':
			return decodeActors(value, program);
		case 'syncKind':
			return oneOf(value, syncKinds);
		case 'queueKind':
			return oneOf(value, ['queue', 'joinable', 'simple']);
		case 'syncState':
			return decodeState(value, program, syncStateFields);
		case 'queueState':
			return decodeState(value, program, queueStateFields);
		case 'queueSide':
			return oneOf(value, ['put', 'get', 'join']);
		case 'gaveUpReason':
			return oneOf(value, ['timed-out', 'exited']);
	}
}

const syncKinds = ['rlock', 'semaphore', 'bounded-semaphore', 'event', 'condition', 'barrier'];

type StateField = 'count' | 'bool' | 'actors' | 'holders';

// The fields of a waiting object's or a queue's state that a reporter may send; any may be left out.
const syncStateFields: Readonly<Record<string, StateField>> = {
	holders: 'holders',
	waiters: 'actors',
	permits: 'count',
	initial: 'count',
	set: 'bool',
	parties: 'count',
	broken: 'bool',
	passed: 'count',
};

const queueStateFields: Readonly<Record<string, StateField>> = {
	depth: 'count',
	maxsize: 'count',
	puts: 'count',
	gets: 'count',
	putters: 'actors',
	getters: 'actors',
	unfinished: 'count',
	joiners: 'actors',
	closed: 'bool',
};

function decodeState(
	value: unknown,
	program: ReportedProgram,
	fields: Readonly<Record<string, StateField>>,
): Decoded {
	if (!isRecord(value)) return invalid;
	const state: Record<string, unknown> = {};
	for (const [field, kind] of Object.entries(fields)) {
		const part = value[field];
		if (part === undefined) continue;
		const decoded = decodeStateField(kind, part, program);
		if (decoded === invalid) return invalid;
		state[field] = decoded;
	}
	return state;
}

function decodeStateField(kind: StateField, value: unknown, program: ReportedProgram): Decoded {
	switch (kind) {
		case 'count':
			return isCount(value) ? value : invalid;
		case 'bool':
			return typeof value === 'boolean' ? value : invalid;
		case 'actors':
			return decodeActors(value, program);
		case 'holders':
			return decodeHolders(value, program);
	}
}

function decodeActors(value: unknown, program: ReportedProgram): Decoded {
	if (!Array.isArray(value) || value.length > maxArrayLength) return invalid;
	const actors = value.map((actor) => decodeActor(actor, program, true));
	return actors.includes(invalid) ? invalid : actors;
}

function decodeHolders(value: unknown, program: ReportedProgram): Decoded {
	if (!Array.isArray(value) || value.length > maxArrayLength) return invalid;
	const holders = [];
	for (const holder of value) {
		const actor = decodeActor(holder, program, true);
		if (actor === invalid || !isRecord(holder) || !isCount(holder.count)) return invalid;
		holders.push({...(actor as object), count: holder.count});
	}
	return holders;
}

function decodeScalar(value: unknown): Decoded {
	if (typeof value === 'number') return Number.isFinite(value) ? value : invalid;
	if (isRecord(value) && typeof value.bigint === 'string' && /^-?\d{1,20}$/.test(value.bigint))
		return BigInt(value.bigint);
	return invalid;
}

function decodeScalars(value: unknown): Decoded {
	if (!Array.isArray(value) || value.length > maxArrayLength) return invalid;
	const scalars = value.map(decodeScalar);
	return scalars.includes(invalid) ? invalid : scalars;
}

function decodeError(value: unknown): Decoded {
	if (!isRecord(value) || typeof value.name !== 'string' || typeof value.message !== 'string')
		return invalid;
	return {
		name: bounded(value.name, maxNameLength),
		message: bounded(value.message, maxTextLength),
		...(typeof value.code === 'string' ? {code: bounded(value.code, maxNameLength)} : {}),
	};
}

function decodeActor(value: unknown, program: ReportedProgram, withPid: boolean): Decoded {
	if (!isRecord(value) || !isId(value.id) || typeof value.name !== 'string') return invalid;
	if (withPid && !isCount(value.pid)) return invalid;
	const id = program.local('process', String(value.id));
	if (id === undefined) return invalid;
	return {
		id,
		name: program.prefixed(value.name),
		...(withPid ? {pid: value.pid} : {}),
	};
}

function decodeCycle(value: unknown, program: ReportedProgram): Decoded {
	if (!Array.isArray(value) || value.length === 0 || value.length > maxCycleLength) return invalid;
	const links = [];
	for (const link of value) {
		if (
			!isRecord(link) ||
			typeof link.process !== 'string' ||
			typeof link.waitsFor !== 'string' ||
			typeof link.heldBy !== 'string' ||
			!isCount(link.pid) ||
			!isId(link.lockId)
		)
			return invalid;
		const lockId = program.local('lock', String(link.lockId));
		if (lockId === undefined) return invalid;
		links.push({
			process: program.prefixed(link.process),
			pid: link.pid,
			waitsFor: program.prefixed(link.waitsFor),
			lockId,
			heldBy: program.prefixed(link.heldBy),
		});
	}
	return links;
}

function oneOf(value: unknown, allowed: readonly string[]): Decoded {
	return typeof value === 'string' && allowed.includes(value) ? value : invalid;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// An id is a string or a number: short, so that a program cannot grow the map's keys without end.
function isId(value: unknown): value is string | number {
	if (typeof value === 'number') return Number.isSafeInteger(value);
	return typeof value === 'string' && value !== '' && value.length <= 128;
}

function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

// Printable (no terminal escape can pass) and at most `length` characters, cut with an ellipsis.
function bounded(text: string, length: number): string {
	const shown = printable(text);
	return shown.length <= length ? shown : `${shown.slice(0, length - 1)}…`;
}
