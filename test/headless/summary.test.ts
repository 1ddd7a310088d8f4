import {expect, test} from 'vitest';
import {EventBus} from '../../source/core/events/index.js';
import {fold, type Snapshot} from '../../source/core/snapshot/index.js';
import {toJsonLine} from '../../source/headless/json-line.js';
import {buildSummary} from '../../source/headless/summary.js';

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
