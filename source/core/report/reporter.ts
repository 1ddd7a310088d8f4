import {createConnection, type Socket} from 'node:net';
import path from 'node:path';
import {threadId} from 'node:worker_threads';
import type {BusEvent, EventBus} from '../events/index.js';
import {type FieldKind, fieldsOf, isReported} from './fields.js';
import {type Hello, maxLineBytes, protocolVersion, reportVariable} from './protocol.js';

// The Node reporter: a program procdash runs (it finds PROCDASH_REPORT in its environment) tells
// procdash of its pools, values and locks by streaming its orchestrators' events to the channel.
// Nothing here may change how the program runs: the connection is opened on the first event worth
// telling, never holds the program open, and on any failure reporting stops for good, silently.

// Undefined until the first event; null once reporting has stopped (or never could start).
let channel: Socket | null | undefined;
let serial = 0;
// Past this many bytes not yet taken by procdash, events are dropped rather than kept in memory.
const maxBacklogBytes = 1 << 20;

/**
 * Streams the events of `bus` that the channel carries to the socket named by `PROCDASH_REPORT`,
 * when it is set; does nothing otherwise. Called by every orchestrator as it is made. Only this
 * process's own bus is told: what its children do to shared state reaches this bus (its broker)
 * over IPC, and a child's own orchestrator, if it makes one, reports for itself.
 */
export function reportBus(bus: EventBus): void {
	const socketPath = process.env[reportVariable];
	if (!socketPath || channel === null) return;
	// Ids are this orchestrator's counts: prefixed, they are unique in the whole program tree.
	const prefix = `${process.pid}.${threadId}.${++serial}:`;
	bus.subscribe((event) => {
		if (channel === null || !isReported(event.type)) return;
		try {
			send(encode(event, prefix), socketPath);
		} catch {
			stop();
		}
	});
}

// The lines of this turn of the event loop, written at its end in one write: a busy program tells
// thousands of events a second, and one write each would cost it a system call each.
// A long turn (a loop that awaits only settled promises) writes every 64 KiB.
let batch: string[] = [];
let batchBytes = 0;
const batchLimitBytes = 65_536;
let flushing: NodeJS.Immediate | undefined;

function send(line: string, socketPath: string): void {
	const bytes = Buffer.byteLength(line) + 1;
	if (bytes > maxLineBytes) return;
	const socket = channel ?? open(socketPath);
	if (!socket || socket.writableLength > maxBacklogBytes) return;
	batch.push(line);
	batchBytes += bytes;
	if (batchBytes >= batchLimitBytes) flush();
	else flushing ??= setImmediate(flush);
}

function flush(): void {
	clearImmediate(flushing);
	flushing = undefined;
	const lines = batch;
	batch = [];
	batchBytes = 0;
	if (lines.length > 0 && channel) channel.write(`${lines.join('\n')}\n`);
}

function open(socketPath: string): Socket | undefined {
	const socket = createConnection(socketPath);
	channel = socket;
	socket.on('error', stop);
	socket.on('close', stop);
	// procdash never writes; a program must not wait on it to exit.
	socket.unref();
	const hello: Hello = {
		procdash: protocolVersion,
		pid: process.pid,
		program: path.basename(process.argv[1] ?? process.argv0),
		language: 'node',
	};
	socket.write(`${JSON.stringify(hello)}\n`);
	// A program that ends with process.exit() still tells what it did last, as far as the socket
	// takes it at once.
	process.once('exit', flush);
	return socket;
}

function stop(): void {
	const socket = channel;
	channel = null;
	batch = [];
	batchBytes = 0;
	process.off('exit', flush);
	socket?.destroy();
}

function encode(event: BusEvent, prefix: string): string {
	const source = event as unknown as Record<string, unknown>;
	const line: Record<string, unknown> = {type: event.type};
	for (const {field, kind} of fieldsOf(event.type as Parameters<typeof fieldsOf>[0])) {
		const value = source[field];
		if (value !== undefined) line[field] = encodeField(kind, value, prefix);
	}
	return JSON.stringify(line);
}

function encodeField(kind: FieldKind, value: unknown, prefix: string): unknown {
	switch (kind) {
		case 'process':
			// 0 is no process: a bullmq pool's remote worker.
			return value === 0 ? 0 : `${prefix}${String(value)}`;
		case 'value':
		case 'array':
		case 'lock':
		case 'pool':
		case 'task':
			return `${prefix}${String(value)}`;
		case 'actor':
		case 'changer':
			return encodeActor(value as Identified, prefix);
		case 'actors':
			return encodeActors(value as readonly Identified[], prefix);
		case 'syncState':
		case 'queueState':
			return encodeState(value as Readonly<Record<string, unknown>>, prefix);
		case 'cycle':
			return (value as readonly {readonly lockId: number}[]).map((link) => ({
				...link,
				lockId: `${prefix}${link.lockId}`,
			}));
		case 'scalar':
			return encodeScalar(value);
		case 'scalars':
			return (value as readonly unknown[]).map(encodeScalar);
		case 'error': {
			const {name, message, code} = value as {name: string; message: string; code?: string};
			return {name, message, ...(code === undefined ? {} : {code})};
		}
		default:
			return value;
	}
}

type Identified = {readonly id: number};

function encodeActor(actor: Identified, prefix: string): unknown {
	return {...actor, id: `${prefix}${actor.id}`};
}

function encodeActors(actors: readonly Identified[], prefix: string): unknown {
	return actors.map((actor) => encodeActor(actor, prefix));
}

// A waiting object's or a queue's state, whole: its lists of actors (holders, waiters, putters…)
// with their ids prefixed.
function encodeState(state: Readonly<Record<string, unknown>>, prefix: string): unknown {
	const line: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(state))
		line[field] = Array.isArray(value) ? encodeActors(value, prefix) : value;
	return line;
}

function encodeScalar(value: unknown): unknown {
	return typeof value === 'bigint' ? {bigint: value.toString()} : value;
}
