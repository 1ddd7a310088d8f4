import {type ChildProcess, spawn} from 'node:child_process';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {WatchdogParentReport} from '../../fixtures/watchdog-parent.js';
import {describePids, isRunning, settledDescendants, waitFor} from '../../helpers/processes.js';

const parentScript = fileURLToPath(new URL('../../fixtures/watchdog-parent.js', import.meta.url));

/** Starts the fixture program and resolves with the pids it prints, or rejects on a deadline. */
function startParent(): {parent: ChildProcess; report: Promise<WatchdogParentReport>} {
	const parent = spawn(process.execPath, [parentScript], {stdio: ['ignore', 'pipe', 'inherit']});
	const report = new Promise<WatchdogParentReport>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the parent printed no pids in 15 s')), 15_000);
		parent.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`the parent exited early: code ${code}, signal ${signal}`));
		});
		createInterface({input: parent.stdout as NodeJS.ReadableStream}).once('line', (line) => {
			clearTimeout(timer);
			resolve(JSON.parse(line) as WatchdogParentReport);
		});
	});
	return {parent, report};
}

describe('the watchdog', () => {
	let started: {parent: ChildProcess; pids: number[]} | undefined;

	afterEach(async () => {
		// Whatever the test found, leave nothing running for the next one.
		if (started) {
			started.parent.kill('SIGKILL');
			for (const pid of started.pids.filter(isRunning)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone between the check and the kill.
				}
			}
		}
		started = undefined;
		expect(describePids(await settledDescendants())).toEqual([]);
	});

	it('takes every child down when the parent is SIGKILLed and no handler runs', async () => {
		// Given a parent with a task process and a shell with two sleeps, and one that left its group
		const {parent, report} = startParent();
		const exited = new Promise((resolve) => parent.once('exit', resolve));
		const pids = await report;
		const children = [pids.sleeper, pids.shell, ...pids.sleeps, pids.escaped];
		started = {parent, pids: [...children, ...(pids.watchdog ? [pids.watchdog] : [])]};
		expect(pids.sleeps).toHaveLength(2);
		expect(pids.watchdog).toEqual(expect.any(Number));
		expect(children.every(isRunning)).toBe(true);

		// When the parent is SIGKILLed
		parent.kill('SIGKILL');
		await exited;

		// Then every child, grandchild and the watchdog itself is gone (or a zombie) within 5 s
		await waitFor(() => !started?.pids.some(isRunning), {timeoutMs: 5000}).catch(() => {});
		expect(describePids(started.pids.filter(isRunning))).toEqual([]);
	});
});
