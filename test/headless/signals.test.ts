import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, startCli} from '../helpers/cli.js';

test.each([
	['SIGINT', 130],
	['SIGTERM', 143],
] as const)(
	'%s stops every process gracefully and still prints the summary (exit %i)',
	async (signal, exitcode) => {
		// Given a headless run with a process that would live 10 s
		const cli = startCli(['join-timeout', '--json', '--grace', '2']);
		await cli.waitForLine((line) => line.includes('"type":"process:started"'));

		// When procdash gets the signal
		cli.child.kill(signal);
		const run = await cli.finished;

		// Then the process was terminated (SIGTERM, -15), the summary still came, and nothing is left
		expect(run.exitcode).toBe(exitcode);
		expect(run.summary).toMatchObject({
			ok: false,
			processes: [{name: 'sleeper', exitcode: -15}],
		});
		expect(run.events.find((event) => event.type === 'orchestrator:stopped')).toMatchObject({
			survivors: [],
		});
		await expectNoneRunning(pidsIn(run.events));
	},
);
