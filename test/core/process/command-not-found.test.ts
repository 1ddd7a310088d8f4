import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

describe('a command that cannot be started', () => {
	const orchestrator = useOrchestrator();
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => {
		unhandled.push(reason);
	};
	let directory: string | undefined;

	beforeEach(() => {
		unhandled.length = 0;
		process.on('unhandledRejection', onUnhandled);
	});

	afterEach(() => {
		process.off('unhandledRejection', onUnhandled);
		if (directory) rmSync(directory, {recursive: true, force: true});
		directory = undefined;
	});

	it('resolves start(), reports ENOENT and exits 127 when the command does not exist', async () => {
		const child = new Process({
			command: 'procdash-no-such-command-4f1d',
			args: ['--flag'],
			orchestrator: orchestrator(),
		});

		await expect(child.start()).resolves.toBeUndefined();

		expect(await child.join()).toBe(127);
		expect(child.isAlive()).toBe(false);
		expect(child.pid).toBeUndefined();
		const failed = await waitForEvent(orchestrator().bus, 'process:error');
		expect(failed.id).toBe(child.id);
		expect(failed.error.code).toBe('ENOENT');
		expect(failed.error.message).toContain('procdash-no-such-command-4f1d');
		expect(child.error?.message).toContain('not found');
		const exited = await waitForEvent(orchestrator().bus, 'process:exited');
		expect(exited).toMatchObject({id: child.id, exitcode: 127, pid: undefined, signal: null});
		// A rejection nobody handled would reach the process by now: the exit event comes after.
		await new Promise((resolve) => setImmediate(resolve));
		expect(unhandled).toEqual([]);
	});

	it('exits 126 when the file exists but is not executable', async () => {
		directory = mkdtempSync(path.join(tmpdir(), 'procdash-test-'));
		const script = path.join(directory, 'not-executable.sh');
		writeFileSync(script, '#!/bin/sh\necho should not run\n');
		chmodSync(script, 0o644);
		const child = new Process({command: script, orchestrator: orchestrator()});

		await expect(child.start()).resolves.toBeUndefined();

		expect(await child.join()).toBe(126);
		const failed = await waitForEvent(orchestrator().bus, 'process:error');
		expect(failed.error.code).toBe('EACCES');
		expect(child.error?.message).toContain('cannot be executed');
		const output = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'process:output');
		expect(output).toEqual([]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(unhandled).toEqual([]);
	});

	it('does not count against the live processes once it has failed', async () => {
		const child = new Process({
			command: 'procdash-no-such-command-4f1d',
			orchestrator: orchestrator(),
		});
		await child.start();
		await child.join();

		expect(orchestrator().live()).toEqual([]);
	});
});
