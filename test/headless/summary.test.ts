import {expect, test} from 'vitest';
import {EventBus} from '../../source/core/events/index.js';
import {fold, type Snapshot} from '../../source/core/snapshot/index.js';
import {toJsonLine} from '../../source/headless/json-line.js';
import {buildSummary} from '../../source/headless/summary.js';
import {handWrittenSync} from '../helpers/sync-events.js';

function snapshotOf(emit: (bus: EventBus) => void): Snapshot {
	const bus = new EventBus({now: () => 0});
	emit(bus);
	return fold(bus.history());
}

test('the summary is built from the final snapshot alone', () => {
	const snapshot = snapshotOf((bus) => {
		bus.emit('scenario:started', {name: 'demo', description: 'd', about: 'a'});
		bus.emit('process:created', {id: 1, name: 'a', kind: 'task', daemon: false, target: 't'});
		bus.emit('process:started', {id: 1, name: 'a', pid: 10, ppid: 1});
		bus.emit('process:exited', {id: 1, name: 'a', pid: 10, exitcode: 0, signal: null});
		bus.emit('process:created', {id: 2, name: 'b', kind: 'command', daemon: false, target: 'x'});
		bus.emit('scenario:finished', {name: 'demo', ok: true, notes: ['fine'], elapsedMs: 1234});
		bus.emit('orchestrator:stopped', {survivors: []});
	});
	expect(buildSummary(snapshot)).toEqual({
		type: 'summary',
		scenario: 'demo',
		elapsedMs: 1234,
		processes: [
			{name: 'a', pid: 10, ppid: 1, exitcode: 0},
			{name: 'b', pid: null, ppid: null, exitcode: null},
		],
		values: {},
		locks: {},
		pools: {},
		queues: {},
		pipes: {},
		sync: {},
		managed: {},
		ok: true,
		notes: ['fine'],
	});
});

test('a survivor of the stop, or a scenario that did not pass, makes ok false', () => {
	const passed = (survivors: number[], ok: boolean) =>
		buildSummary(
			snapshotOf((bus) => {
				bus.emit('scenario:started', {name: 's', description: 'd', about: 'a'});
				bus.emit('scenario:finished', {name: 's', ok, notes: [], elapsedMs: 1});
				bus.emit('orchestrator:stopped', {survivors});
			}),
		).ok;
	expect(passed([], true)).toBe(true);
	expect(passed([4242], true)).toBe(false);
	expect(passed([], false)).toBe(false);
});

test('values, arrays and locks come from the shared-state part of the snapshot', () => {
	const alice = {id: 1, name: 'alice', pid: 10};
	const bob = {id: 2, name: 'bob', pid: 11};
	const snapshot = snapshotOf((bus) => {
		bus.emit('value:created', {id: 1, name: 'counter', typecode: 'i', value: 0});
		bus.emit('value:changed', {id: 1, name: 'counter', value: 40_000, by: alice});
		bus.emit('array:created', {id: 2, name: 'squares', typecode: 'i', values: [0, 1, 4]});
		bus.emit('lock:created', {id: 3, name: 'lock'});
		bus.emit('lock:acquired', {id: 3, name: 'lock', by: alice, waitedMs: 0});
		bus.emit('lock:requested', {id: 3, name: 'lock', by: bob});
	});
	expect(buildSummary(snapshot)).toMatchObject({
		values: {counter: 40_000, squares: [0, 1, 4]},
		locks: {lock: {holder: 'alice', waiters: ['bob'], abandonedBy: null, deadlocked: false}},
	});
});

test('toJsonLine writes what JSON cannot say as readable stand-ins, on one line', () => {
	const cyclic: Record<string, unknown> = {name: 'loop'};
	cyclic.self = cyclic;
	expect(toJsonLine({big: 2n ** 64n, map: new Map([['a', 1]]), set: new Set([1, 2])})).toBe(
		'{"big":"18446744073709551616n","map":{"a":1},"set":[1,2]}',
	);
	expect(toJsonLine(cyclic)).toBe('{"name":"loop","self":"[Circular]"}');
	expect(toJsonLine({line: 'a\nb'})).toBe('{"line":"a\\nb"}');
});

test('queues, pipes, the other waiting objects and managed objects come with their final state', () => {
	const producer = {id: 1, name: 'producer', pid: 10};
	const consumer = {id: 2, name: 'consumer', pid: 11};
	const owner = {id: 0, name: 'main', pid: 9};
	const s = handWrittenSync();
	const jobs = s.queue(1, 'jobs', 'joinable', 2);
	jobs.emit('queue:put', {by: producer, count: 2}, {depth: 2, puts: 2, unfinished: 2});
	jobs.emit('queue:waiting', {by: producer, side: 'put'}, {putters: [producer]});
	jobs.emit('queue:waiting', {by: owner, side: 'join'}, {joiners: [owner]});
	s.queue(2, 'log', 'simple');
	const pipe = s.pipe(3, 'Pipe-1', false);
	pipe.emit('pipe:sent', {by: producer, end: 'b'}, {sent: {a: 0, b: 1}, inFlight: {a: 1, b: 0}});
	pipe.emit('pipe:closed', {by: producer, end: 'b'}, {closed: {a: false, b: true}});
	const gate = s.object(4, 'gate', 'semaphore', {permits: 0, initial: 1});
	gate.emit('sync:acquired', {by: consumer, waitedMs: 0}, {holders: [{...consumer, count: 1}]});
	gate.emit('sync:waiting', {by: producer}, {waiters: [producer]});
	const start = s.object(5, 'start', 'event', {set: false});
	start.emit('event:set', {by: owner}, {set: true});
	const meet = s.object(6, 'meet', 'barrier', {parties: 3, broken: false, passed: 0});
	meet.emit('barrier:broken', {by: consumer, reason: 'aborted'}, {broken: true});
	s.bus.emit('managed:created', {id: 7, name: 'dict-1', kind: 'dict', size: 3});

	const summary = buildSummary(s.snapshot());
	expect(summary.queues).toEqual({
		jobs: {
			kind: 'joinable',
			depth: 2,
			maxsize: 2,
			puts: 2,
			gets: 0,
			putters: ['producer'],
			getters: [],
			unfinished: 2,
			joiners: ['main'],
			closed: false,
		},
		log: {
			kind: 'simple',
			depth: 0,
			maxsize: 0,
			puts: 0,
			gets: 0,
			putters: [],
			getters: [],
			closed: false,
		},
	});
	expect(summary.pipes).toEqual({
		'Pipe-1': {
			duplex: false,
			sent: {a: 0, b: 1},
			inFlight: {a: 1, b: 0},
			receivers: [],
			closed: {a: false, b: true},
		},
	});
	expect(summary.sync).toEqual({
		gate: {
			kind: 'semaphore',
			holders: [{name: 'consumer', count: 1}],
			waiters: ['producer'],
			permits: 0,
			initial: 1,
			abandonedBy: null,
		},
		start: {kind: 'event', holders: [], waiters: [], set: true, abandonedBy: null},
		meet: {
			kind: 'barrier',
			holders: [],
			waiters: [],
			parties: 3,
			broken: true,
			passed: 0,
			abandonedBy: null,
		},
	});
	expect(summary.managed).toEqual({'dict-1': {kind: 'dict', size: 3}});
	// And JSON carries it as it is
	expect(JSON.parse(toJsonLine(summary)).sync.gate.holders).toEqual([{name: 'consumer', count: 1}]);
});
