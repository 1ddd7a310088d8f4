import {expect, test} from 'vitest';
import {waitsOf} from '../../../source/core/snapshot/index.js';
import {EventBus, fold} from '../../../source/index.js';
import {handWrittenSync} from '../../helpers/sync-events.js';

// The reducer is pure: these events are written by hand, as the broker would emit them.

const alice = {id: 1, name: 'alice', pid: 501};
const bob = {id: 2, name: 'bob', pid: 502};
const carol = {id: 3, name: 'carol', pid: 503};
const dave = {id: 4, name: 'dave', pid: 504};

function row(s: ReturnType<typeof handWrittenSync>, name: string) {
	const found = s.snapshot().sync.objects.find((object) => object.name === name);
	if (!found) throw new Error(`no row named ${name}`);
	return found;
}

test('an RLock keeps its holder with its depth and its waiters; the last release frees it', () => {
	const s = handWrittenSync();
	const rlock = s.object(1, 'tree', 'rlock');
	rlock.emit('sync:acquired', {by: alice, waitedMs: 0}, {holders: [{...alice, count: 1}]});
	rlock.emit('sync:acquired', {by: alice, waitedMs: 0}, {holders: [{...alice, count: 2}]});
	rlock.emit('sync:waiting', {by: bob}, {waiters: [bob]});
	expect(row(s, 'tree')).toMatchObject({
		kind: 'rlock',
		holders: [{name: 'alice', count: 2}],
		waiters: [bob],
	});
	rlock.emit('sync:released', {by: alice}, {holders: [{...alice, count: 1}]});
	rlock.emit('sync:released', {by: alice}, {holders: []});
	rlock.emit(
		'sync:acquired',
		{by: bob, waitedMs: 40},
		{holders: [{...bob, count: 1}], waiters: []},
	);
	expect(row(s, 'tree')).toMatchObject({holders: [{name: 'bob', count: 1}], waiters: []});
});

test('a semaphore keeps its permits left of its initial value, its holders and its waiters', () => {
	const s = handWrittenSync();
	const gate = s.object(2, 'gate', 'bounded-semaphore', {permits: 2, initial: 2});
	gate.emit(
		'sync:acquired',
		{by: alice, waitedMs: 0},
		{permits: 1, holders: [{...alice, count: 1}]},
	);
	gate.emit(
		'sync:acquired',
		{by: bob, waitedMs: 0},
		{
			permits: 0,
			holders: [
				{...alice, count: 1},
				{...bob, count: 1},
			],
		},
	);
	gate.emit('sync:waiting', {by: carol}, {waiters: [carol]});
	expect(row(s, 'gate')).toMatchObject({
		kind: 'bounded-semaphore',
		permits: 0,
		initial: 2,
		holders: [{name: 'alice'}, {name: 'bob'}],
		waiters: [carol],
	});
	// A waiter whose timeout ran out leaves the line
	gate.emit('sync:timed-out', {by: carol}, {waiters: []});
	expect(row(s, 'gate').waiters).toEqual([]);
});

test('a holder that dies is marked abandoned until someone else takes it', () => {
	const s = handWrittenSync();
	const gate = s.object(2, 'gate', 'semaphore', {permits: 0, initial: 1});
	gate.emit('sync:acquired', {by: alice, waitedMs: 0}, {holders: [{...alice, count: 1}]});
	gate.emit('sync:waiting', {by: bob}, {waiters: [bob]});
	s.at(300);
	gate.emit('sync:abandoned', {by: alice, count: 1}, {permits: 1, holders: []});
	expect(row(s, 'gate').abandoned).toEqual({name: 'alice', pid: 501, at: 300});
	gate.emit(
		'sync:acquired',
		{by: bob, waitedMs: 300},
		{permits: 0, holders: [{...bob, count: 1}], waiters: []},
	);
	expect(row(s, 'gate').abandoned).toBeUndefined();
});

test('an event is set or clear, with its waiters', () => {
	const s = handWrittenSync();
	const start = s.object(3, 'start', 'event', {set: false});
	start.emit('sync:waiting', {by: alice}, {waiters: [alice]});
	start.emit('sync:waiting', {by: bob}, {waiters: [alice, bob]});
	expect(row(s, 'start')).toMatchObject({set: false, waiters: [alice, bob]});
	start.emit('event:set', {by: carol}, {set: true, waiters: []});
	expect(row(s, 'start')).toMatchObject({set: true, waiters: []});
	start.emit('event:cleared', {by: carol}, {set: false});
	expect(row(s, 'start').set).toBe(false);
});

test('a barrier counts who waits of its parties and how often it filled; broken until reset, with why', () => {
	const s = handWrittenSync();
	const meet = s.object(4, 'meet', 'barrier', {parties: 2, broken: false, passed: 0});
	meet.emit('sync:waiting', {by: alice}, {waiters: [alice]});
	meet.emit('barrier:passed', {by: bob, parties: [alice, bob]}, {waiters: [], passed: 1});
	expect(row(s, 'meet')).toMatchObject({parties: 2, waiters: [], passed: 1, broken: false});

	meet.emit('sync:waiting', {by: carol}, {waiters: [carol]});
	meet.emit('barrier:broken', {by: dave, reason: 'dave died'}, {waiters: [], broken: true});
	expect(row(s, 'meet')).toMatchObject({broken: true, brokenReason: 'dave died'});
	meet.emit('barrier:reset', {by: alice}, {broken: false});
	expect(row(s, 'meet')).toMatchObject({broken: false, brokenReason: undefined});
});

test('a condition keeps its waiters and who holds its lock', () => {
	const s = handWrittenSync();
	const ready = s.object(5, 'ready', 'condition');
	ready.emit('sync:acquired', {by: alice, waitedMs: 0}, {holders: [{...alice, count: 1}]});
	ready.emit('sync:waiting', {by: alice}, {holders: [], waiters: [alice]});
	ready.emit('sync:waiting', {by: bob}, {waiters: [alice, bob]});
	ready.emit('condition:notified', {by: carol, woken: 1}, {waiters: [bob]});
	expect(row(s, 'ready')).toMatchObject({kind: 'condition', holders: [], waiters: [bob]});
});

test("a Manager's objects keep their size and the last change", () => {
	const bus = new EventBus({now: () => 0});
	bus.emit('managed:created', {id: 1, name: 'dict-1', kind: 'dict', size: 0});
	bus.emit('managed:changed', {id: 1, name: 'dict-1', kind: 'dict', size: 1, by: alice, op: 'set'});
	bus.emit('managed:changed', {
		id: 1,
		name: 'dict-1',
		kind: 'dict',
		size: 2,
		by: bob,
		op: 'update',
	});
	expect(fold(bus.history()).sync.managed).toEqual([
		{id: 1, name: 'dict-1', kind: 'dict', size: 2, changes: 2, last: {by: 'bob', op: 'update'}},
	]);
});

test('waitsOf names the object each process waits on, and what it waits to do there', () => {
	// Given one process waiting on each kind of object
	const s = handWrittenSync();
	const who = (id: number, name: string) => ({id, name, pid: 600 + id});
	s.bus.emit('lock:created', {id: 90, name: 'L'});
	s.bus.emit('lock:acquired', {id: 90, name: 'L', by: alice, waitedMs: 0});
	s.bus.emit('lock:requested', {id: 90, name: 'L', by: who(1, 'locker')});
	const jobs = s.queue(1, 'jobs', 'joinable', 1);
	jobs.emit('queue:waiting', {by: who(2, 'putter'), side: 'put'}, {putters: [who(2, 'putter')]});
	jobs.emit('queue:waiting', {by: who(3, 'getter'), side: 'get'}, {getters: [who(3, 'getter')]});
	jobs.emit('queue:waiting', {by: who(4, 'joiner'), side: 'join'}, {joiners: [who(4, 'joiner')]});
	const pipe = s.pipe(2, 'Pipe-1');
	pipe.emit(
		'pipe:waiting',
		{by: who(5, 'reader'), end: 'a'},
		{receivers: {a: [who(5, 'reader')], b: []}},
	);
	const start = s.object(3, 'start', 'event', {set: false});
	start.emit('sync:waiting', {by: who(6, 'runner')}, {waiters: [who(6, 'runner')]});
	const gate = s.object(4, 'gate', 'semaphore', {permits: 0, initial: 2});
	gate.emit('sync:waiting', {by: who(7, 'worker')}, {waiters: [who(7, 'worker')]});
	const meet = s.object(5, 'meet', 'barrier', {parties: 4});
	meet.emit('sync:waiting', {by: who(8, 'party')}, {waiters: [who(8, 'party')]});

	// Then each is found by its name and pid
	const {shared, sync} = s.snapshot();
	const waits = waitsOf(shared, sync);
	const of = (id: number, name: string) => waits.of(who(id, name));
	expect(of(1, 'locker')).toEqual({object: 'L', kind: 'lock', side: 'acquire'});
	expect(of(2, 'putter')).toEqual({object: 'jobs', kind: 'queue', side: 'put'});
	expect(of(3, 'getter')).toEqual({object: 'jobs', kind: 'queue', side: 'get'});
	expect(of(4, 'joiner')).toEqual({object: 'jobs', kind: 'queue', side: 'join'});
	expect(of(5, 'reader')).toEqual({object: 'Pipe-1', kind: 'pipe', side: 'recv'});
	expect(of(6, 'runner')).toEqual({object: 'start', kind: 'event', side: 'wait'});
	expect(of(7, 'worker')).toEqual({object: 'gate', kind: 'semaphore', side: 'acquire'});
	expect(of(8, 'party')).toEqual({object: 'meet', kind: 'barrier', side: 'wait'});
	// A holder waits on nothing; nor does a thread of a waiting process's pid with another name
	expect(waits.of(alice)).toBeUndefined();
	expect(waits.of({name: 'Thread-1', pid: 601})).toBeUndefined();
});
