import {expect, test} from 'vitest';
import {SyncPanel} from '../../source/ui/components/SyncPanel.js';
import {renderTerminal} from '../helpers/render.js';
import {handWrittenSync} from '../helpers/sync-events.js';

// The panel is a pure view of the snapshot; the events are written by hand, as the broker would emit them.

const alice = {id: 1, name: 'alice', pid: 501};
const bob = {id: 2, name: 'bob', pid: 502};
const carol = {id: 3, name: 'carol', pid: 503};
const dave = {id: 4, name: 'dave', pid: 504};

/** A lock and one of each other waiting object, each with a holder or waiters. */
function everyKind() {
	const s = handWrittenSync();
	s.bus.emit('lock:created', {id: 10, name: 'db'});
	s.bus.emit('lock:acquired', {id: 10, name: 'db', by: alice, waitedMs: 0});
	s.bus.emit('lock:requested', {id: 10, name: 'db', by: bob});
	const tree = s.object(11, 'tree', 'rlock');
	tree.emit('sync:acquired', {by: alice, waitedMs: 0}, {holders: [{...alice, count: 2}]});
	tree.emit('sync:waiting', {by: carol}, {waiters: [carol]});
	const gate = s.object(12, 'gate', 'semaphore', {permits: 2, initial: 2});
	gate.emit(
		'sync:acquired',
		{by: bob, waitedMs: 0},
		{
			permits: 0,
			holders: [
				{...bob, count: 1},
				{...dave, count: 1},
			],
		},
	);
	gate.emit('sync:waiting', {by: carol}, {waiters: [carol, alice]});
	const start = s.object(13, 'start', 'event', {set: false});
	start.emit('sync:waiting', {by: carol}, {waiters: [carol, dave]});
	const ready = s.object(14, 'ready', 'condition');
	ready.emit('sync:waiting', {by: bob}, {waiters: [bob]});
	const meet = s.object(15, 'meet', 'barrier', {parties: 4, broken: false, passed: 1});
	meet.emit('sync:waiting', {by: alice}, {waiters: [alice, bob]});
	const done = s.object(16, 'done', 'event', {set: false});
	done.emit('event:set', {by: alice}, {set: true});
	s.at(1500);
	return s.snapshot();
}

test('at 120×40 the Sync panel shows locks, RLocks, semaphores, events, conditions and barriers, each with its waiters', async () => {
	const {shared, sync} = everyKind();
	const screen = renderTerminal(
		<SyncPanel locks={shared.locks} objects={sync.objects} now={1500} width={119} height={8} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('done'));
	const lines = frame.split('\n');
	expect(lines[0]).toBe('Sync');
	expect(lines[1]).toMatch(/^ {2}db +held by alice \(pid 501\) for 1\.5 s +waiters: bob$/);
	expect(lines[2]).toMatch(/^ {2}tree +rlock held by alice \(pid 501\), depth 2 +waiters: carol$/);
	expect(lines[3]).toMatch(
		/^ {2}gate +semaphore 0 of 2 left · held by bob, dave +waiters: carol, alice$/,
	);
	expect(lines[4]).toMatch(/^ {2}start +event clear +waiters: carol, dave$/);
	expect(lines[5]).toMatch(/^ {2}ready +condition · lock free +waiters: bob$/);
	expect(lines[6]).toMatch(/^ {2}meet +barrier 2 of 4 waiting · passed 1 +waiters: alice, bob$/);
	expect(lines[7]).toMatch(/^ {2}done +event set$/);
	screen.unmount();
});

test('at 80×24 a short Sync panel says how many it shows, and every line fits', async () => {
	const {shared, sync} = everyKind();
	const screen = renderTerminal(
		<SyncPanel locks={shared.locks} objects={sync.objects} now={1500} width={79} height={3} />,
		{columns: 80, rows: 24},
	);
	const frame = await screen.waitForFrame((text) => text.includes('gate'));
	const lines = frame.split('\n');
	expect(lines).toHaveLength(4);
	expect(lines[0]).toBe('Sync · 3 of 7 shown');
	expect(lines.slice(1).map((line) => line.trim().split(' ')[0])).toEqual(['db', 'tree', 'gate']);
	// The state column takes at most half the line, so the waiters keep their place
	expect(lines[3]).toMatch(/semaphore 0 of 2 left · held by bob, d… +waiters: carol, alice$/);
	for (const line of lines) expect([...line].length).toBeLessThanOrEqual(79);
	screen.unmount();
});

test('a broken barrier says why, and a semaphore whose holder died is marked abandoned', async () => {
	const s = handWrittenSync();
	const meet = s.object(1, 'meet', 'barrier', {parties: 3, broken: false, passed: 0});
	meet.emit('sync:waiting', {by: alice}, {waiters: [alice]});
	meet.emit(
		'barrier:broken',
		{by: carol, reason: 'carol exited: no party left to come'},
		{waiters: [], broken: true},
	);
	const gate = s.object(2, 'gate', 'bounded-semaphore', {permits: 0, initial: 1});
	gate.emit('sync:acquired', {by: dave, waitedMs: 0}, {holders: [{...dave, count: 1}]});
	gate.emit('sync:abandoned', {by: dave, count: 1}, {permits: 1, holders: []});
	const {shared, sync} = s.snapshot();
	const screen = renderTerminal(
		<SyncPanel locks={shared.locks} objects={sync.objects} now={0} width={119} height={4} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('gate'));
	expect(frame).toMatch(
		/meet +barrier 0 of 3 waiting · passed 0 +BROKEN +carol exited: no party left to come/,
	);
	expect(frame).toMatch(/gate +bounded semaphore 1 of 1 left +ABANDONED by dave/);
	screen.unmount();
});
