// `procdash worker` in a real terminal opens the dashboard over its own processes.
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createOrchestrator, Pool, task} from '../../source/index.js';
import {expectGoneWithin} from '../helpers/endings.js';
import {
	hasRedis,
	machineRoot,
	type RedisServer,
	redisMissing,
	repoRoot,
	startRedis,
	tasksFile,
} from '../helpers/redis.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

describe.skipIf(!hasRedis)(`procdash worker in a terminal${redisMissing}`, () => {
	const openTerminal = terminalPerTest();
	let redis: RedisServer;
	const machine = machineRoot();

	beforeAll(async () => {
		redis = await startRedis({password: 'tmux-secret'});
	});

	afterAll(async () => {
		await redis.stop();
		machine.remove();
	});

	test('shows its queue (password redacted) and the chunks it ran in its own pool; q stops it, exit 0', async () => {
		// Given procdash worker in a terminal
		const terminal = openTerminal(
			[
				'node',
				cliPath,
				'worker',
				'--redis',
				redis.url,
				'--queue',
				'screen',
				'--root',
				machine.root,
				'--concurrency',
				'2',
			],
			{columns: 130, rows: 36},
		);
		await terminal.waitForScreen((text) => text.includes('2 of 2 workers live'), 20_000);

		// When a bullmq pool maps six items through it
		const orchestrator = createOrchestrator({output: 'capture'});
		const pool = new Pool({
			backend: 'bullmq',
			connection: redis.url,
			queue: 'screen',
			root: repoRoot,
			orchestrator,
		});
		expect(await pool.map(task(tasksFile, 'square'), [1, 2, 3, 4, 5, 6], {chunksize: 1})).toEqual([
			1, 4, 9, 16, 25, 36,
		]);
		await pool.terminate();
		await orchestrator.stop();

		// Then its dashboard shows the six chunks done by its own workers, and never the password
		const screen = await terminal.waitForScreen((text) => /done 6 · failed 0/.test(text));
		expect(screen).toContain("taking the jobs of queue 'screen' at redis://:***@127.0.0.1");
		expect(screen).not.toContain('tmux-secret');
		const pid = terminal.pid;
		terminal.press('q');
		await terminal.waitForExit();
		expect(terminal.exitStatus).toBe(0);
		await expectGoneWithin([pid], 5000);
	});
});
