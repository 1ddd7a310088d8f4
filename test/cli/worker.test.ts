import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parseArgs} from '../../source/cli/args.js';
import {createOrchestrator, Pool, TaskLoadError, task} from '../../source/index.js';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';
import {rejectionOf} from '../helpers/pool.js';
import {freePort} from '../helpers/ports.js';
import {
	hasRedis,
	machineRoot,
	type RedisServer,
	redisMissing,
	repoRoot,
	startRedis,
	startWorker,
	tasksFile,
} from '../helpers/redis.js';

test('procdash worker reads its options, and refuses what it cannot use', () => {
	expect(
		parseArgs(['worker', '--redis', 'rediss://u:p@h:6380/1', '--queue', 'q', '--concurrency', '3']),
	).toMatchObject({kind: 'worker', redis: 'rediss://u:p@h:6380/1', queue: 'q', concurrency: 3});
	expect(() => parseArgs(['worker', '--queue', 'q'])).toThrow('needs --redis URL and --queue NAME');
	expect(() => parseArgs(['worker', '--redis', 'http://h', '--queue', 'q'])).toThrow(
		'--redis must be a redis:// or rediss:// URL',
	);
	expect(() =>
		parseArgs(['worker', '--redis', 'redis://h', '--queue', 'q', '--concurrency', '0']),
	).toThrow("invalid value for --concurrency: '0'");
});

test('procdash worker with Redis unreachable says so on one line, the password redacted, and exits 2', async () => {
	const port = await freePort();
	const run = await runCli([
		'worker',
		'--redis',
		`redis://:hunter2@127.0.0.1:${port}`,
		'--queue',
		'q',
	]);
	expect(run.exitcode).toBe(2);
	expect(run.stderr).toBe(
		`procdash: cannot reach Redis at redis://:***@127.0.0.1:${port} within 5000 ms: connect ECONNREFUSED 127.0.0.1:${port}\n`,
	);
	expect(run.stdout).toBe('');
});

describe.skipIf(!hasRedis)(`procdash worker on a Redis with a password${redisMissing}`, () => {
	let redis: RedisServer;
	const password = 's3cret-pw';
	const machine = machineRoot();

	beforeAll(async () => {
		redis = await startRedis({password});
	});

	afterAll(async () => {
		await redis.stop();
		machine.remove();
	});

	test('runs jobs, never prints the password, refuses a module outside its root, and stops on SIGTERM leaving nothing', async () => {
		// Given a worker and a pool on a Redis that needs a password
		const worker = await startWorker({url: redis.url, queue: 'secure', root: machine.root});
		const orchestrator = createOrchestrator({output: 'capture'});
		const pool = new Pool({
			backend: 'bullmq',
			connection: redis.url,
			queue: 'secure',
			root: repoRoot,
			orchestrator,
		});
		expect(await pool.map(task(tasksFile, 'square'), [1, 2, 3])).toEqual([1, 4, 9]);

		// A module outside the worker's root is refused there, never loaded
		const outside = mkdtempSync(path.join(tmpdir(), 'procdash-outside-'));
		const escaping = new Pool({
			backend: 'bullmq',
			connection: redis.url,
			queue: 'secure',
			root: outside,
			orchestrator,
		});
		const error = await rejectionOf(escaping.apply(task(tasksFile, 'nothing')));
		expect(error).toBeInstanceOf(TaskLoadError);
		expect(error.message).toMatch(/outside this worker's root .* refused/);
		await escaping.terminate();
		await pool.terminate();

		// When it is sent SIGTERM
		expect(await worker.stop('SIGTERM')).toBe(143);

		// Then its processes are gone and the password was never printed
		const events = worker
			.stdout()
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line));
		await expectNoneRunning(pidsIn(events));
		expect(worker.stdout()).toContain('"type":"summary"');
		expect(worker.stderr()).toContain(':***@127.0.0.1');
		for (const output of [
			worker.stdout(),
			worker.stderr(),
			JSON.stringify(orchestrator.bus.history()),
		])
			expect(output).not.toContain(password);
		await orchestrator.stop();
		rmSync(outside, {recursive: true, force: true});
	});
});
