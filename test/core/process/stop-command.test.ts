import {describe, expect, test} from 'vitest';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

// Ignores SIGTERM; ends cleanly on SIGUSR1, which only its stop command sends (to $PROCDASH_PID).
const server = [
	'-c',
	'trap "" TERM; trap "echo quit by command; exit 0" USR1; echo ready; while :; do sleep 0.05; done',
];

describe('a process stopped by a command of its own', () => {
	const orchestrator = useOrchestrator();

	test('stopCommand is checked up front', () => {
		expect(() => new Process({command: 'true', stopCommand: {command: '', args: []}})).toThrow(
			'Process(): stopCommand must be {command, args}: a non-empty string and a list of strings',
		);
	});

	test('stop() runs the stopCommand, with the pid as PROCDASH_PID, and sends no signal', async () => {
		// Given a process only its stop command can end, with a grace far longer than the test
		const child = new Process({
			command: 'sh',
			args: server,
			stopCommand: {command: 'sh', args: ['-c', 'kill -USR1 "$PROCDASH_PID"']},
			graceMs: 60_000,
			orchestrator: orchestrator(),
		});
		const ready = waitForEvent(
			orchestrator().bus,
			'process:output',
			(event) => event.line === 'ready',
		);
		await child.start();
		await ready;
		// When it is stopped
		expect(await child.stop()).toBe(0);
		// Then the command ended it, and no signal was sent by procdash
		const history = orchestrator().bus.history();
		expect(
			history.filter((event) => event.type === 'process:output').map((event) => event.line),
		).toEqual(['ready', 'quit by command']);
		expect(history.filter((event) => event.type === 'process:signalled')).toEqual([]);
		expect(history.find((event) => event.type === 'process:stop-command')).toMatchObject({
			command: 'sh -c kill -USR1 "$PROCDASH_PID"',
			graceMs: 60_000,
		});
	});

	test('a stopCommand that cannot start is no stop: the stop signal, then SIGKILL after the grace', async () => {
		const child = new Process({
			command: 'sh',
			args: server,
			stopCommand: {command: 'procdash-no-such-command', args: []},
			graceMs: 200,
			orchestrator: orchestrator(),
		});
		await child.start();
		expect(await child.stop()).toBe(-9);
		const signals = orchestrator()
			.bus.history()
			.flatMap((event) => (event.type === 'process:signalled' ? [event.signal] : []));
		expect(signals).toEqual(['SIGTERM', 'SIGKILL']);
	});
});
