import {describe, expect, test} from 'vitest';
import type {QueueState, SyncState} from '../../../source/core/events/index.js';
import {
	type DecodedEvent,
	decodeEvent,
	ReportedProgram,
} from '../../../source/core/report/decode.js';
import {SyncStates} from '../../../source/core/report/sync-states.js';

// A Python program's processes tell only what each did, each on its own connection: the receiver
// keeps the rest. These lines are what the Python reporter sends (source/python/procdash_report).

const parent = {id: 'p100', name: 'MainProcess', pid: 100};
const one = {id: 'p101', name: 'Process-1', pid: 101};
const two = {id: 'p102', name: 'Process-2', pid: 102};
const three = {id: 'p103', name: 'Process-3', pid: 103};

type Raw = Record<string, unknown>;

function sync(type: string, by: typeof parent | undefined, state: Raw = {}, extra: Raw = {}): Raw {
	return {
		type,
		id: 'S',
		name: 'Semaphore-1',
		kind: 'semaphore',
		state,
		...(by ? {by} : {}),
		...extra,
	};
}

/** Feeds raw lines through decode and the states; the events that came out, in order. */
function feed(lines: readonly Raw[]): DecodedEvent[] {
	const program = new ReportedProgram('app.py');
	const states = new SyncStates();
	const out: DecodedEvent[] = [];
	for (const line of lines) {
		const decoded = decodeEvent(line, program);
		expect(decoded, JSON.stringify(line)).toBeDefined();
		const whole = states.complete(decoded as DecodedEvent);
		if (whole) out.push(whole);
	}
	return out;
}

/** The payload of an event that must be there. */
function payloadOf<T>(event: DecodedEvent | undefined): T {
	expect(event).toBeDefined();
	return (event as DecodedEvent).payload as unknown as T;
}

function lastState(events: readonly DecodedEvent[]): SyncState {
	return payloadOf<{state: SyncState}>(events.at(-1)).state;
}

function holders(state: SyncState): string[] {
	return state.holders.map(({name, count}) => `${name}×${count}`).sort();
}

function names(actors: readonly {name: string}[]): string[] {
	return actors.map(({name}) => name);
}

describe('a semaphore of two permits, told in part', () => {
	const created = sync('sync:created', undefined, {initial: 2});
	// One taking a permit at once, another too, a third waiting; the first gives its permit back and
	// the third takes it.
	const byProcess = [
		[sync('sync:acquired', one, {}, {waitedMs: 0}), sync('sync:released', one)],
		[sync('sync:acquired', two, {}, {waitedMs: 0})],
		[sync('sync:waiting', three), sync('sync:acquired', three, {}, {waitedMs: 40})],
	];

	test('holders, waiters and permits come from the events, with the names of the program', () => {
		const events = feed([created, ...byProcess[1], byProcess[2][0], ...byProcess[0]]);
		const waiting = events.find((event) => event.type === 'sync:waiting');
		expect(names(payloadOf<{state: SyncState}>(waiting).state.waiters)).toEqual([
			'app.py · Process-3',
		]);
		expect(lastState(events)).toMatchObject({
			permits: 1,
			initial: 2,
			waiters: [{name: 'app.py · Process-3'}],
		});
		const done = feed([created, ...byProcess[1], ...byProcess[2], ...byProcess[0]]);
		expect(holders(lastState(done))).toEqual(['app.py · Process-2×1', 'app.py · Process-3×1']);
		expect(lastState(done)).toMatchObject({permits: 0, waiters: []});
	});

	test('whatever order the processes’ connections deliver in, the state at the end is the same', () => {
		// Each process's own events stay in order (one connection each); the three interleave.
		const orders = [
			[0, 1, 2],
			[2, 1, 0],
			[1, 2, 0],
			[2, 0, 1],
		];
		for (const order of orders) {
			const lines = order.flatMap((index) => byProcess[index] ?? []);
			const state = lastState(feed([created, ...lines]));
			expect(holders(state)).toEqual(['app.py · Process-2×1', 'app.py · Process-3×1']);
			expect(state).toMatchObject({permits: 0, waiters: []});
		}
	});
});

describe('an event', () => {
	const event = (
		type: string,
		by: typeof parent | undefined,
		state: Raw = {},
		extra: Raw = {},
	) => ({
		...sync(type, by, state, extra),
		id: 'E',
		name: 'Event-1',
		kind: 'event',
	});
	const created = event('sync:created', undefined, {set: false});

	test('set lets every waiter go; a waiter’s own word that it went through then changes nothing and is dropped', () => {
		const events = feed([
			created,
			event('sync:waiting', one),
			event('sync:waiting', two),
			event('event:set', parent, {set: true}),
			event('sync:acquired', one, {}, {waitedMs: 5}),
			event('sync:acquired', two, {}, {waitedMs: 5}),
		]);
		expect(events.map((each) => each.type)).toEqual([
			'sync:created',
			'sync:waiting',
			'sync:waiting',
			'event:set',
		]);
		expect(names(payloadOf<{state: SyncState}>(events[2]).state.waiters)).toEqual([
			'app.py · Process-1',
			'app.py · Process-2',
		]);
		expect(lastState(events)).toMatchObject({set: true, waiters: [], holders: []});
	});

	test('a wait told after the set that ended it leaves no one waiting', () => {
		const events = feed([
			created,
			event('event:set', parent, {set: true}),
			event('sync:waiting', one),
			event('sync:acquired', one, {}, {waitedMs: 5}),
		]);
		expect(lastState(events)).toMatchObject({set: true, waiters: []});
	});

	test('a waiter whose set came and was cleared before its wait was told is taken out by its own word', () => {
		const events = feed([
			created,
			event('event:set', parent, {set: true}),
			event('event:cleared', parent, {set: false}),
			event('sync:waiting', one),
			event('sync:acquired', one, {}, {waitedMs: 5}),
		]);
		expect(lastState(events)).toMatchObject({set: false, waiters: []});
	});
});

describe('a barrier of three', () => {
	const barrier = (
		type: string,
		by: typeof parent | undefined,
		state: Raw = {},
		extra: Raw = {},
	) => ({
		...sync(type, by, state, extra),
		id: 'B',
		name: 'Barrier-1',
		kind: 'barrier',
	});

	test('the last to come tells it passed: who passed, and how many times it filled, are counted here', () => {
		const events = feed([
			barrier('sync:created', undefined, {parties: 3, broken: false}),
			barrier('sync:waiting', one),
			barrier('sync:waiting', two),
			barrier('sync:waiting', three),
			barrier('barrier:passed', three, {parties: 3, broken: false}),
			barrier('sync:acquired', one, {}, {waitedMs: 3}),
		]);
		const passed = events.find((event) => event.type === 'barrier:passed');
		expect(names(payloadOf<{parties: {name: string}[]}>(passed).parties)).toEqual([
			'app.py · Process-1',
			'app.py · Process-2',
			'app.py · Process-3',
		]);
		expect(lastState(events)).toMatchObject({parties: 3, passed: 1, broken: false, waiters: []});
	});

	test('a broken barrier is told once, however many parties find it broken', () => {
		const events = feed([
			barrier('sync:created', undefined, {parties: 3, broken: false}),
			barrier('sync:waiting', one),
			barrier('sync:waiting', two),
			barrier('barrier:broken', one, {broken: true}, {reason: 'Process-1 waited 100 ms'}),
			barrier('barrier:broken', two, {broken: true}, {reason: 'broken'}),
		]);
		expect(events.filter((event) => event.type === 'barrier:broken')).toHaveLength(1);
		expect(lastState(events)).toMatchObject({broken: true, waiters: []});
	});
});

test('a condition has one holder, its lock’s, however its holders’ words interleave', () => {
	const condition = (type: string, by: typeof parent, extra: Raw = {}) => ({
		...sync(type, by, {}, extra),
		id: 'C',
		name: 'Condition-1',
		kind: 'condition',
	});
	const events = feed([
		{...sync('sync:created', undefined), id: 'C', name: 'Condition-1', kind: 'condition'},
		condition('sync:acquired', one, {waitedMs: 0}),
		// Process-1 waits: it lets the lock go; Process-2 takes it and notifies; the notified one
		// takes it back once Process-2 let it go — told before Process-1's release came in.
		condition('sync:acquired', two, {waitedMs: 0}),
		condition('sync:released', one),
		condition('sync:waiting', one),
		condition('condition:notified', two, {woken: 1}),
		condition('sync:released', two),
		condition('sync:acquired', one, {waitedMs: 20}),
	]);
	const notified = events.find((event) => event.type === 'condition:notified');
	expect(names(payloadOf<{state: SyncState}>(notified).state.waiters)).toEqual([
		'app.py · Process-1',
	]);
	expect(holders(lastState(events))).toEqual(['app.py · Process-1×1']);
	expect(lastState(events).waiters).toEqual([]);
});

test('a queue’s depth, counts and lines come from its puts and gets, whichever connection tells first', () => {
	const queue = (type: string, by: typeof parent | undefined, extra: Raw = {}) => ({
		type,
		id: 'Q',
		name: 'JoinableQueue-1',
		kind: 'joinable',
		state: type === 'queue:created' ? {maxsize: 0} : {},
		...(by ? {by} : {}),
		...extra,
	});
	const events = feed([
		queue('queue:created', undefined),
		queue('queue:waiting', two, {side: 'get'}),
		queue('queue:got', two, {count: 1}),
		queue('queue:put', one, {count: 1}),
		queue('queue:put', one, {count: 1}),
		queue('queue:waiting', parent, {side: 'join'}),
		queue('queue:task-done', two),
	]);
	const state = (index: number) => payloadOf<{state: QueueState}>(events[index]).state;
	expect(state(1)).toMatchObject({depth: 0, getters: [{name: 'app.py · Process-2'}]});
	// The get came in before the put it took: the depth is never below 0.
	expect(state(2)).toMatchObject({depth: 0, puts: 0, gets: 1, getters: []});
	expect(state(4)).toMatchObject({depth: 1, puts: 2, gets: 1, unfinished: 2});
	expect(state(5)).toMatchObject({joiners: [{name: 'app.py · MainProcess'}]});
	expect(state(6)).toMatchObject({unfinished: 1, joiners: [{name: 'app.py · MainProcess'}]});
	const end = feed([
		...[
			queue('queue:created', undefined),
			queue('queue:put', one, {count: 1}),
			queue('queue:waiting', parent, {side: 'join'}),
			queue('queue:got', two, {count: 1}),
			queue('queue:task-done', two),
		],
		// The joiner's own word comes after the last task_done let it go: nothing to change.
		queue('queue:joined', undefined),
	]);
	expect(end.map((event) => event.type).at(-1)).toBe('queue:task-done');
	expect(payloadOf<{state: QueueState}>(end.at(-1)).state).toMatchObject({
		depth: 0,
		unfinished: 0,
		joiners: [],
	});
});

test('a state told whole (the Node reporter) is taken as it is', () => {
	const whole = {
		holders: [{...one, count: 2}],
		waiters: [two],
		permits: 0,
		initial: 2,
	};
	const events = feed([
		sync('sync:created', undefined, {holders: [], waiters: [], permits: 2, initial: 2}),
		sync('sync:acquired', one, whole, {waitedMs: 0}),
	]);
	expect(lastState(events)).toEqual({
		holders: [{id: expect.any(Number), name: 'app.py · Process-1', pid: 101, count: 2}],
		waiters: [{id: expect.any(Number), name: 'app.py · Process-2', pid: 102}],
		permits: 0,
		initial: 2,
	});
});

test.each([
	['a holder without a count', {holders: [one]}],
	['a waiter without a pid', {waiters: [{id: 'p1', name: 'x'}]}],
	['permits below 0', {permits: -1}],
	['set not a boolean', {set: 'yes'}],
	['a state that is a list', []],
])('a sync event with %s is refused whole', (_, state) => {
	const program = new ReportedProgram('app.py');
	expect(decodeEvent(sync('sync:waiting', one, state as Raw), program)).toBeUndefined();
});

test.each([
	['an unknown kind', {...sync('sync:created', undefined), kind: 'mutex'}],
	[
		'a queue side of its own',
		{type: 'queue:waiting', id: 'Q', name: 'Q', kind: 'queue', state: {}, by: one, side: 'peek'},
	],
	['a queue without its state', {type: 'queue:created', id: 'Q', name: 'Q', kind: 'queue'}],
])('%s is refused', (_, line) => {
	expect(decodeEvent(line, new ReportedProgram('app.py'))).toBeUndefined();
});
