import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {type BusEvent, EventBus} from '../../../source/index.js';
import {expectNoneRunning, pidsIn, runCli} from '../../helpers/cli.js';

const created = (id: number) => ({
	id,
	name: `Process-${id}`,
	kind: 'command' as const,
	daemon: false,
	target: 'true',
});

test('an event a listener emits reaches every listener after the one being delivered', () => {
	// Given a first listener that answers process 1's creation with process 2's
	const bus = new EventBus();
	bus.subscribe((event) => {
		if (event.type === 'process:created' && event.id === 1) bus.emit('process:created', created(2));
	});
	const heard: number[][] = [[], []];
	bus.subscribe((event) => heard[0]?.push(event.seq));
	bus.subscribe((event) => heard[1]?.push(event.seq));

	// When process 1 is created
	bus.emit('process:created', created(1));

	// Then every listener heard 1 before 2, and the history agrees
	expect(heard).toEqual([
		[1, 2],
		[1, 2],
	]);
	expect(bus.history().map((event) => event.seq)).toEqual([1, 2]);
});

test('a listener that throws leaves the events after it to be delivered, in order', () => {
	const bus = new EventBus();
	let thrown = false;
	bus.subscribe((event) => {
		if (event.seq === 1) {
			bus.emit('process:created', created(2));
			thrown = true;
			throw new Error('a listener failed');
		}
	});
	const heard: number[] = [];
	bus.subscribe((event) => heard.push(event.seq));
	expect(() => bus.emit('process:created', created(1))).toThrow('a listener failed');
	expect(thrown).toBe(true);
	bus.emit('process:created', created(3));
	expect(heard).toEqual([2, 3]);
});

const seqs = (events: readonly BusEvent[]) => events.map((event) => event.seq);
const ascending = (values: readonly number[]) =>
	values.every((value, index) => value === index + 1);

test('deadlock --record: --json prints seq 1, 2, 3 …, and the recording replays', async () => {
	// Given the deadlock preset, whose victim dies waiting for a lock (lock events follow its exit)
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'procdash-order-')), 'deadlock.ndjson');
	const live = await runCli(['deadlock', '--json', '--record', file], {timeoutMs: 60_000});
	expect(live.exitcode).toBe(0);
	await expectNoneRunning(pidsIn(live.events));

	// Then its events came out in seq order, with no gap
	expect(ascending(seqs(live.events))).toBe(true);
	const exited = live.events.findIndex(
		(event) => event.type === 'process:exited' && event.exitcode !== 0,
	);
	const waiterExited = live.events.findIndex((event) => event.type === 'lock:waiter-exited');
	expect(waiterExited).toBeGreaterThan(exited);

	// And the recording replays to the same events
	const replayed = await runCli(['replay', file, '--json', '--speed', '8']);
	expect(replayed.stderr).toBe('');
	expect(replayed.exitcode).toBe(0);
	expect(seqs(replayed.events)).toEqual(seqs(live.events));
}, 90_000);
