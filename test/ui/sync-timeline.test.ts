import {expect, test} from 'vitest';
import {describeSyncEvent} from '../../source/ui/sync-timeline.js';
import {handWrittenSync} from '../helpers/sync-events.js';

const alice = {id: 1, name: 'alice', pid: 501};
const bob = {id: 2, name: 'bob', pid: 502};

test('the event pane tells the rare turns of the waiting objects, not every put, get or take', () => {
	const s = handWrittenSync();
	const jobs = s.queue(1, 'jobs', 'joinable', 1);
	jobs.emit('queue:put', {by: alice, count: 1}, {depth: 1, puts: 1, unfinished: 1});
	jobs.emit('queue:waiting', {by: alice, side: 'put'}, {putters: [alice]});
	jobs.emit('queue:gave-up', {by: alice, side: 'put', reason: 'exited'}, {putters: []});
	jobs.emit('queue:got', {by: bob, count: 1}, {depth: 0, gets: 1});
	jobs.emit('queue:task-done', {by: bob}, {unfinished: 0});
	jobs.emit('queue:joined', {}, {});
	const gate = s.object(2, 'gate', 'semaphore', {permits: 1, initial: 1});
	gate.emit(
		'sync:acquired',
		{by: alice, waitedMs: 0},
		{permits: 0, holders: [{...alice, count: 1}]},
	);
	gate.emit('sync:abandoned', {by: alice, count: 1}, {permits: 1, holders: []});
	const meet = s.object(3, 'meet', 'barrier', {parties: 2});
	meet.emit('barrier:passed', {by: bob, parties: [alice, bob]}, {passed: 1});
	const start = s.object(4, 'start', 'event', {set: false});
	start.emit('event:set', {by: bob}, {set: true});

	const lines = s.bus.history().flatMap((event) => describeSyncEvent(event) ?? []);

	expect(lines).toEqual([
		{text: 'alice gave up putting on jobs: it exited', tone: 'bad'},
		{text: 'jobs joined: every item put was marked done', tone: 'good'},
		{text: 'gate abandoned: alice (pid 501) died holding it; released', tone: 'bad'},
		{text: 'meet passed: alice, bob leave together', tone: 'good'},
		{text: 'bob set start', tone: 'normal'},
	]);
});
