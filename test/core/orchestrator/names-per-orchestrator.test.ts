import {afterEach, expect, test} from 'vitest';
import {
	createOrchestrator,
	type Orchestrator,
	Pool,
	Process,
	Thread,
	task,
} from '../../../source/index.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);
const made: Orchestrator[] = [];

afterEach(async () => {
	for (const orchestrator of made.splice(0)) await orchestrator.stop({graceMs: 1000});
});

// What a preset shows must not depend on the presets played before it in the same dashboard.
async function defaultNamesOn(orchestrator: Orchestrator): Promise<string[]> {
	const processes = [1, 2].map(() => new Process({command: 'true', orchestrator}));
	const thread = new Thread({target: task(tasks, 'sleep'), orchestrator});
	const pool = new Pool({processes: 1, orchestrator});
	await pool.terminate();
	return [...processes.map((process) => process.name), thread.name, pool.name];
}

test('default names count from 1 on each orchestrator, as in a program of their own', async () => {
	const first = createOrchestrator();
	const second = createOrchestrator();
	made.push(first, second);
	const names = ['Process-1', 'Process-2', 'Thread-1', 'Pool-1'];
	expect(await defaultNamesOn(first)).toEqual(names);
	expect(await defaultNamesOn(second)).toEqual(names);
});
