import {expect, test} from 'vitest';
import {EventBus, fold} from '../../../source/index.js';

test('the snapshot names the groups holding up a stop, as the orchestrator reports them', () => {
	const bus = new EventBus({now: () => 0});
	const sh = {id: 1, name: 'sh', pid: 101};
	const worker = {id: 2, name: 'worker', pid: 102};

	bus.emit('orchestrator:stopping', {graceMs: 5000, deadline: 5000, holding: [sh, worker]});
	expect(fold(bus.history()).stopping).toEqual({
		graceMs: 5000,
		deadline: 5000,
		holding: [sh, worker],
	});

	bus.emit('orchestrator:waiting', {holding: [sh]});
	expect(fold(bus.history()).stopping?.holding).toEqual([sh]);

	bus.emit('orchestrator:stopped', {survivors: []});
	const stopped = fold(bus.history());
	expect(stopped.stopping).toBeUndefined();
	expect(stopped.stopped).toEqual({survivors: []});
});

test('a recording made before stops named their groups replays with none named', () => {
	const bus = new EventBus({now: () => 0});
	const older = {graceMs: 5000, deadline: 5000} as {graceMs: number; deadline: number; holding: []};
	bus.emit('orchestrator:stopping', older);
	expect(fold(bus.history()).stopping?.holding).toEqual([]);
});

test('a waiting event outside a stop changes nothing', () => {
	const bus = new EventBus({now: () => 0});
	bus.emit('orchestrator:waiting', {holding: []});
	expect(fold(bus.history()).stopping).toBeUndefined();
});
