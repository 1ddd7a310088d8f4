import {expect, test} from 'vitest';
import {EventBus, fold} from '../../source/index.js';
import {SharedPanel} from '../../source/ui/components/SharedPanel.js';
import {SyncPanel} from '../../source/ui/components/SyncPanel.js';
import {renderTerminal} from '../helpers/render.js';

// The panels are pure views of the snapshot; the events are written by hand, as the broker would emit them.
function snapshotOf(emit: (bus: EventBus) => void) {
	let clock = 0;
	const bus = new EventBus({now: () => clock});
	emit(
		Object.assign(bus, {
			tick: (ms: number) => {
				clock += ms;
			},
		}),
	);
	return fold(bus.history());
}

const alice = {id: 1, name: 'alice', pid: 501};
const bob = {id: 2, name: 'bob', pid: 502};
const carol = {id: 3, name: 'carol', pid: 503};

test('the Sync panel shows a lock’s holder, how long it held, and the waiters in order', async () => {
	const snapshot = snapshotOf((bus) => {
		bus.emit('lock:created', {id: 10, name: 'db'});
		bus.emit('lock:acquired', {id: 10, name: 'db', by: alice, waitedMs: 0});
		bus.emit('lock:requested', {id: 10, name: 'db', by: bob});
		bus.emit('lock:requested', {id: 10, name: 'db', by: carol});
	});
	const screen = renderTerminal(
		<SyncPanel locks={snapshot.shared.locks} objects={[]} now={2500} width={119} height={5} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('db'));
	expect(frame).toMatch(/db\s+held by alice \(pid 501\) for 2\.5 s\s+waiters: bob, carol/);
	screen.unmount();
});

test('a dead holder shows as abandoned, and the next holder takes over from the first waiter', async () => {
	const snapshot = snapshotOf((bus) => {
		bus.emit('lock:created', {id: 10, name: 'db'});
		bus.emit('lock:acquired', {id: 10, name: 'db', by: alice, waitedMs: 0});
		bus.emit('lock:requested', {id: 10, name: 'db', by: bob});
		bus.emit('lock:requested', {id: 10, name: 'db', by: carol});
		bus.emit('lock:abandoned', {id: 10, name: 'db', holder: alice, heldMs: 900});
		bus.emit('lock:acquired', {
			id: 10,
			name: 'db',
			by: bob,
			waitedMs: 900,
			abandonedBy: {name: 'alice', pid: 501},
		});
	});
	const screen = renderTerminal(
		<SyncPanel locks={snapshot.shared.locks} objects={[]} now={1000} width={119} height={5} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('db'));
	expect(frame).toMatch(/held by bob \(pid 502\).*ABANDONED by alice.*waiters: carol/);
	screen.unmount();
});

test('a deadlock marks both locks and spells out the cycle, until one of them changes', async () => {
	const cycle = [
		{process: 'alice', pid: 501, waitsFor: 'B', lockId: 11, heldBy: 'bob'},
		{process: 'bob', pid: 502, waitsFor: 'A', lockId: 10, heldBy: 'alice'},
	];
	const deadlocked = snapshotOf((bus) => {
		bus.emit('lock:created', {id: 10, name: 'A'});
		bus.emit('lock:created', {id: 11, name: 'B'});
		bus.emit('lock:acquired', {id: 10, name: 'A', by: alice, waitedMs: 0});
		bus.emit('lock:acquired', {id: 11, name: 'B', by: bob, waitedMs: 0});
		bus.emit('lock:requested', {id: 11, name: 'B', by: alice});
		bus.emit('lock:requested', {id: 10, name: 'A', by: bob});
		bus.emit('lock:deadlock', {cycle});
	});
	const screen = renderTerminal(
		<SyncPanel locks={deadlocked.shared.locks} objects={[]} now={0} width={119} height={5} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('deadlock:'));
	expect(frame.match(/DEADLOCK/g)).toHaveLength(2);
	expect(frame).toContain(
		'deadlock: alice waits for B held by bob → bob waits for A held by alice',
	);
	screen.unmount();

	// When bob dies, his lock is abandoned and the cycle is gone
	const resolved = snapshotOf((bus) => {
		bus.emit('lock:created', {id: 10, name: 'A'});
		bus.emit('lock:created', {id: 11, name: 'B'});
		bus.emit('lock:acquired', {id: 10, name: 'A', by: alice, waitedMs: 0});
		bus.emit('lock:acquired', {id: 11, name: 'B', by: bob, waitedMs: 0});
		bus.emit('lock:requested', {id: 11, name: 'B', by: alice});
		bus.emit('lock:requested', {id: 10, name: 'A', by: bob});
		bus.emit('lock:deadlock', {cycle});
		bus.emit('lock:waiter-exited', {id: 10, name: 'A', by: bob, waitedMs: 50});
		bus.emit('lock:abandoned', {id: 11, name: 'B', holder: bob, heldMs: 100});
		bus.emit('lock:acquired', {
			id: 11,
			name: 'B',
			by: alice,
			waitedMs: 60,
			abandonedBy: {name: 'bob', pid: 502},
		});
	});
	expect(resolved.shared.locks.every((lock) => lock.deadlock === undefined)).toBe(true);
	expect(resolved.shared.locks.find((lock) => lock.name === 'A')?.waiters).toEqual([]);
});

test('the Shared panel shows each value, a sparkline of its history, and arrays compact', async () => {
	const snapshot = snapshotOf((bus) => {
		const tick = (bus as EventBus & {tick: (ms: number) => void}).tick;
		bus.emit('value:created', {id: 1, name: 'counter', typecode: 'i', value: 0});
		for (let value = 1; value <= 8; value++) {
			tick(150);
			bus.emit('value:changed', {id: 1, name: 'counter', value, by: {id: 2, name: 'bob'}});
		}
		bus.emit('array:created', {id: 2, name: 'squares', typecode: 'i', values: [0, 0, 0]});
		bus.emit('array:changed', {
			id: 2,
			name: 'squares',
			index: 2,
			value: 4,
			by: {id: 1, name: 'alice'},
		});
	});
	const screen = renderTerminal(<SharedPanel shared={snapshot.shared} width={119} height={4} />);
	const frame = await screen.waitForFrame((text) => text.includes('counter'));
	expect(frame).toMatch(/counter\s+i\s+8 ▁▂▃▄▅▅▆▇█\s+by bob/);
	expect(frame).toMatch(/squares\[3\]\s+i\s+\[0, 0, 4\]/);
	screen.unmount();
});

test('with nothing shared, each panel collapses to one line', async () => {
	const empty = fold([]);
	const shared = renderTerminal(<SharedPanel shared={empty.shared} width={119} height={4} />);
	expect(await shared.waitForFrame((text) => text.includes('Shared'))).toBe('Shared none');
	shared.unmount();
	const locks = renderTerminal(
		<SyncPanel locks={empty.shared.locks} objects={[]} now={0} width={119} height={4} />,
	);
	expect(await locks.waitForFrame((text) => text.includes('Sync'))).toBe('Sync none');
	locks.unmount();
});

test("the Shared panel shows a Manager's dicts, lists and namespaces with their size and last change", async () => {
	const snapshot = snapshotOf((bus) => {
		bus.emit('managed:created', {id: 1, name: 'scores', kind: 'dict', size: 0});
		bus.emit('managed:changed', {
			id: 1,
			name: 'scores',
			kind: 'dict',
			size: 3,
			by: alice,
			op: 'update',
		});
		bus.emit('managed:created', {id: 2, name: 'log', kind: 'list', size: 1});
	});
	const screen = renderTerminal(
		<SharedPanel shared={snapshot.shared} managed={snapshot.sync.managed} width={119} height={4} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('scores'));
	expect(frame).toMatch(/^ {2}scores +dict 3 entries · update by alice$/m);
	expect(frame).toMatch(/^ {2}log +list 1 item$/m);
	screen.unmount();
});
