import {spawnSync} from 'node:child_process';
import {expect, test} from 'vitest';
import {type BusEvent, EventBus} from '../../../source/core/events/index.js';
import {maxLineBytes} from '../../../source/core/report/protocol.js';
import {type ReceiverLimits, ReportReceiver} from '../../../source/core/report/receiver.js';

// The receiver without a socket: bytes in as a socket would hand them over, events out on a real
// bus. The root is this test process itself (its pid is in its own tree, per /proc).

function receiving(limits?: ReceiverLimits) {
	const bus = new EventBus();
	const events: BusEvent[] = [];
	bus.subscribe((event) => events.push(event));
	const root = {bus, id: 1, name: 'node', pid: process.pid};
	const receiver = new ReportReceiver((pid) => (pid === process.pid ? root : undefined), limits);
	let closed = 0;
	const connection = receiver.connection({close: () => closed++});
	if (!connection) throw new Error('no connection');
	return {receiver, connection, events, closed: () => closed};
}

const hello = (pid = process.pid) =>
	`${JSON.stringify({procdash: 1, pid, program: 'app.py', language: 'python'})}\n`;
const lockCreated = (name: string) => `${JSON.stringify({type: 'lock:created', id: name, name})}\n`;
const names = (events: readonly BusEvent[]) =>
	events.flatMap((event) => (event.type === 'lock:created' ? [event.name] : []));

test('a line split across chunks, a multibyte character split between two of them, is one line', () => {
	const {connection, events} = receiving();
	const bytes = Buffer.from(hello() + lockCreated('Lås-ü'));
	const cut = bytes.indexOf(Buffer.from('å')) + 1;
	connection.receive(bytes.subarray(0, 10));
	connection.receive(bytes.subarray(10, cut));
	connection.receive(bytes.subarray(cut));
	expect(names(events)).toEqual(['app.py · Lås-ü']);
});

test('a line of exactly 65,536 bytes is read; one byte more and it is dropped as malformed', () => {
	const {connection, events} = receiving();
	const padded = (bytes: number) => {
		const empty = JSON.stringify({type: 'lock:created', id: 'x', name: 'n', pad: ''});
		const line = JSON.stringify({
			type: 'lock:created',
			id: 'x',
			name: 'n',
			pad: 'p'.repeat(bytes - empty.length),
		});
		expect(Buffer.byteLength(line)).toBe(bytes);
		return `${line}\n`;
	};
	connection.receive(Buffer.from(hello() + padded(maxLineBytes) + padded(maxLineBytes + 1)));
	connection.ended();
	expect(names(events)).toEqual(['app.py · n']);
	expect(events.find((event) => event.type === 'report:dropped')).toMatchObject({malformed: 1});
});

test('past the events a tick allows, the rest of the tick’s lines are dropped unread and counted', () => {
	const {connection, events} = receiving({eventsPerTick: 5, tickMs: 60_000});
	connection.receive(
		Buffer.from(hello() + Array.from({length: 20}, (_, n) => lockCreated(`L${n}`)).join('')),
	);
	connection.ended();
	expect(names(events)).toHaveLength(5);
	expect(events.filter((event) => event.type === 'report:dropped').at(-1)).toMatchObject({
		malformed: 0,
		flooded: 15,
	});
});

test('a hello that is not one, or names a pid outside procdash’s tree, closes the connection', () => {
	for (const first of ['{"procdash":2}\n', 'hello\n', hello(1)]) {
		const {connection, events, closed} = receiving();
		connection.receive(Buffer.from(first + lockCreated('After')));
		expect(closed()).toBe(1);
		expect(events).toEqual([]);
	}
});

test('a process:started whose pid is a living process outside the program’s tree is dropped', () => {
	const {connection, events} = receiving();
	const started = (pid: number) =>
		`${JSON.stringify({type: 'process:started', id: `p${pid}`, name: 'P', pid, ppid: 1})}\n`;
	// pid 1 lives and is no descendant of this process; this process is its own tree's root.
	connection.receive(Buffer.from(hello() + started(1) + started(process.pid)));
	connection.ended();
	const pids = events.flatMap((event) => (event.type === 'process:started' ? [event.pid] : []));
	expect(pids).toEqual([process.pid]);
});

test('at most maxConnections are open at once; a closed one frees its place', () => {
	const receiver = new ReportReceiver(() => undefined, {maxConnections: 2});
	const side = {close: () => {}};
	const first = receiver.connection(side);
	expect(receiver.connection(side)).toBeDefined();
	expect(receiver.connection(side)).toBeUndefined();
	first?.ended();
	expect(receiver.connection(side)).toBeDefined();
});

test('a child gone before its hello is read is known by its parent’s word: the program told of its start', () => {
	const {receiver, connection, events} = receiving();
	// A process that has exited: its pid names no living process, in no tree.
	const gone = spawnSync('true').pid as number;
	const started = JSON.stringify({
		type: 'process:started',
		id: 'p1',
		name: 'Process-1',
		pid: gone,
		ppid: process.pid,
	});
	// Before the parent told of it, its hello is refused; after, it is taken as the program's.
	let refused = 0;
	const early = receiver.connection({close: () => refused++});
	early?.receive(Buffer.from(hello(gone) + lockCreated('Early')));
	expect(refused).toBe(1);
	connection.receive(Buffer.from(`${hello()}${started}\n`));
	let closed = 0;
	const child = receiver.connection({close: () => closed++});
	child?.receive(Buffer.from(hello(gone) + lockCreated('FromChild')));
	expect(closed).toBe(0);
	expect(names(events)).toEqual(['app.py · FromChild']);
});
