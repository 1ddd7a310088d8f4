// Pool({backend: 'bullmq'}).map of 10,000 trivial tasks over 2 local procdash workers (concurrency
// 8 each), default chunksize and chunksize 1, beside raw BullMQ in the same run on the same Redis:
// a Queue, addBulk of the jobs, 2 Workers of concurrency 8 with a trivial processor, completion
// seen through QueueEvents. Skipped, saying so, when redis-server is not installed.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:net';
import {fileURLToPath} from 'node:url';
import {createOrchestrator} from '../source/core/orchestrator/orchestrator.js';
import {Pool} from '../source/core/pool/pool.js';
import {task} from '../source/core/process/task.js';
import {type BenchRow, sampleOf} from './report.js';

const tasks = 10_000;
const concurrency = 8;
const repeats = 3;
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../cli.js', import.meta.url));

type Rates = {readonly default: number[]; readonly one: number[]};

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer().once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function started(child: ChildProcess, stream: 'stdout' | 'stderr', text: string) {
	let seen = '';
	await new Promise<void>((resolve, reject) => {
		child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
			seen += chunk;
			if (seen.includes(text)) resolve();
		});
		child.once('exit', () => reject(new Error(`exited before '${text}': ${seen}`)));
	});
}

async function measureProcdash(url: string): Promise<Rates> {
	const workers = [0, 1].map(() =>
		spawn(
			process.execPath,
			[
				cli,
				'worker',
				'--redis',
				url,
				'--queue',
				'bench',
				'--root',
				root,
				'--concurrency',
				String(concurrency),
			],
			{
				stdio: ['ignore', 'ignore', 'pipe'],
			},
		),
	);
	const orchestrator = createOrchestrator();
	const pool = new Pool({backend: 'bullmq', connection: url, queue: 'bench', root, orchestrator});
	const square = task(new URL('./tasks.js', import.meta.url), 'square');
	const items = Array.from({length: tasks}, (_, index) => index);
	const rates: Rates = {default: [], one: []};
	try {
		await Promise.all(workers.map((worker) => started(worker, 'stderr', 'taking the jobs')));
		await pool.map(square, items);
		for (const [name, chunksize] of [
			['default', undefined],
			['one', 1],
		] as const) {
			for (let run = 0; run < repeats; run++) {
				const begun = performance.now();
				await pool.map(square, items, {chunksize});
				rates[name].push(tasks / ((performance.now() - begun) / 1000));
			}
		}
	} finally {
		await pool.terminate();
		await orchestrator.stop({graceMs: 1000});
		for (const worker of workers) worker.kill('SIGTERM');
		await Promise.all(
			workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))),
		);
	}
	return rates;
}

async function measureRaw(url: string): Promise<number[]> {
	const {Queue, QueueEvents, Worker} = await import('bullmq');
	const {Redis} = await import('ioredis');
	const clients: InstanceType<typeof Redis>[] = [];
	const connection = () => {
		const client = new Redis(url, {maxRetriesPerRequest: null});
		clients.push(client);
		return client;
	};
	const queue = new Queue('raw', {connection: connection()});
	const events = new QueueEvents('raw', {connection: connection()});
	await events.waitUntilReady();
	const workers = [0, 1].map(
		() =>
			new Worker('raw', async (job) => (job.data as number) ** 2, {
				connection: connection(),
				concurrency,
			}),
	);
	const rates: number[] = [];
	try {
		for (let run = 0; run < repeats + 1; run++) {
			let completed = 0;
			const done = new Promise<void>((resolve) => {
				const onCompleted = () => {
					if (++completed < tasks) return;
					events.off('completed', onCompleted);
					resolve();
				};
				events.on('completed', onCompleted);
			});
			const begun = performance.now();
			await queue.addBulk(
				Array.from({length: tasks}, (_, index) => ({
					name: 'square',
					data: index,
					opts: {removeOnComplete: true},
				})),
			);
			await done;
			// The first run warms up, as the pool's first map does.
			if (run > 0) rates.push(tasks / ((performance.now() - begun) / 1000));
		}
	} finally {
		await Promise.all(workers.map((worker) => worker.close()));
		await events.close();
		await queue.close();
		for (const client of clients) client.disconnect();
	}
	return rates;
}

/** The two bullmq figures, each beside raw BullMQ. */
export async function benchBullmq(): Promise<BenchRow[]> {
	const figures = [
		'bullmq Pool, 2 workers × 8, map 10k trivial tasks, default chunksize',
		'bullmq Pool, 2 workers × 8, map 10k, chunksize 1',
	];
	if (spawnSync('redis-server', ['--version']).status !== 0) {
		return figures.map((figure) => ({
			figure,
			unit: 'tasks/s',
			direction: 'higher',
			procdash: undefined,
			goal: {text: '—', bound: 0, on: 'ratio'},
			notes: ['redis-server is not installed (apt-get install redis-server): skipped'],
		}));
	}
	const port = await freePort();
	const redis = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	try {
		await started(redis, 'stdout', 'Ready to accept connections');
		const url = `redis://127.0.0.1:${port}`;
		const raw = await measureRaw(url);
		const pool = await measureProcdash(url);
		const anchor = {name: 'raw BullMQ: addBulk, 2 Workers × 8, QueueEvents', sample: sampleOf(raw)};
		return [
			{
				figure: figures[0] as string,
				unit: 'tasks/s',
				direction: 'higher',
				procdash: sampleOf(pool.default),
				anchor,
				goal: {text: '≥ 10×', bound: 10, on: 'ratio'},
			},
			{
				figure: figures[1] as string,
				unit: 'tasks/s',
				direction: 'higher',
				procdash: sampleOf(pool.one),
				anchor,
				goal: {text: '≥ 0.8×', bound: 0.8, on: 'ratio'},
			},
		];
	} finally {
		redis.kill('SIGKILL');
	}
}
