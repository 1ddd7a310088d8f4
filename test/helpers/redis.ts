// A real redis-server for the bullmq tests, on a free loopback port, without persistence; and
// `procdash worker` processes, each with its own --root copy of the task modules, standing for
// machines. Nothing here mocks Redis.
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {freePort} from './ports.js';
import {isRunning, waitFor} from './processes.js';
import {cliPath} from './tmux.js';

/** Whether redis-server can be run here; the bullmq tests are skipped, saying so, when not. */
export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/** Why the bullmq tests were skipped, for the test's name. */
export const redisMissing = hasRedis
	? ''
	: ' (SKIPPED: redis-server is not installed; apt-get install redis-server — CI installs it)';

/** A running redis-server. */
export type RedisServer = {
	readonly port: number;
	/** `redis://[:password@]127.0.0.1:port`. */
	readonly url: string;
	readonly pid: number;
	/** Stops it (SIGKILL: nothing to save) and waits until it is gone. */
	stop(): Promise<void>;
};

/** Starts redis-server on a free loopback port (with `requirepass` when a password is given). */
export async function startRedis({
	password,
}: {
	readonly password?: string;
} = {}): Promise<RedisServer> {
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	if (password) args.push('--requirepass', password);
	const child = spawn('redis-server', args, {stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	await waitFor(() => output.includes('Ready to accept connections') || child.exitCode !== null, {
		message: 'redis-server ready',
	});
	if (child.exitCode !== null) throw new Error(`redis-server did not start:\n${output}`);
	const pid = child.pid as number;
	return {
		port,
		pid,
		url: `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}`,
		stop: () => stopChild(child),
	};
}

/** A directory standing for one machine's deployment: its own copy of the test task modules. */
export function machineRoot(): {readonly root: string; readonly remove: () => void} {
	const root = mkdtempSync(path.join(tmpdir(), 'procdash-machine-'));
	const relative = path.relative(repoRoot, tasksFile);
	mkdirSync(path.dirname(path.join(root, relative)), {recursive: true});
	copyFileSync(tasksFile, path.join(root, relative));
	return {root, remove: () => rmSync(root, {recursive: true, force: true})};
}

/** The checkout (the directory over dist/): the pools' root in the tests. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The built task modules the workers run. */
export const tasksFile = fileURLToPath(new URL('../fixtures/remote-tasks.js', import.meta.url));

/** A running `procdash worker`. */
export type WorkerProcess = {
	readonly child: ChildProcess;
	readonly pid: number;
	readonly root: string;
	/** What it printed on stdout so far (NDJSON). */
	stdout(): string;
	/** What it printed on stderr so far. */
	stderr(): string;
	/** Sends `signal` and waits until it has exited; resolves with its exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts `procdash worker` on `queue` and waits until it takes jobs. */
export async function startWorker(options: {
	readonly url: string;
	readonly queue: string;
	readonly root: string;
	readonly concurrency?: number;
	readonly stalledMs?: number;
}): Promise<WorkerProcess> {
	const args = [cliPath, 'worker', '--redis', options.url, '--queue', options.queue];
	args.push('--root', options.root, '--concurrency', String(options.concurrency ?? 2));
	if (options.stalledMs) args.push('--stalled-ms', String(options.stalledMs));
	const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const worker: WorkerProcess = {
		child,
		pid: child.pid as number,
		root: options.root,
		stdout: () => stdout,
		stderr: () => stderr,
		stop: async (signal = 'SIGTERM') => {
			await stopChild(child, signal);
			return child.exitCode;
		},
	};
	await waitFor(() => stderr.includes('taking the jobs') || child.exitCode !== null, {
		timeoutMs: 20_000,
		message: 'procdash worker ready',
	});
	if (child.exitCode !== null) throw new Error(`procdash worker exited: ${stderr}`);
	return worker;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	await exited;
	await waitFor(() => !isRunning(child.pid as number), {message: `pid ${child.pid} gone`});
}
