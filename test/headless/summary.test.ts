import {expect, test} from 'vitest';
import {EventBus} from '../../source/core/events.js';
import {fold, type Snapshot} from '../../source/core/snapshot.js';
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

test('values, locks and pools come from their snapshot fields once those exist', () => {
	const snapshot = {
		...snapshotOf(() => {}),
		values: [{name: 'counter', value: 40_000}],
		locks: [{name: 'lock', holder: null, waiters: []}],
		pools: [{name: 'Pool-1', done: 10, failed: 1}],
	};
	expect(buildSummary(snapshot)).toMatchObject({
		values: {counter: 40_000},
		locks: {lock: {holder: null, waiters: []}},
		pools: {'Pool-1': {done: 10, failed: 1}},
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
