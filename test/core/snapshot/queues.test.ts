import {expect, test} from 'vitest';
import {levelSeries, perSecond} from '../../../source/core/snapshot/index.js';
import {EventBus, fold} from '../../../source/index.js';
import {handWrittenSync} from '../../helpers/sync-events.js';

// The reducer is pure: these events are written by hand, as the broker would emit them, on a clock
// the test sets.

const producer1 = {id: 1, name: 'producer-1', pid: 101};
const producer2 = {id: 2, name: 'producer-2', pid: 102};
const consumer = {id: 3, name: 'consumer-1', pid: 103};
const owner = {id: 0, name: 'main', pid: 100};

test("a queue's row is its last event's state whole: depth, maxsize, who waits, unfinished, closed", () => {
	// Given a JoinableQueue of maxsize 2 that fills, so that a producer must wait
	const s = handWrittenSync();
	const jobs = s.queue(7, 'jobs', 'joinable', 2);
	jobs.emit('queue:waiting', {by: consumer, side: 'get'}, {getters: [consumer]});
	jobs.emit(
		'queue:put',
		{by: producer1, count: 1},
		{depth: 1, puts: 1, unfinished: 1, getters: []},
	);
	jobs.emit('queue:got', {by: consumer, count: 1}, {depth: 0, gets: 1});
	jobs.emit('queue:put', {by: producer1, count: 2}, {depth: 2, puts: 3, unfinished: 3});
	jobs.emit('queue:waiting', {by: producer2, side: 'put'}, {putters: [producer2]});
	jobs.emit('queue:waiting', {by: owner, side: 'join'}, {joiners: [owner]});

	// Then the row says all of it
	const [row] = s.snapshot().sync.queues;
	expect(row).toMatchObject({
		id: 7,
		name: 'jobs',
		kind: 'joinable',
		depth: 2,
		maxsize: 2,
		puts: 3,
		gets: 1,
		putters: [producer2],
		getters: [],
		joiners: [owner],
		unfinished: 3,
		closed: false,
	});

	// When every item is done and the queue closed, join returns and nobody waits
	jobs.emit('queue:task-done', {by: consumer}, {unfinished: 0});
	jobs.emit('queue:joined', {}, {joiners: []});
	jobs.emit('queue:gave-up', {by: producer2, side: 'put', reason: 'exited'}, {putters: []});
	jobs.emit('queue:closed', {by: owner}, {closed: true});
	expect(s.snapshot().sync.queues[0]).toMatchObject({
		unfinished: 0,
		joiners: [],
		putters: [],
		closed: true,
	});
});

test('puts and gets per second come from the events’ times, and fall to 0 when the queue is idle', () => {
	// Given 20 puts and 10 gets, one every 50 ms between 1 s and 2 s
	const s = handWrittenSync();
	const jobs = s.queue(1, 'jobs', 'queue');
	for (let index = 1; index <= 20; index++) {
		s.at(1000 + (index - 1) * 50);
		const got = Math.floor(index / 2);
		jobs.emit('queue:put', {by: producer1, count: 1}, {depth: index - got, puts: index, gets: got});
	}
	const [row] = s.snapshot().sync.queues;
	if (!row) throw new Error('no queue row');

	// Then over the 2 s window that ends at 2 s: 10 puts/s and 5 gets/s
	expect(perSecond(row.putCounts, 1999)).toBe(10);
	expect(perSecond(row.getCounts, 1999)).toBe(5);
	// And long after, nothing
	expect(perSecond(row.putCounts, 10_000)).toBe(0);
});

test('the depth history keeps the highest depth of each quarter second and holds it until now', () => {
	const s = handWrittenSync();
	const jobs = s.queue(1, 'jobs', 'queue', 5);
	s.at(0);
	jobs.emit('queue:put', {by: producer1, count: 5}, {depth: 5, puts: 5});
	s.at(100);
	jobs.emit('queue:got', {by: consumer, count: 4}, {depth: 1, gets: 4});
	s.at(600);
	jobs.emit('queue:got', {by: consumer, count: 1}, {depth: 0, gets: 5});
	const [row] = s.snapshot().sync.queues;
	if (!row) throw new Error('no queue row');
	// Bucket 0 saw 5 (a burst that drained within it still shows); buckets 1 and 2 held 1 (2 until
	// it went to 0); from then on 0, up to now
	expect(levelSeries(row.depthHistory, 1000, 10, row.depth)).toEqual([5, 1, 1, 0, 0]);
});

test('a queue first seen in a later event (a recording cut at its start) gets its row then', () => {
	const bus = new EventBus({now: () => 0});
	bus.emit('queue:put', {
		id: 4,
		name: 'late',
		kind: 'simple',
		by: producer1,
		count: 1,
		state: {depth: 3, maxsize: 0, puts: 9, gets: 6, putters: [], getters: [], closed: false},
	});
	expect(fold(bus.history()).sync.queues).toMatchObject([{name: 'late', kind: 'simple', depth: 3}]);
});

test('a pipe shows its two ends: who uses each, messages in flight each way, who waits, which end closed', () => {
	const ping = {id: 1, name: 'ping', pid: 201};
	const pong = {id: 2, name: 'pong', pid: 202};
	const s = handWrittenSync();
	const pipe = s.pipe(9, 'Pipe-1');
	pipe.emit('pipe:waiting', {by: pong, end: 'b'}, {receivers: {a: [], b: [pong]}});
	pipe.emit(
		'pipe:sent',
		{by: ping, end: 'a'},
		{sent: {a: 1, b: 0}, inFlight: {a: 0, b: 1}, receivers: {a: [], b: [pong]}},
	);
	pipe.emit('pipe:sent', {by: ping, end: 'a'}, {sent: {a: 2, b: 0}, inFlight: {a: 0, b: 2}});
	let [row] = s.snapshot().sync.pipes;
	expect(row).toMatchObject({
		name: 'Pipe-1',
		duplex: true,
		users: {a: 'ping', b: 'pong'},
		inFlight: {a: 0, b: 2},
		receivers: {a: [], b: [pong]},
	});

	pipe.emit(
		'pipe:received',
		{by: pong, end: 'b'},
		{inFlight: {a: 0, b: 1}, receivers: {a: [], b: []}},
	);
	pipe.emit('pipe:closed', {by: ping, end: 'a'}, {closed: {a: true, b: false}});
	[row] = s.snapshot().sync.pipes;
	expect(row).toMatchObject({
		inFlight: {a: 0, b: 1},
		receivers: {b: []},
		closed: {a: true, b: false},
	});
	// Two messages sent within the last 2 s: one a second
	expect(row && perSecond(row.sentCounts, 0)).toBe(1);
});

test('an event about none of these objects leaves the sync part as it was', () => {
	const s = handWrittenSync();
	s.queue(1, 'jobs', 'queue');
	const before = s.snapshot();
	s.bus.emit('lock:created', {id: 5, name: 'L'});
	const after = s.snapshot();
	expect(after.sync).toEqual(before.sync);
	expect(fold([], before).sync).toBe(before.sync);
});
