import {spawn} from 'node:child_process';
import type {EventBus} from '../events/index.js';
import {printable} from '../util/printable.js';

/** A command run to stop a process (its `stopCommand` option): an executable and its arguments. */
export type StopCommand = {
	readonly command: string;
	readonly args: readonly string[];
};

/** What a stop by command needs of the process it stops (a Member). */
export type Stoppable = {
	readonly id: number;
	readonly name: string;
	readonly pid: number | undefined;
	readonly stopSignal: NodeJS.Signals;
	isAlive(): boolean;
	signal(signal: NodeJS.Signals): boolean;
	kill(): boolean;
	join(timeoutMs?: number): Promise<number | null>;
};

/** Where a stop command runs, and how long the stop may take. */
export type StopCommandContext = {
	readonly bus: EventBus;
	/** The stopped process's environment; the command also gets its pid as `PROCDASH_PID`. */
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string | undefined;
	/** Called with the command's own process group once it exists (the watchdog guards it). */
	readonly started: (pgid: number) => void;
	/** Called with that group once the command has ended. */
	readonly ended: (pgid: number) => void;
	/** From the command's start to SIGKILL (the command itself is killed then too). */
	readonly graceMs: number;
};

/**
 * Stops `member` with `stopCommand`: runs it and waits for the member to exit, SIGKILL when
 * `graceMs` has passed since the command began. A command that fails (could not start, exits
 * other than 0, runs past the grace) is no stop: the member's stop signal follows at once.
 * Resolves to the exitcode.
 */
export async function stopByCommand(
	member: Stoppable,
	stopCommand: StopCommand,
	context: StopCommandContext,
): Promise<number | null> {
	const pid = member.pid as number;
	const deadline = performance.now() + context.graceMs;
	context.bus.emit('process:stop-command', {
		id: member.id,
		name: member.name,
		pid,
		command: printable([stopCommand.command, ...stopCommand.args].join(' ')),
		graceMs: context.graceMs,
	});
	const stopped = await Promise.race([
		runStopCommand(stopCommand, pid, context),
		member.join(context.graceMs).then(() => true),
	]);
	if (!stopped && member.isAlive()) member.signal(member.stopSignal);
	const left = Math.max(0, deadline - performance.now());
	if (member.isAlive() && (await member.join(left)) === null) member.kill();
	return member.join();
}

// In a process group of its own, never through a shell unless it is one (`sh -c …`), its output
// dropped. Resolves once it has ended: true when it exited 0; false when it could not start, failed,
// or ran past the grace (its group is killed then).
function runStopCommand(
	{command, args}: StopCommand,
	pid: number,
	{env, cwd, started, ended, graceMs}: StopCommandContext,
): Promise<boolean> {
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			detached: true,
			cwd,
			env: {...env, PROCDASH_PID: String(pid)},
			stdio: 'ignore',
		});
		if (child.pid !== undefined) started(child.pid);
		// While it runs its group exists (its leader is not reaped): the kill hits only it.
		const timer = setTimeout(() => {
			try {
				process.kill(-(child.pid as number), 'SIGKILL');
			} catch {
				// Gone already.
			}
		}, graceMs);
		timer.unref();
		const done = (ok: boolean) => {
			clearTimeout(timer);
			if (child.pid !== undefined) ended(child.pid);
			resolve(ok);
		};
		child.once('error', () => done(false));
		child.once('close', (code) => done(code === 0));
	});
}
