import {spawn} from 'node:child_process';
import {connect} from 'node:net';
import type {ProbeCheck} from './types.js';

/** How one check went: passed, or failed with what it said. */
export type CheckResult = {readonly ok: true} | {readonly ok: false; readonly message: string};

/** What a check needs from the supervisor: the environment of exec checks, and their guard. */
export type CheckContext = {
	readonly env: NodeJS.ProcessEnv;
	/** Called with the process group of an exec check just started (the watchdog guards it). */
	readonly started: (pgid: number) => void;
	/** Called with that group once the check's command has ended. */
	readonly ended: (pgid: number) => void;
};

/** `check` in words, for the bus: what is being probed. */
export function describeCheck(check: ProbeCheck): string {
	switch (check.kind) {
		case 'exec':
			return `exec ${[check.command, ...check.args].join(' ')}`;
		case 'http':
			return `GET ${check.url}`;
		case 'tcp':
			return `tcp ${check.host}:${check.port}`;
		case 'log':
			return `a line matching /${check.pattern.source}/`;
	}
}

/**
 * Runs one check of an exec, http or tcp probe, giving up after `timeoutMs` (an exec check's whole
 * process group is killed then). A log_line probe is no check: it follows the output instead.
 */
export function runCheck(
	check: Exclude<ProbeCheck, {kind: 'log'}>,
	timeoutMs: number,
	context: CheckContext,
): Promise<CheckResult> {
	switch (check.kind) {
		case 'exec':
			return execCheck(check.command, check.args, timeoutMs, context);
		case 'http':
			return httpCheck(check.url, timeoutMs);
		case 'tcp':
			return tcpCheck(check.host, check.port, timeoutMs);
	}
}

// What of a failed command's output the message keeps.
const outputShown = 200;

function execCheck(
	command: string,
	args: readonly string[],
	timeoutMs: number,
	{env, started, ended}: CheckContext,
): Promise<CheckResult> {
	return new Promise((resolve) => {
		// A group of its own, so that a timeout ends whatever it started; never through a shell.
		const child = spawn(command, args, {detached: true, env, stdio: ['ignore', 'pipe', 'pipe']});
		if (child.pid !== undefined) started(child.pid);
		let output = '';
		const keep = (chunk: Buffer) => {
			if (output.length < outputShown) output += chunk.toString('utf8');
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		let timedOut = false;
		// While the check runs its group exists (its leader is not reaped): the kill hits only it.
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ok: false, message: `${command}: ${error.message}`});
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (child.pid !== undefined) ended(child.pid);
			if (code === 0 && !timedOut) return resolve({ok: true});
			const said = output.trim().replace(/\s+/g, ' ').slice(0, outputShown);
			const how = timedOut
				? `no answer within ${timeoutMs} ms`
				: code === null
					? `ended by ${signal}`
					: `exit code ${code}`;
			resolve({ok: false, message: `${command}: ${how}${said ? `: ${said}` : ''}`});
		});
	});
}

function killGroup(pgid: number | undefined): void {
	if (pgid === undefined) return;
	try {
		process.kill(-pgid, 'SIGKILL');
	} catch {
		// Gone already.
	}
}

async function httpCheck(url: string, timeoutMs: number): Promise<CheckResult> {
	try {
		const response = await fetch(url, {
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		});
		await response.body?.cancel();
		return response.status >= 200 && response.status < 400
			? {ok: true}
			: {ok: false, message: `GET ${url}: status ${response.status}`};
	} catch (error) {
		const cause = (error as {cause?: {code?: string}}).cause?.code;
		const why =
			(error as Error).name === 'TimeoutError'
				? `no answer within ${timeoutMs} ms`
				: (cause ?? (error as Error).message);
		return {ok: false, message: `GET ${url}: ${why}`};
	}
}

function tcpCheck(host: string, port: number, timeoutMs: number): Promise<CheckResult> {
	return new Promise((resolve) => {
		const socket = connect({host, port});
		const done = (result: CheckResult) => {
			socket.destroy();
			resolve(result);
		};
		socket.setTimeout(timeoutMs, () =>
			done({ok: false, message: `${host}:${port}: no answer within ${timeoutMs} ms`}),
		);
		socket.once('connect', () => done({ok: true}));
		socket.once('error', (error: NodeJS.ErrnoException) =>
			done({ok: false, message: `${host}:${port}: ${error.code ?? error.message}`}),
		);
	});
}
