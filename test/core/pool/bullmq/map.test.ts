import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	AbortError,
	createOrchestrator,
	type Orchestrator,
	Pool,
	PoolTerminatedError,
	RemoteError,
	task,
} from '../../../../source/index.js';
import {expectNoDescendants, rejectionOf} from '../../../helpers/pool.js';
import {waitFor} from '../../../helpers/processes.js';
import {
	hasRedis,
	machineRoot,
	type RedisServer,
	redisMissing,
	repoRoot,
	startRedis,
	startWorker,
	tasksFile,
	type WorkerProcess,
} from '../../../helpers/redis.js';

const remote = (exportName: string) => task(tasksFile, exportName);

describe.skipIf(!hasRedis)(
	`a bullmq pool on a real Redis, two procdash workers${redisMissing}`,
	() => {
		let current: Orchestrator | undefined;
		const orchestrator = () => current as Orchestrator;
		let redis: RedisServer;
		let workers: WorkerProcess[] = [];
		const roots: {remove: () => void}[] = [];

		beforeAll(async () => {
			current = createOrchestrator({output: 'capture'});
			redis = await startRedis();
			for (let index = 0; index < 2; index++) {
				const machine = machineRoot();
				roots.push(machine);
				workers.push(
					await startWorker({url: redis.url, queue: 'maps', root: machine.root, concurrency: 1}),
				);
			}
		});

		afterAll(async () => {
			for (const worker of workers) expect(await worker.stop('SIGTERM')).toBe(143);
			workers = [];
			await redis?.stop();
			for (const root of roots) root.remove();
			await current?.stop({graceMs: 1000});
			await expectNoDescendants([current?.watchdogPid]);
		});

		const newPool = (options: {queue?: string} = {}) =>
			new Pool({
				backend: 'bullmq',
				connection: redis.url,
				queue: options.queue ?? 'maps',
				root: repoRoot,
				orchestrator: orchestrator(),
			});

		test('map, starmap, imap, imapUnordered and apply give what a local pool gives, map in input order', async () => {
			await using pool = newPool();
			const items = Array.from({length: 50}, (_, index) => index);
			expect(await pool.map(remote('square'), items, {chunksize: 3})).toEqual(
				items.map((x) => x * x),
			);
			expect(await pool.starmap(remote('add'), [[1, 2], [3, 4, 5], []])).toEqual([3, 12, 0]);
			const ordered: unknown[] = [];
			for await (const value of pool.imap(remote('square'), [1, 2, 3, 4])) ordered.push(value);
			expect(ordered).toEqual([1, 4, 9, 16]);
			const unordered: unknown[] = [];
			for await (const value of pool.imapUnordered(remote('square'), [1, 2, 3]))
				unordered.push(value);
			expect(unordered.sort()).toEqual([1, 4, 9]);
			expect(await pool.apply(remote('add'), [2, 3])).toBe(5);
			expect(await pool.apply(remote('nothing'))).toBeNull();
			// close() lets what is queued finish; join() waits for it, and the connection closes
			const last = pool.map(remote('square'), [7, 8]);
			pool.close();
			await pool.join();
			expect(await last).toEqual([49, 64]);
			expect(pool.state).toBe('closed');
			await expect(pool.map(remote('square'), [1])).rejects.toThrow('Pool not running');
		});

		test('the chunks run on both machines, each from its own --root', async () => {
			// Given two gated tasks: each waits until both have started, so each must be on its own worker
			const dir = mkdtempSync(path.join(tmpdir(), 'procdash-gates-'));
			await using pool = newPool();
			const done = pool.map(
				remote('gated'),
				[
					{id: 0, dir},
					{id: 1, dir},
				],
				{chunksize: 1},
			);
			await waitFor(
				() => existsSync(path.join(dir, 'started-0')) && existsSync(path.join(dir, 'started-1')),
				{
					timeoutMs: 20_000,
					message: 'both chunks started',
				},
			);
			writeFileSync(path.join(dir, 'go'), '');
			expect(await done).toEqual([0, 1]);
			const ran = await pool.map(remote('whereRan'), [0, 1, 2, 3], {chunksize: 1});
			for (const each of ran as {file: string}[])
				expect(workers.some((worker) => each.file.startsWith(worker.root))).toBe(true);
			rmSync(dir, {recursive: true, force: true});
		});

		test('a task that throws re-raises with its class name, message, stack and host', async () => {
			await using pool = newPool();
			const error = await rejectionOf(pool.map(remote('failOn3'), [1, 2, 3, 4]));
			expect(error).toBeInstanceOf(RemoteError);
			expect(error.name).toBe('RenderError');
			expect(error.message).toBe('cannot render frame 3');
			expect(error.stack).toContain('failOn3');
			expect((error as RemoteError & {host: string}).host).toEqual(expect.any(String));
		});

		test('what JSON cannot carry is refused at map time, and a result it cannot carry fails its task', async () => {
			await using pool = newPool();
			const cycle: {self?: unknown} = {};
			cycle.self = cycle;
			const cases: [unknown, RegExp][] = [
				[() => 1, /item 1 cannot cross machines as JSON: a function/],
				[Symbol('s'), /item 1 cannot cross machines as JSON: a symbol/],
				[cycle, /item 1\.self cannot cross machines as JSON: a cycle/],
				[10n, /item 1 cannot cross machines as JSON: a bigint/],
				[new Map(), /item 1 cannot cross machines as JSON: a Map/],
			];
			for (const [bad, message] of cases) {
				await expect(pool.map(remote('square'), [1, bad])).rejects.toThrow(TypeError);
				await expect(pool.map(remote('square'), [1, bad])).rejects.toThrow(message);
			}
			await expect(pool.apply(remote('unsendable'))).rejects.toThrow(/cannot/);
		});

		test("two pools on one queue never receive each other's results", async () => {
			await using first = newPool();
			await using second = newPool();
			const [a, b] = await Promise.all([
				first.map(remote('square'), [1, 2, 3, 4, 5, 6], {chunksize: 1}),
				second.starmap(remote('add'), [
					[10, 1],
					[20, 2],
					[30, 3],
				]),
			]);
			expect(a).toEqual([1, 4, 9, 16, 25, 36]);
			expect(b).toEqual([11, 22, 33]);
		});

		test('a cancelled call rejects with AbortError and its jobs leave the queue', async () => {
			// Given a call whose jobs wait on a queue no worker takes
			await using pool = newPool({queue: 'unserved'});
			const abort = new AbortController();
			const call = rejectionOf(
				pool.map(remote('square'), [1, 2, 3], {chunksize: 1, signal: abort.signal}),
			);
			const {Queue} = await import('bullmq');
			const {Redis} = await import('ioredis');
			const connection = new Redis(redis.url, {maxRetriesPerRequest: null});
			const queue = new Queue('unserved', {connection});
			const waiting = async () => (await queue.getJobCounts('waiting')).waiting;
			await waitFor(async () => (await waiting()) === 3, {message: '3 jobs waiting'});
			// When it is aborted
			abort.abort();
			// Then it rejects, and its jobs are taken off Redis
			expect(await call).toBeInstanceOf(AbortError);
			await waitFor(async () => (await waiting()) === 0, {message: 'no job left waiting'});
			await queue.close();
			connection.disconnect();
		});

		test('terminate() removes the waiting jobs from Redis and rejects the call', async () => {
			// Given jobs on a queue no worker takes
			const pool = newPool({queue: 'nobody'});
			const call = rejectionOf(pool.map(remote('square'), [1, 2, 3], {chunksize: 1}));
			const {Queue} = await import('bullmq');
			const {Redis} = await import('ioredis');
			const connection = new Redis(redis.url, {maxRetriesPerRequest: null});
			const queue = new Queue('nobody', {connection});
			await waitFor(async () => (await queue.getJobCounts('waiting')).waiting === 3, {
				message: '3 jobs waiting',
			});
			// When the pool is terminated
			await pool.terminate();
			// Then the call rejects and no job is left waiting
			expect(await call).toBeInstanceOf(PoolTerminatedError);
			expect((await queue.getJobCounts('waiting')).waiting).toBe(0);
			await queue.close();
			connection.disconnect();
		});
	},
);
