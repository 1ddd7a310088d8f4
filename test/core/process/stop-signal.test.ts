import {describe, expect, test} from 'vitest';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

// Says which signal reached it and exits 0 on SIGINT; ignores SIGTERM.
const listener = [
	'-c',
	'trap "echo got INT; exit 0" INT; trap "" TERM; echo ready; while :; do sleep 0.05; done',
];

describe('a process stopped with its own signal and grace', () => {
	const orchestrator = useOrchestrator();

	test('stopSignal and graceMs are checked up front', () => {
		expect(() => new Process({command: 'true', stopSignal: 'SIGBOGUS' as never})).toThrow(
			`Process(): stopSignal must be a signal's name, such as 'SIGTERM' or 'SIGINT', got "SIGBOGUS"`,
		);
		expect(() => new Process({command: 'true', graceMs: -1})).toThrow(
			'Process(): graceMs must be a number of milliseconds ≥ 0, got -1',
		);
	});

	test("stop() begins with the process's stopSignal, which it acts on", async () => {
		const child = new Process({
			command: 'sh',
			args: listener,
			stopSignal: 'SIGINT',
			orchestrator: orchestrator(),
		});
		const ready = waitForEvent(
			orchestrator().bus,
			'process:output',
			(event) => event.line === 'ready',
		);
		await child.start();
		await ready;
		expect(await child.stop()).toBe(0);
		const said = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'process:output')
			.map((event) => event.line);
		expect(said).toEqual(['ready', 'got INT']);
	});

	test('stop() waits its own graceMs before SIGKILL when the stop signal is ignored', async () => {
		const child = new Process({
			command: 'sh',
			args: listener,
			graceMs: 300,
			orchestrator: orchestrator(),
		});
		const ready = waitForEvent(
			orchestrator().bus,
			'process:output',
			(event) => event.line === 'ready',
		);
		await child.start();
		await ready;
		expect(await child.stop()).toBe(-9);
		const signals = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'process:signalled');
		expect(signals.map((event) => [event.signal, event.graceMs])).toEqual([
			['SIGTERM', 300],
			['SIGKILL', undefined],
		]);
		expect((signals[1]?.at ?? 0) - (signals[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
	});
});
