// The report channel's receiver against the protocol alone (docs/watch-your-program.md#the-report-channel):
// a client written by hand (test/fixtures/report-client.ts) sends NDJSON as any reporter would,
// Python's included, and procdash --json shows what it folded in and what it dropped.
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import type {BusEvent, EventOf} from '../../source/core/events/index.js';
import {type CliRun, expectNoneRunning, pidsIn, startCli} from '../helpers/cli.js';
import {expectGoneWithin} from '../helpers/endings.js';
import {cliPath, terminalPerTest, waitUntil} from '../helpers/tmux.js';

const client = fileURLToPath(new URL('../fixtures/report-client.js', import.meta.url));

/** Runs the client under `procdash run --json`, waits for `until`, then stops procdash with SIGTERM. */
async function underProcdash(
	args: readonly string[],
	until: (line: string) => boolean,
	extra: readonly string[] = [],
): Promise<CliRun> {
	const running = startCli(['run', '--json', ...extra, '--', 'node', client, ...args]);
	const socketLine = await running.waitForLine((text) => text.includes('"line":"socket '));
	// Only this user may enter the channel's directory.
	const directory = path.dirname(/"line":"socket ([^"]+)"/.exec(socketLine)?.[1] ?? '');
	expect(statSync(directory).mode & 0o777).toBe(0o700);
	await running.waitForLine(until, 20_000);
	running.child.kill('SIGTERM');
	const run = await running.finished;
	await expectNoneRunning(pidsIn(run.events));
	// The channel's directory is gone with procdash.
	const socket = /"line":"socket ([^"]+)"/.exec(run.stdout)?.[1];
	expect(socket).toBeDefined();
	expect(existsSync(path.dirname(socket as string))).toBe(false);
	return run;
}

function ofType<K extends BusEvent['type']>(run: CliRun, type: K): EventOf<K>[] {
	return run.events.filter((event) => event.type === type) as unknown as EventOf<K>[];
}

const openTerminal = terminalPerTest();
const line = (event: object) => JSON.stringify(event);
const sent = (text: string) => text.includes('"line":"sent"');

test('events sent by hand are folded in with local ids and the program name; bigints arrive as bigints', async () => {
	const lines = [
		line({
			type: 'value:created',
			id: 7,
			name: 'Big',
			typecode: 'q',
			value: {bigint: '9007199254740993'},
		}),
		line({
			type: 'value:changed',
			id: 7,
			name: 'Big',
			value: {bigint: '-5'},
			by: {id: 'main', name: 'MainProcess'},
		}),
		line({
			type: 'pool:created',
			poolId: 'pool-a',
			pool: 'Pool-1',
			processes: 4,
			maxTasksPerChild: null,
		}),
		line({type: 'pool:task-queued', poolId: 'pool-a', pool: 'Pool-1', tasks: 16, count: 16}),
		line({type: 'lock:created', id: 'L1', name: 'Lock-1'}),
	];
	const run = await underProcdash(['lines', JSON.stringify(lines)], sent);

	const [connected] = ofType(run, 'report:connected');
	expect(connected).toMatchObject({program: 'client.js', language: 'node', rootName: 'node'});
	const [created] = ofType(run, 'value:created');
	expect(created).toMatchObject({name: 'client.js · Big', typecode: 'q'});
	// --json writes a bigint as "…n": it was a bigint on the bus, not a number that lost digits.
	expect(run.stdout).toContain('"value":"9007199254740993n"');
	expect(run.stdout).toContain('"value":"-5n"');
	const [changed] = ofType(run, 'value:changed');
	expect(changed?.id).toBe(created?.id);
	expect(changed?.by.name).toBe('client.js · MainProcess');
	const [pool] = ofType(run, 'pool:created');
	expect(pool).toMatchObject({pool: 'client.js · Pool-1', processes: 4, maxTasksPerChild: null});
	expect(typeof pool?.poolId).toBe('number');
	expect(ofType(run, 'pool:task-queued')[0]?.poolId).toBe(pool?.poolId);
	expect(ofType(run, 'lock:created')[0]?.name).toBe('client.js · Lock-1');
	// And the summary ends the stream: nothing the client sent broke it.
	expect(run.summary).toBeDefined();
});

test('malformed lines, unknown types and wrong shapes are counted and dropped; the good ones around them still count', async () => {
	const lines = [
		'this is not json',
		line({type: 'process:output', id: 1, name: 'x', stream: 'stdout', line: 'forged'}),
		line({type: 'no:such-type'}),
		line({type: 'lock:created', id: {nested: true}, name: 'BadId'}),
		line({type: 'value:created', id: 'v', name: 'BadValue', typecode: 'i', value: 'ten'}),
		line({type: 'lock:acquired', id: 'L', name: 'BadActor', by: {id: 1, name: 'p'}, waitedMs: 1}),
		'[1,2,3]',
		line({type: 'lock:created', id: 'ok', name: 'Good\u001b[31mName'}),
	];
	const run = await underProcdash(['lines', JSON.stringify(lines)], (text) =>
		text.includes('"malformed":7'),
	);
	const locks = ofType(run, 'lock:created');
	expect(locks.map((lock) => lock.name)).toEqual(['client.js · Good?[31mName']);
	const output = ofType(run, 'process:output').map((event) => event.line);
	expect(output).not.toContain('forged');
	expect(ofType(run, 'value:created')).toEqual([]);
	const dropped = ofType(run, 'report:dropped').at(-1);
	expect(dropped).toMatchObject({program: 'client.js', malformed: 7, flooded: 0});
});

test('a line longer than 65,536 bytes is dropped as malformed, and the next line is read', async () => {
	const run = await underProcdash(['oversized'], (text) =>
		text.includes('"name":"client.js · After"'),
	);
	expect(ofType(run, 'lock:created').map((lock) => lock.name)).toEqual(['client.js · After']);
	expect(ofType(run, 'report:dropped').at(-1)).toMatchObject({malformed: 1});
});

test('a hello whose pid is not the command or one of its descendants is refused: the connection is closed, nothing folded in', async () => {
	const run = await underProcdash(['stranger'], (text) => text.includes('closed by procdash'));
	expect(ofType(run, 'report:connected')).toEqual([]);
	expect(ofType(run, 'lock:created')).toEqual([]);
});

test('two connections of one program share its ids: a lock made in the parent and waited for in its child is one lock', async () => {
	const parent = [
		line({type: 'lock:created', id: 'L1', name: 'Lock-1'}),
		line({
			type: 'lock:acquired',
			id: 'L1',
			name: 'Lock-1',
			by: {id: 'p0', name: 'MainProcess', pid: 1},
			waitedMs: 0,
		}),
	];
	const child = [
		line({
			type: 'lock:requested',
			id: 'L1',
			name: 'Lock-1',
			by: {id: 'p1', name: 'Process-1', pid: 2},
		}),
	];
	const run = await underProcdash(
		['child', JSON.stringify(parent), JSON.stringify(child)],
		(text) => text.includes('"type":"lock:requested"'),
	);
	const connected = ofType(run, 'report:connected');
	expect(connected).toHaveLength(2);
	expect(new Set(connected.map((event) => event.pid)).size).toBe(2);
	const [created] = ofType(run, 'lock:created');
	const [requested] = ofType(run, 'lock:requested');
	expect(requested?.id).toBe(created?.id);
	expect(ofType(run, 'lock:acquired')[0]?.id).toBe(created?.id);
	// The summary's lock row has the holder from one connection and the waiter from the other.
	expect(run.summary).toBeDefined();
});

test('a flood is bounded: past the rate, events are dropped and counted, and procdash still stops on request', async () => {
	const count = 200_000;
	const run = await underProcdash(['flood', String(count)], (text) =>
		/"type":"report:dropped".*"flooded":[1-9]/.test(text),
	);
	const folded = ofType(run, 'value:changed').length;
	const dropped = ofType(run, 'report:dropped').at(-1);
	expect(dropped?.flooded).toBeGreaterThan(0);
	expect(folded).toBeLessThan(count);
	expect(run.summary).toBeDefined();
});

test('--no-instrument: the command gets no PROCDASH_REPORT', async () => {
	const running = startCli([
		'run',
		'--json',
		'--no-instrument',
		'--',
		'node',
		client,
		'lines',
		'[]',
	]);
	const run = await running.finished;
	expect(run.stdout).toContain('"line":"no PROCDASH_REPORT"');
	expect(run.exitcode).toBe(0);
});

test('in a real terminal: under a flood the dashboard still answers a key, and q still ends it all', async () => {
	// Given a reporter that sends two million events as fast as the socket takes them
	const terminal = openTerminal(
		['node', cliPath, 'run', '--', 'node', client, 'flood', '2000000'],
		{
			columns: 120,
			rows: 40,
		},
	);
	await terminal.waitForScreen((text) => /client\.js · Flood\s+i/.test(text), 20_000);

	// When ? is pressed mid-flood, the help opens; Escape closes it
	terminal.press('?');
	await terminal.waitForScreen((text) => text.includes('Keys'));
	terminal.press('Escape');
	await terminal.waitForScreen((text) => /client\.js · Flood\s+i/.test(text));

	// And q stops everything and procdash exits
	const procdash = terminal.pid;
	terminal.press('q');
	await terminal.waitForExit(30_000);
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash], 5000);
});

test('the channel a SIGKILLed procdash could not remove is removed by the next procdash run', async () => {
	// Given procdash killed by SIGKILL, which no handler sees: its channel stays behind
	const running = startCli(['run', '--json', '--', 'node', client, 'lines', '[]']);
	const socketLine = await running.waitForLine((text) => text.includes('"line":"socket '));
	const directory = path.dirname(/"line":"socket ([^"]+)"/.exec(socketLine)?.[1] ?? '');
	running.child.kill('SIGKILL');
	const killed = await running.finished;
	expect(existsSync(directory)).toBe(true);
	// (its watchdog takes the command down)
	await expectNoneRunning(pidsIn(killed.events));

	// When procdash runs again, it finds the socket nobody answers, and removes it
	const next = await startCli(['run', '--json', '--', 'true']).finished;
	expect(next.exitcode).toBe(0);
	await waitUntil(
		() => (existsSync(directory) ? undefined : true),
		5000,
		() => `${directory} is still there`,
	);
});
