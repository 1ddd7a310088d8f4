// `procdash worker`: a procdash run like any other (the dashboard in a terminal, NDJSON without
// one), whose one scenario is to take a BullMQ queue's jobs until stopped.
import {statSync} from 'node:fs';
import {InputError, RedisUnreachableError} from '../core/errors.js';
import {checkRedis, loadBullmq} from '../core/pool/bullmq/redis.js';
import {serveQueue} from '../core/pool/bullmq/serve.js';
import {redact} from '../core/util/redact.js';
import type {Scenario} from '../scenarios/scenario.js';
import {playLive} from './modes.js';
import type {WorkerCommand} from './worker-args.js';

// How long Redis has to answer at start before the command gives up with one line (exit 2).
const connectTimeoutMs = 5000;

/** Runs `procdash worker` until SIGINT or SIGTERM; resolves with the exit code. */
export async function runWorker(command: WorkerCommand): Promise<number> {
	if (!statSync(command.root, {throwIfNoEntry: false})?.isDirectory())
		throw new InputError(`--root ${command.root} is not a directory`);
	try {
		await checkRedis(command.redis, connectTimeoutMs, await loadBullmq());
	} catch (error) {
		if (error instanceof RedisUnreachableError) throw new InputError(error.message, {cause: error});
		throw error;
	}
	const json = command.json || !(process.stdout.isTTY && process.stdin.isTTY);
	return playLive(workerScenario(command, json), {
		json,
		record: undefined,
		graceMs: undefined,
		maxProcesses: undefined,
		logDir: undefined,
		instrument: false,
	});
}

function workerScenario(command: WorkerCommand, json: boolean): Scenario {
	const about = `taking the jobs of queue '${command.queue}' at ${redact(command.redis)}, ${command.concurrency} at a time, modules under ${command.root}`;
	return {
		name: 'worker',
		description: 'a procdash worker: runs the jobs of a bullmq pool',
		about,
		endless: true,
		async run(orchestrator, signal) {
			const server = await serveQueue({
				connection: command.redis,
				queue: command.queue,
				concurrency: command.concurrency,
				root: command.root,
				stalledMs: command.stalledMs,
				orchestrator,
			});
			// The dashboard shows `about`; headless, a person reading stderr is told once.
			if (json) process.stderr.write(`procdash worker (pid ${process.pid}): ${about}\n`);
			if (!signal.aborted)
				await new Promise((resolve) => signal.addEventListener('abort', resolve, {once: true}));
			await server.close();
			return {ok: true, notes: [`stopped taking the jobs of queue '${command.queue}'`]};
		},
	};
}
