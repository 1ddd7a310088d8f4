import {expect, test} from 'vitest';
import {Pool} from '../../../source/index.js';
import {eventsOf, orchestratorPerTest, poolTask} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

type Ran = {readonly item: number; readonly pid: number; readonly name: string};

test('maxTasksPerChild replaces a worker after that many tasks', async () => {
	const pool = new Pool({processes: 2, maxTasksPerChild: 2, orchestrator: orchestrator()});
	const items = Array.from({length: 8}, (_, index) => index);
	const ran = await pool.map<Ran>(poolTask('whoRan'), items, {chunksize: 1});
	expect(ran.map((result) => result.item)).toEqual(items);
	// 8 tasks, at most 2 per worker: at least 4 worker processes. (A replacement that is ready
	// while another worker is busy may take the last task, so some may run only one, as in CPython.)
	const perPid = new Map<number, number>();
	for (const {pid} of ran) perPid.set(pid, (perPid.get(pid) ?? 0) + 1);
	expect(perPid.size).toBeGreaterThanOrEqual(4);
	expect(Math.max(...perPid.values())).toBe(2);
	const replaced = eventsOf(orchestrator().bus, 'pool:worker-replaced');
	expect(replaced.length).toBeGreaterThanOrEqual(2);
	expect(replaced.every((event) => event.reason === 'max-tasks')).toBe(true);
	expect(eventsOf(orchestrator().bus, 'pool:worker-died')).toEqual([]);
});

test('a chunk counts as one task toward maxTasksPerChild', async () => {
	const pool = new Pool({processes: 1, maxTasksPerChild: 1, orchestrator: orchestrator()});
	const items = Array.from({length: 8}, (_, index) => index);
	const ran = await pool.map<Ran>(poolTask('whoRan'), items, {chunksize: 4});
	const pids = [...new Set(ran.map((result) => result.pid))];
	// Two chunks of four: each ran whole in one worker, and each worker ran one chunk.
	expect(pids).toHaveLength(2);
	expect(ran.slice(0, 4).every((result) => result.pid === pids[0])).toBe(true);
	expect(ran.slice(4).every((result) => result.pid === pids[1])).toBe(true);
});
