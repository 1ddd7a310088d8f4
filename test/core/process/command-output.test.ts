import {describe, expect, it} from 'vitest';
import {type EventOf, Process, task} from '../../../source/index.js';
import {eventsOf, useOrchestrator} from '../../helpers/orchestrator.js';

type Output = EventOf<'process:output'>;

describe('process output', () => {
	const orchestrator = useOrchestrator();

	function outputOf(child: Process): Output[] {
		return eventsOf(orchestrator().bus, child.id).filter(
			(event): event is Output => event.type === 'process:output',
		);
	}

	function lines(child: Process, stream: 'stdout' | 'stderr'): string[] {
		return outputOf(child)
			.filter((event) => event.stream === stream)
			.map((event) => event.line);
	}

	it('captures a command’s stdout and stderr line by line, in order, last line included', async () => {
		const script = [
			'echo "out one"',
			'echo "err one" >&2',
			'echo "out two"',
			'printf "err last" >&2',
			'printf "out last"',
		].join('; ');
		const child = new Process({command: 'sh', args: ['-c', script], orchestrator: orchestrator()});
		await child.start();
		await child.join();

		expect(lines(child, 'stdout')).toEqual(['out one', 'out two', 'out last']);
		expect(lines(child, 'stderr')).toEqual(['err one', 'err last']);
		for (const event of outputOf(child)) expect(event.name).toBe(child.name);
	});

	it('keeps lines whole when they arrive in pieces, and keeps empty lines', async () => {
		const script = 'printf "par"; sleep 0.05; printf "tial\\n\\nnext\\n"';
		const child = new Process({command: 'sh', args: ['-c', script], orchestrator: orchestrator()});
		await child.start();
		await child.join();

		expect(lines(child, 'stdout')).toEqual(['partial', '', 'next']);
	});

	it('captures a task’s output, and every line comes before the exit event', async () => {
		const child = new Process({
			target: task(new URL('../../fixtures/tasks.js', import.meta.url), 'printLines'),
			orchestrator: orchestrator(),
		});
		await child.start();
		await child.join();

		expect(lines(child, 'stdout')).toEqual(['out one', 'out two', 'out last']);
		expect(lines(child, 'stderr')).toEqual(['err one', 'err last']);
		const types = eventsOf(orchestrator().bus, child.id).map((event) => event.type);
		expect(types.at(-1)).toBe('process:exited');
		expect(types.indexOf('process:started')).toBeLessThan(types.indexOf('process:output'));
	});

	it('strips the carriage return of CRLF lines', async () => {
		const child = new Process({
			command: 'printf',
			args: ['one\\r\\ntwo\\r\\n'],
			orchestrator: orchestrator(),
		});
		await child.start();
		await child.join();

		expect(lines(child, 'stdout')).toEqual(['one', 'two']);
	});
});
