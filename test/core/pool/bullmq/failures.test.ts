import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	createOrchestrator,
	type Orchestrator,
	Pool,
	PoolBrokenError,
	task,
	WorkerDiedError,
} from '../../../../source/index.js';
import {expectNoDescendants, rejectionOf} from '../../../helpers/pool.js';
import {freePort} from '../../../helpers/ports.js';
import {isRunning, waitFor} from '../../../helpers/processes.js';
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

const gated = task(tasksFile, 'gated');
// Short locks, so that a vanished worker's job is taken up again within seconds.
const stalledMs = 1000;

describe.skipIf(!hasRedis)(`a bullmq pool when workers die${redisMissing}`, () => {
	let orchestrator: Orchestrator;
	let redis: RedisServer;
	let gates: string;
	const workers: WorkerProcess[] = [];
	const roots: {remove: () => void}[] = [];

	beforeEach(async () => {
		orchestrator = createOrchestrator({output: 'capture'});
		redis = await startRedis();
		gates = mkdtempSync(path.join(tmpdir(), 'procdash-gates-'));
	});

	afterEach(async () => {
		for (const worker of workers.splice(0)) await worker.stop('SIGKILL');
		await redis.stop();
		for (const root of roots.splice(0)) root.remove();
		rmSync(gates, {recursive: true, force: true});
		await orchestrator.stop({graceMs: 1000});
		await expectNoDescendants([orchestrator.watchdogPid]);
	});

	const worker = async () => {
		const machine = machineRoot();
		roots.push(machine);
		const started = await startWorker({
			url: redis.url,
			queue: 'deaths',
			root: machine.root,
			concurrency: 1,
			stalledMs,
		});
		workers.push(started);
		return started;
	};
	const newPool = (retries = 0) =>
		new Pool({
			backend: 'bullmq',
			connection: redis.url,
			queue: 'deaths',
			root: repoRoot,
			retries,
			orchestrator,
		});
	const startedPid = async (id: number) => {
		const file = path.join(gates, `started-${id}`);
		await waitFor(() => existsSync(file), {timeoutMs: 20_000, message: `task ${id} started`});
		const pid = Number(readFileSync(file, 'utf8'));
		rmSync(file);
		return pid;
	};

	test('a task process killed on the worker machine fails the task with WorkerDiedError, or runs again with retries', async () => {
		await worker();
		await using pool = newPool();
		const call = rejectionOf(pool.apply(gated, [{id: 1, dir: gates}]));
		process.kill(await startedPid(1), 'SIGKILL');
		const error = await call;
		expect(error).toBeInstanceOf(WorkerDiedError);
		expect(error.message).toMatch(/PoolWorker-\d+@.+ killed by SIGKILL/);
		expect((error as WorkerDiedError).signal).toBe('SIGKILL');

		await using retrying = newPool(1);
		const again = retrying.apply(gated, [{id: 2, dir: gates}]);
		process.kill(await startedPid(2), 'SIGKILL');
		await startedPid(2);
		writeFileSync(path.join(gates, 'go'), '');
		expect(await again).toBe(2);
	});

	test('a procdash worker SIGKILLed mid-task: another takes its job up through stalled-job recovery', async () => {
		// Given a worker running a task
		const first = await worker();
		await using pool = newPool();
		const call = pool.apply(gated, [{id: 1, dir: gates}]);
		const taskPid = await startedPid(1);
		// When it vanishes with its task process, as a machine would
		await first.stop('SIGKILL');
		process.kill(taskPid, 'SIGKILL');
		await waitFor(() => !isRunning(taskPid), {message: 'task process gone'});
		// Then a second worker takes the job up once its lock has expired, and it completes
		await worker();
		await startedPid(1);
		writeFileSync(path.join(gates, 'go'), '');
		expect(await call).toBe(1);
	});

	test('a job that stalls more often than allowed fails with WorkerDiedError, never a hang', async () => {
		await using pool = newPool();
		const call = rejectionOf(pool.apply(gated, [{id: 1, dir: gates}]));
		// Each worker that takes the job vanishes with it; BullMQ allows one stall
		for (let round = 0; round < 2; round++) {
			const doomed = await worker();
			const taskPid = await startedPid(1);
			await doomed.stop('SIGKILL');
			process.kill(taskPid, 'SIGKILL');
		}
		await worker();
		const error = await call;
		expect(error).toBeInstanceOf(WorkerDiedError);
		expect(error.message).toMatch(/stalled/);
	});
});

describe('a bullmq pool without Redis', () => {
	test('breaks within its connect timeout with one line, the password redacted', async () => {
		const port = await freePort();
		const orchestrator = createOrchestrator({output: 'capture'});
		const pool = new Pool({
			backend: 'bullmq',
			connection: `redis://:hunter2@127.0.0.1:${port}`,
			queue: 'nowhere',
			connectTimeoutMs: 1000,
			orchestrator,
		});
		const error = await rejectionOf(pool.map(task(tasksFile, 'square'), [1]));
		expect(error).toBeInstanceOf(PoolBrokenError);
		expect(error.message).toContain(`cannot reach Redis at redis://:***@127.0.0.1:${port}`);
		expect(error.message).not.toContain('hunter2');
		expect(error.message).not.toContain('\n');
		expect(pool.state).toBe('broken');
		expect(JSON.stringify(orchestrator.bus.history())).not.toContain('hunter2');
		await orchestrator.stop();
	});
});

describe.skipIf(!hasRedis)(`a bullmq pool when Redis drops its connections${redisMissing}`, () => {
	test('it says it waits for Redis, then goes on: every task gets its result', async () => {
		const orchestrator = createOrchestrator({output: 'capture'});
		const redis = await startRedis();
		const machine = machineRoot();
		const worker = await startWorker({url: redis.url, queue: 'drops', root: machine.root});
		const gates = mkdtempSync(path.join(tmpdir(), 'procdash-gates-'));
		const pool = new Pool({
			backend: 'bullmq',
			connection: redis.url,
			queue: 'drops',
			root: repoRoot,
			orchestrator,
		});
		// Given a call whose task is running
		const call = pool.apply(gated, [{id: 1, dir: gates}]);
		await waitFor(() => existsSync(path.join(gates, 'started-1')), {message: 'task started'});
		// When Redis drops every client's connection
		const {Redis} = await import('ioredis');
		const admin = new Redis(redis.url);
		await admin.client('KILL', 'TYPE', 'NORMAL').catch(() => {});
		admin.disconnect();
		// Then the pool says it waits, and once back the task's result arrives
		const redisEvents = () =>
			orchestrator.bus
				.history()
				.filter((event) => event.type === 'pool:redis')
				.map((event) => (event as {status: string}).status);
		await waitFor(() => redisEvents().at(-1) === 'connected', {message: 'Redis back'});
		expect(redisEvents()[0]).toBe('waiting');
		writeFileSync(path.join(gates, 'go'), '');
		expect(await call).toBe(1);
		expect(await pool.map(task(tasksFile, 'square'), [1, 2, 3])).toEqual([1, 4, 9]);
		await pool.terminate();
		expect(await worker.stop('SIGTERM')).toBe(143);
		await redis.stop();
		machine.remove();
		rmSync(gates, {recursive: true, force: true});
		await orchestrator.stop();
		await expectNoDescendants([orchestrator.watchdogPid]);
	});
});
