import {describe, expect, it} from 'vitest';
import {Process, Thread, task} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';

const sleep = task(new URL('../../fixtures/tasks.js', import.meta.url), 'sleep');

function counterOf(name: string): number {
	const match = /^Process-(\d+)$/.exec(name);
	if (!match) throw new Error(`not a default name: ${name}`);
	return Number(match[1]);
}

describe('Process names', () => {
	const orchestrator = useOrchestrator();

	it('defaults to Process-N, N counting constructions in this runtime', () => {
		const first = new Process({target: sleep, args: [0], orchestrator: orchestrator()});
		const second = new Process({command: 'true', orchestrator: orchestrator()});
		const third = new Process({target: sleep, args: [0], orchestrator: orchestrator()});

		const n = counterOf(first.name);
		expect(n).toBeGreaterThan(0);
		expect(second.name).toBe(`Process-${n + 1}`);
		expect(third.name).toBe(`Process-${n + 2}`);
	});

	it('keeps an explicit name, and the counter still advances (CPython takes it at construction)', () => {
		const before = new Process({command: 'true', orchestrator: orchestrator()});
		const named = new Process({command: 'true', name: 'worker', orchestrator: orchestrator()});
		const after = new Process({command: 'true', orchestrator: orchestrator()});

		expect(named.name).toBe('worker');
		expect(counterOf(after.name)).toBe(counterOf(before.name) + 2);
	});

	it('takes the number at construction, not at start', async () => {
		const early = new Process({command: 'true', orchestrator: orchestrator()});
		const late = new Process({command: 'true', orchestrator: orchestrator()});

		await late.start();
		await early.start();
		await Promise.all([late.join(), early.join()]);

		expect(counterOf(late.name)).toBe(counterOf(early.name) + 1);
	});

	it('carries the name on every event of the process', async () => {
		const named = new Process({command: 'true', name: 'named-one', orchestrator: orchestrator()});
		await named.start();
		await named.join();

		const events = orchestrator()
			.bus.history()
			.filter((event) => 'id' in event && event.id === named.id);
		expect(events.map((event) => event.type)).toEqual([
			'process:created',
			'process:started',
			'process:exited',
		]);
		for (const event of events) expect('name' in event && event.name).toBe('named-one');
	});

	it('rejects a name that is not a non-empty string', () => {
		expect(() => new Process({command: 'true', name: '', orchestrator: orchestrator()})).toThrow(
			TypeError,
		);
	});
});

describe('What a process or thread runs, as listed', () => {
	const orchestrator = useOrchestrator();

	it('shows control characters in a task export name as ?, for a Thread as for a Process', () => {
		const evil = task(new URL('../../fixtures/tasks.js', import.meta.url), 'x\u001b]0;PWNED\u0007');
		const process = new Process({target: evil, orchestrator: orchestrator()});
		const thread = new Thread({target: evil, orchestrator: orchestrator()});
		const targets = orchestrator()
			.bus.history()
			.flatMap((event) => (event.type === 'process:created' ? [event.target] : []));
		expect(targets).toEqual(['tasks.js#x?]0;PWNED?', 'tasks.js#x?]0;PWNED?']);
		expect([process.kind, thread.kind]).toEqual(['task', 'thread']);
	});
});
