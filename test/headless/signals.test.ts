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

test('a second SIGINT does not wait out the grace period: SIGKILL at once', async () => {
	// Given a command that ignores SIGTERM, and a grace period far longer than the test
	const cli = startCli([
		'run',
		'--json',
		'--grace',
		'60',
		'--',
		'sh',
		'-c',
		'trap "" TERM; echo ready; while :; do sleep 0.1; done',
	]);
	await cli.waitForLine((line) => line.includes('"line":"ready"'));

	// When SIGINT comes twice, the second once the stop has begun
	cli.child.kill('SIGINT');
	await cli.waitForLine((line) => line.includes('"type":"orchestrator:stopping"'));
	cli.child.kill('SIGINT');
	const run = await cli.finished;

	// Then the command was killed, and procdash still wrote the summary
	expect(run.exitcode).toBe(130);
	expect(run.summary?.processes).toMatchObject([{name: 'sh', exitcode: -9}]);
	await expectNoneRunning(pidsIn(run.events));
});
