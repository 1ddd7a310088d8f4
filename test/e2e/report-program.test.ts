// A program written with procdash (test/fixtures/report-program.ts: two processes add to a Value
// under a Lock and a Semaphore and tell a Queue, then a Pool maps) run under `procdash run`: its own pool, value and lock appear,
// named after it; run alone, it opens nothing and runs the same.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';
import type {BusEvent, EventOf} from '../../source/core/events/index.js';
import {emptySnapshot, reduce} from '../../source/core/snapshot/index.js';
import {type CliRun, expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';
import {expectGoneWithin} from '../helpers/endings.js';
import {forceBrokerPath} from '../helpers/shared.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// The broker's path, which the program under test inherits: only there is each acquisition of its
// Lock an event of its own (in shared memory the owner samples the lock); process-memory.test.ts
// covers processes sharing memory.
forceBrokerPath();

const program = fileURLToPath(new URL('../fixtures/report-program.js', import.meta.url));
const openTerminal = terminalPerTest();
const run = promisify(execFile);
const printed = 'counter 10 squares 1,4,9,16';

function ofType<K extends BusEvent['type']>(cli: CliRun, type: K): EventOf<K>[] {
	return cli.events.filter((event) => event.type === type) as unknown as EventOf<K>[];
}

function envWithout(name: string): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env[name];
	return env;
}

test('procdash run --json -- node program.js: its pool, value, lock, semaphore and queue are in the stream, named after it', async () => {
	const cli = await runCli(['run', '--json', '--', 'node', program]);
	expect(cli.exitcode).toBe(0);
	expect(ofType(cli, 'process:output').map((event) => event.line)).toContain(printed);

	const [pool] = ofType(cli, 'pool:created');
	expect(pool?.pool).toBe('report-program.js · Pool-1');
	const done = ofType(cli, 'pool:task-done').filter((event) => event.poolId === pool?.poolId);
	expect(done).toHaveLength(4);
	const [value] = ofType(cli, 'value:created');
	expect(value?.name).toBe('report-program.js · Counter');
	expect(ofType(cli, 'value:changed').at(-1)).toMatchObject({id: value?.id, value: 10});
	const [lock] = ofType(cli, 'lock:created');
	expect(lock?.name).toBe('report-program.js · Door');
	expect(ofType(cli, 'lock:acquired').filter((event) => event.id === lock?.id)).toHaveLength(10);
	// Its waiting objects, with their state as its broker had it.
	const [slots] = ofType(cli, 'sync:created');
	expect(slots).toMatchObject({name: 'report-program.js · Slots', kind: 'semaphore'});
	const taken = ofType(cli, 'sync:acquired').filter((event) => event.id === slots?.id);
	expect(taken.map((event) => event.by.name).sort()).toEqual([
		'report-program.js · Process-1',
		'report-program.js · Process-2',
	]);
	expect(taken[0]?.state).toMatchObject({permits: 0, initial: 1, holders: [{count: 1}]});
	const [queue] = ofType(cli, 'queue:created');
	expect(queue?.name).toBe('report-program.js · Done');
	const gets = ofType(cli, 'queue:got').filter((event) => event.id === queue?.id);
	expect(gets.at(-1)?.state).toMatchObject({puts: 2, gets: 2, depth: 0});
	// Its processes are rows of their own, attributed to the command's row, not procdash's to steer.
	const reported = ofType(cli, 'process:created').filter((event) => event.program !== undefined);
	expect(reported.map((event) => event.name)).toEqual([
		'report-program.js · Process-1',
		'report-program.js · Process-2',
		'report-program.js · PoolWorker-1',
		'report-program.js · PoolWorker-2',
	]);
	expect(cli.summary?.values).toEqual({'report-program.js · Counter': 10});
	// A reported process takes the place of the descendant row the sampler would show: never both.
	let snapshot = emptySnapshot;
	let sampledWhileRunning = 0;
	for (const event of cli.events) {
		snapshot = reduce(snapshot, event);
		if (event.type !== 'stats:sampled') continue;
		const running = snapshot.processes.filter(
			(row) => row.program !== undefined && row.state === 'running',
		);
		sampledWhileRunning += running.length;
		const descendantPids = new Set(snapshot.descendants.map((row) => row.pid));
		for (const row of running) expect(descendantPids.has(row.pid as number)).toBe(false);
	}
	expect(sampledWhileRunning).toBeGreaterThan(0);
	await expectNoneRunning(pidsIn(cli.events));
});

test('two programs at once stay apart: their own ids, their own names, each its own count', async () => {
	const cli = await runCli(['run', '--json', '--', 'node', program, '--', 'node', program]);
	expect(cli.exitcode).toBe(0);
	const values = ofType(cli, 'value:created');
	expect(values.map((value) => value.name).sort()).toEqual([
		'report-program.js · Counter',
		'report-program.js-2 · Counter',
	]);
	expect(new Set(values.map((value) => value.id)).size).toBe(2);
	for (const value of values) {
		const last = ofType(cli, 'value:changed')
			.filter((event) => event.id === value.id)
			.at(-1);
		expect(last?.value).toBe(10);
	}
	const connected = ofType(cli, 'report:connected');
	expect(new Set(connected.map((event) => event.rootId)).size).toBe(2);
	await expectNoneRunning(pidsIn(cli.events));
});

test('the program alone (no PROCDASH_REPORT) prints the same and exits 0; so it does when the channel fails or goes away', async () => {
	const alone = await run(process.execPath, [program], {env: envWithout('PROCDASH_REPORT')});
	expect(alone.stdout).toBe(`${printed}\n`);

	// A socket that does not exist: the connect fails, silently.
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-test-'));
	try {
		const missing = path.join(directory, 'missing.sock');
		const failed = await run(process.execPath, [program], {
			env: {...process.env, PROCDASH_REPORT: missing},
		});
		expect(failed.stdout).toBe(`${printed}\n`);
		expect(failed.stderr).toBe('');

		// A receiver that reads the hello and goes away, as procdash would if it ended first.
		const socketPath = path.join(directory, 'gone.sock');
		const hellos: string[] = [];
		const server = createServer((socket) => {
			socket.once('data', (chunk) => {
				hellos.push(chunk.toString('utf8').split('\n')[0] ?? '');
				socket.destroy();
				server.close();
			});
		});
		await new Promise<void>((resolve) => server.listen(socketPath, resolve));
		const abandoned = await run(process.execPath, [program], {
			env: {...process.env, PROCDASH_REPORT: socketPath},
		});
		expect(abandoned.stdout).toBe(`${printed}\n`);
		expect(abandoned.stderr).toBe('');
		expect(JSON.parse(hellos[0] ?? '{}')).toMatchObject({
			procdash: 1,
			program: 'report-program.js',
			language: 'node',
		});
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('in a real terminal: the panels show the program’s pool, value and lock under its name, and q ends it all', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'node', program, '--stay'], {
		columns: 140,
		rows: 45,
	});
	const screen = await terminal.waitForScreen(
		(text) =>
			text.includes('holding Door; channel /') &&
			text.includes('report-program.js · Pool-1') &&
			/report-program\.js · Counter\s+i\s+10\b/.test(text) &&
			text.includes('report-program.js · Door') &&
			/report-program\.js · Slots\s+semaphore 0 of 1 left · held by report-program\.js · MainProcess/.test(
				text,
			) &&
			/report-program\.js · Done\s+0\/∞/.test(text),
		20_000,
	);
	// The Sync panel names the holder: the program itself.
	expect(screen).toMatch(/report-program\.js · Door\s+held by report-program\.js · MainProcess/);
	const channel = /channel (\S+)/.exec(screen)?.[1];
	expect(channel).toMatch(/report\.sock$/);
	const procdash = terminal.pid;
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash], 5000);
	// The channel's directory went with procdash.
	expect(existsSync(path.dirname(channel as string))).toBe(false);
});

test('a scenario file’s process gets the channel too: its program reports in --json', async () => {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-test-'));
	try {
		const file = path.join(directory, 'procdash.yaml');
		writeFileSync(
			file,
			`processes:\n  app:\n    command: ${process.execPath}\n    args: [${JSON.stringify(program)}]\n`,
		);
		const cli = await runCli(['--json', '-c', file]);
		expect(cli.exitcode).toBe(0);
		expect(ofType(cli, 'report:connected')[0]).toMatchObject({rootName: 'app'});
		expect(ofType(cli, 'pool:created')[0]?.pool).toBe('report-program.js · Pool-1');
		await expectNoneRunning(pidsIn(cli.events));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('in a real terminal: a program started with the n key reports in too', async () => {
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'sleep', '60'], {
		columns: 140,
		rows: 45,
	});
	await terminal.waitForScreen((text) => text.includes('1 running'));
	terminal.press('n');
	await terminal.waitForScreen((text) => text.includes('new process:'));
	terminal.press('-l', `node ${program} --stay`);
	terminal.press('Enter');
	await terminal.waitForScreen(
		(text) =>
			/report-program\.js · Counter\s+i\s+10\b/.test(text) &&
			text.includes('report-program.js · Door'),
		20_000,
	);
	const procdash = terminal.pid;
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin([procdash], 5000);
});
