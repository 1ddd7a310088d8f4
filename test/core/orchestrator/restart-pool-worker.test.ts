import {expect, test} from 'vitest';
import {restartProcess} from '../../../source/core/orchestrator/steering.js';
import {Pool, ProcessStateError} from '../../../source/index.js';
import {orchestratorPerTest, poolTask, waitForEvent} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('a pool worker is not restarted from outside: its task goes on, and no stray worker appears', async () => {
	// Given a pool of one whose worker runs a task
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const result = pool.apply(poolTask('nap'), [{index: 7, ms: 300}]);
	const started = await waitForEvent(orchestrator().bus, 'pool:task-started');

	// When it is asked to restart the worker
	const refused = restartProcess(orchestrator(), started.processId);

	// Then it refuses with why, the task finishes, and the pool still has its one worker
	await expect(refused).rejects.toThrow(
		new ProcessStateError(
			`${started.worker} is a worker of ${started.pool}, which replaces its workers itself`,
		),
	);
	expect(await result).toBe(7);
	const workers = orchestrator()
		.processes()
		.filter((member) => member.name.startsWith('PoolWorker-'));
	expect(workers.map((worker) => worker.name)).toEqual([started.worker]);
	await pool.terminate();
});
