import {expect, test} from 'vitest';
import type {BusEvent, EventOf, EventType} from '../../source/core/events/index.js';
import {type CliRun, expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

// The presets of queues, pipes and the other waiting objects run headless through the built
// command; each is checked by its summary and by the events the broker emitted.

async function preset(name: string): Promise<CliRun> {
	const run = await runCli([name, '--json']);
	await expectNoneRunning(pidsIn(run.events));
	return run;
}

function ofType<K extends EventType>(run: CliRun, type: K): EventOf<K>[] {
	return run.events.filter((event: BusEvent) => event.type === type) as unknown as EventOf<K>[];
}

function exitcodes(run: CliRun): Record<string, number | null> {
	return Object.fromEntries(
		(run.summary?.processes ?? []).map(({name, exitcode}) => [name, exitcode]),
	);
}

test('producer-consumer: the queue fills to 5, producers wait to put, sentinels end the consumers, join returns', async () => {
	const run = await preset('producer-consumer');
	expect(run.summary?.ok, run.summary?.notes.join('\n')).toBe(true);
	expect(run.exitcode).toBe(0);
	expect(Object.values(exitcodes(run))).toEqual([0, 0, 0, 0, 0]);
	// 20 jobs and 3 sentinels went through; nothing is left, nothing unfinished, nobody waits
	expect(run.summary?.queues.jobs).toEqual({
		kind: 'joinable',
		depth: 0,
		maxsize: 5,
		puts: 23,
		gets: 23,
		putters: [],
		getters: [],
		unfinished: 0,
		joiners: [],
		closed: false,
	});
	const putWaits = ofType(run, 'queue:waiting').filter((event) => event.side === 'put');
	expect(putWaits.length).toBeGreaterThan(0);
	// The producers had to wait (and the parent too, perhaps, with its sentinels)
	expect(putWaits.some((event) => event.by.name.startsWith('producer-'))).toBe(true);
	expect(Math.max(...ofType(run, 'queue:put').map((event) => event.state.depth))).toBe(5);
	expect(ofType(run, 'queue:joined')).toHaveLength(1);
	expect(run.summary?.notes[0]).toMatch(/^20 of 20 jobs done/);
});

test('pipe: ping and pong trade numbers for 3 s, every answer right, round trips per second in the notes', async () => {
	const run = await preset('pipe');
	expect(run.summary?.ok, run.summary?.notes.join('\n')).toBe(true);
	expect(exitcodes(run)).toEqual({ping: 0, pong: 0});
	const table = run.summary?.pipes.table;
	// ping sent one more than pong: the sentinel
	expect(table?.sent.a).toBe((table?.sent.b ?? 0) + 1);
	expect(table?.inFlight).toEqual({a: 0, b: 0});
	expect(run.summary?.notes[0]).toMatch(
		/^\d+ round trips in \d+\.\d\d s: [\d.]+ k round trips\/s \(Python's Pipe: 19–27 k\/s\)$/,
	);
	expect(ofType(run, 'pipe:waiting').length).toBeGreaterThan(0);
});

test('barrier: four parties arrive one by one and pass together, each with its own index', async () => {
	const run = await preset('barrier');
	expect(run.summary?.ok, run.summary?.notes.join('\n')).toBe(true);
	expect(run.summary?.sync.meet).toMatchObject({
		kind: 'barrier',
		parties: 4,
		passed: 1,
		broken: false,
	});
	// The line grew one at a time before it filled
	const waiting = ofType(run, 'sync:waiting').map((event) => event.state.waiters.length);
	expect(waiting).toEqual([1, 2, 3]);
	const [passed] = ofType(run, 'barrier:passed');
	expect(passed?.parties.map((party) => party.name).sort()).toEqual([
		'party-1',
		'party-2',
		'party-3',
		'party-4',
	]);
	expect(run.summary?.notes[1]).toMatch(
		/^indices [0-3], [0-3], [0-3], [0-3] \(each distinct\); [\d.]+ s in all \(Python: 2.16 s fork, 2.32 s spawn\)$/,
	);
});

test('semaphore: never more than two hold it, the others wait in line, all six get in', async () => {
	const run = await preset('semaphore');
	expect(run.summary?.ok, run.summary?.notes.join('\n')).toBe(true);
	expect(Object.values(exitcodes(run))).toEqual([0, 0, 0, 0, 0, 0]);
	const holding = run.events
		.filter((event) => event.type.startsWith('sync:'))
		.map((event) =>
			'state' in event && 'holders' in event.state ? event.state.holders.length : 0,
		);
	expect(Math.max(...holding)).toBe(2);
	expect(ofType(run, 'sync:acquired')).toHaveLength(6);
	expect(ofType(run, 'sync:waiting').length).toBeGreaterThan(0);
	expect(run.summary?.sync.slots).toMatchObject({permits: 2, initial: 2, holders: [], waiters: []});
});

test('event: four runners wait on the start gun, the parent sets it, all go', async () => {
	const run = await preset('event');
	expect(run.summary?.ok, run.summary?.notes.join('\n')).toBe(true);
	const waiting = ofType(run, 'sync:waiting');
	expect(waiting.map((event) => event.state.waiters.length)).toEqual([1, 2, 3, 4]);
	const [set] = ofType(run, 'event:set');
	expect(set?.state).toMatchObject({set: true, waiters: []});
	// Every runner went after the gun: its exit came after the set
	const exits = ofType(run, 'process:exited');
	expect(exits).toHaveLength(4);
	for (const exit of exits) expect(exit.seq).toBeGreaterThan(set?.seq ?? Number.POSITIVE_INFINITY);
	expect(run.summary?.sync['start-gun']).toMatchObject({kind: 'event', set: true, waiters: []});
});
