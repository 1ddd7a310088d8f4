import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach} from 'vitest';
import {pythonInstrumentEnv} from '../../source/core/report/python-path.js';
import {expectNoDescendants} from './leftovers.js';
import {waitFor} from './processes.js';

/** A Python program of test/fixtures/python (they are not compiled: read from the source tree). */
export function pythonFixture(name: string): string {
	return fileURLToPath(new URL(`../../../test/fixtures/python/${name}`, import.meta.url));
}

/** One reporting process's connection: its hello, then its events, as parsed. */
export type Connection = {
	hello: Record<string, unknown> | undefined;
	readonly events: Record<string, unknown>[];
	ended: boolean;
};

/** A Unix-socket receiver of report lines, standing in for procdash's, in a fresh 0700 folder. */
export type ReportServer = {
	readonly path: string;
	readonly connections: Connection[];
	/** Every event of every connection, in the order they arrived. */
	readonly events: Record<string, unknown>[];
	/** Resolves once `count` connections (at least) have come and all have ended. */
	readonly allEnded: (count: number) => Promise<void>;
	/** Stops listening, ends every connection, removes the socket and its folder. */
	readonly close: () => Promise<void>;
};

/** Options of `startReportServer`. */
export type ReportServerOptions = {
	/** Ends each connection as soon as its hello has come: a procdash that goes away. */
	readonly hangUpAfterHello?: boolean;
	/** Never reads: a procdash too busy to keep up. */
	readonly neverRead?: boolean;
};

/**
 * Registers, for every test of the file, the closing of the report server the test started (the
 * returned function starts one) and a check that no process was left behind.
 */
export function reportServerPerTest(): (options?: ReportServerOptions) => Promise<ReportServer> {
	let server: ReportServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
		await expectNoDescendants();
	});
	return async (options) => {
		server = await startReportServer(options);
		return server;
	};
}

/** Listens on a Unix socket in a new temporary folder, collecting NDJSON lines per connection. */
export async function startReportServer({
	hangUpAfterHello = false,
	neverRead = false,
}: ReportServerOptions = {}): Promise<ReportServer> {
	const folder = mkdtempSync(join(tmpdir(), 'procdash-report-'));
	const path = join(folder, 'report.sock');
	const connections: Connection[] = [];
	const events: Record<string, unknown>[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		const connection: Connection = {hello: undefined, events: [], ended: false};
		connections.push(connection);
		if (neverRead) {
			socket.pause();
			return;
		}
		let rest = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) {
				const parsed = JSON.parse(line) as Record<string, unknown>;
				if (connection.hello === undefined) {
					connection.hello = parsed;
					if (hangUpAfterHello) socket.destroy();
				} else {
					connection.events.push(parsed);
					events.push(parsed);
				}
			}
		});
		socket.on('error', () => {});
		socket.on('close', () => {
			connection.ended = true;
			sockets.delete(socket);
		});
	});
	await new Promise<void>((resolve) => server.listen(path, resolve));
	return {
		path,
		connections,
		events,
		allEnded: (count) =>
			waitFor(() => connections.length >= count && connections.every(({ended}) => ended), {
				message: `${count} report connections, all ended`,
			}),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(folder, {recursive: true, force: true});
		},
	};
}

/** How a Python program ended and what it printed. */
export type PythonRun = {
	readonly pid: number;
	readonly exitcode: number | null;
	readonly stdout: string;
	readonly stderr: string;
};

/**
 * Runs `python3 script args` to its end with `env` (the test's own environment when absent),
 * asynchronously: the report server answers in this same process meanwhile.
 */
export function runPython(
	script: readonly string[],
	env: NodeJS.ProcessEnv = plainEnv(),
): Promise<PythonRun> {
	const child = spawn('python3', script, {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
	return new Promise((resolve) => {
		child.once('close', (exitcode) => {
			clearTimeout(timer);
			resolve({pid: child.pid ?? 0, exitcode, stdout, stderr});
		});
	});
}

/** The environment procdash gives a Python command: the reporter on its path, the channel named. */
export function reportingEnv(path: string, env: NodeJS.ProcessEnv = plainEnv()): NodeJS.ProcessEnv {
	return {...pythonInstrumentEnv(env), PROCDASH_REPORT: path};
}

/** This process's environment without a report channel: a plain run. */
export function plainEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env.PROCDASH_REPORT;
	return env;
}

/** The events of one type. */
export function eventsOf(events: readonly Record<string, unknown>[], type: string) {
	return events.filter((event) => event.type === type);
}

/** The events of one reported object, by the id its creation told. */
export function eventsOn(events: readonly Record<string, unknown>[], id: unknown) {
	return events.filter((event) => event.id === id && !String(event.type).startsWith('process:'));
}

/** What each event's `by` names: the process that acted. */
export function actorsOf(events: readonly Record<string, unknown>[]) {
	return events.map(({by}) => (by as {name: string}).name);
}
