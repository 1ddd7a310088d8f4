import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import type {BusEvent} from '../../source/core/events/index.js';
import {fold, SnapshotStore} from '../../source/core/snapshot/index.js';
import {Replay} from '../../source/recording/player.js';
import {parseRecording, readRecording} from '../../source/recording/read-recording.js';
import {RecordingError} from '../../source/recording/recorder.js';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

const directory = mkdtempSync(path.join(tmpdir(), 'procdash-recording-'));

test('--record writes every event (mode 0600); replay --json plays them back to the same snapshot and summary', async () => {
	// Given a recorded headless run
	const file = path.join(directory, 'exit-codes.ndjson');
	writeFileSync(file, 'an older recording, to be replaced\n', {mode: 0o644});
	const live = await runCli(['exit-codes', '--json', '--record', file]);
	expect(live.exitcode).toBe(0);
	await expectNoneRunning(pidsIn(live.events));
	expect(statSync(file).mode & 0o777).toBe(0o600);
	const recorded = readRecording(file);
	expect(recorded).toEqual(live.events);

	// When it is replayed headless, four times faster
	const replayed = await runCli(['replay', file, '--json', '--speed', '4']);

	// Then the same events come out, to the same final snapshot and the same summary
	expect(replayed.exitcode).toBe(0);
	expect(replayed.events).toEqual(recorded);
	expect(fold(replayed.events)).toEqual(fold(recorded));
	expect(replayed.summary).toEqual(live.summary);
});

test('a replay reaches the recorded final snapshot, in the recorded time divided by speed', async () => {
	const file = path.join(directory, 'parallel.ndjson');
	const live = await runCli(['parallel', '--json', '--record', file]);
	await expectNoneRunning(pidsIn(live.events));
	const recorded = readRecording(file);
	const durationMs = recorded.at(-1)?.at ?? 0;
	expect(durationMs).toBeGreaterThan(1000);

	const replay = new Replay(recorded, {speed: 4});
	const store = new SnapshotStore(replay.bus);
	const started = performance.now();
	await replay.play();
	const elapsed = performance.now() - started;

	expect(store.getSnapshot()).toEqual(fold(recorded));
	expect(replay.bus.history()).toEqual(recorded);
	expect(elapsed).toBeGreaterThanOrEqual(durationMs / 4 - 5);
	expect(elapsed).toBeLessThan(durationMs / 4 + 1000);
	// After the last event the replay's clock stays at the recording's end.
	expect(replay.bus.elapsed()).toBe(durationMs);
	store.close();
});

test('a replay stops early when its signal aborts', async () => {
	const events = [
		{type: 'scenario:started', seq: 1, at: 0, name: 'x', description: 'd', about: 'a'},
		{
			type: 'scenario:finished',
			seq: 2,
			at: 60_000,
			name: 'x',
			ok: true,
			notes: [],
			elapsedMs: 60_000,
		},
	] as BusEvent[];
	const replay = new Replay(events);
	const abort = new AbortController();
	const playing = replay.play(abort.signal);
	abort.abort();
	await playing;
	expect(replay.bus.history().map((event) => event.type)).toEqual(['scenario:started']);
	// Its clock stays where the replay was, not at the recording's end a minute later.
	expect(replay.bus.elapsed()).toBeLessThan(60_000);
});

test.each([
	[
		'{"type":"process:created","seq":1,"at":0}\nnot json\n',
		'events.ndjson:2: not JSON (Unexpected token \'o\', "not json" is not valid JSON)',
	],
	[
		'{"seq":1,"at":0}\n',
		'events.ndjson:1: not a procdash event (expected an object with a string "type", an integer "seq" and a number "at")',
	],
	[
		'[1,2]\n',
		'events.ndjson:1: not a procdash event (expected an object with a string "type", an integer "seq" and a number "at")',
	],
	[
		'{"type":"a","seq":2,"at":0}\n{"type":"b","seq":2,"at":1}\n',
		'events.ndjson:2: events out of order (seq 2 after 2)',
	],
	['\n\n', 'events.ndjson: no events in this recording'],
])('a recording that is not one is refused before anything plays: %j', (text, message) => {
	expect(() => parseRecording(text, 'events.ndjson')).toThrow(RecordingError);
	expect(() => parseRecording(text, 'events.ndjson')).toThrow(message);
});

test('the recording file holds exactly what --json printed, line for line', async () => {
	const file = path.join(directory, 'fork.ndjson');
	const live = await runCli(['fork', '--json', '--record', file]);
	await expectNoneRunning(pidsIn(live.events));
	const lines = live.stdout.trimEnd().split('\n');
	expect(readFileSync(file, 'utf8')).toBe(`${lines.slice(0, -1).join('\n')}\n`);
});

test('a run of queues and barriers records and replays to the same Queues and Sync state and summary', async () => {
	// Given a recorded producer-consumer run, and a barrier's
	for (const name of ['producer-consumer', 'barrier']) {
		const file = path.join(directory, `${name}.ndjson`);
		const live = await runCli([name, '--json', '--record', file]);
		expect(live.exitcode).toBe(0);
		await expectNoneRunning(pidsIn(live.events));
		const recorded = readRecording(file);
		expect(
			recorded.some((event) => event.type === 'queue:put' || event.type === 'barrier:passed'),
		).toBe(true);

		// When it is replayed headless, fast
		const replayed = await runCli(['replay', file, '--json', '--speed', '8']);

		// Then the same sync state and the same summary come out
		expect(replayed.events).toEqual(recorded);
		expect(fold(replayed.events).sync).toEqual(fold(recorded).sync);
		expect(replayed.summary).toEqual(live.summary);
	}
});
