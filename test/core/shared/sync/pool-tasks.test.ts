import {describe, expect, it} from 'vitest';
import {Pool, Queue, task} from '../../../../source/index.js';
import {useOrchestrator} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('a Queue passed to Pool tasks', () => {
	const orchestrator = useOrchestrator();

	for (const backend of ['process', 'thread'] as const) {
		it(`reaches the owner from a ${backend} pool's tasks`, async () => {
			const queue = new Queue({maxsize: 3, orchestrator: orchestrator()});
			const pool = new Pool({processes: 2, backend, orchestrator: orchestrator()});
			try {
				const items = [1, 2, 3, 4, 5, 6];
				const mapping = pool.starmap(
					task(tasks, 'putFromPool'),
					items.map((item) => [queue, item]),
				);
				const got: unknown[] = [];
				for (const _ of items) got.push(await queue.get());
				expect(await mapping).toEqual(items);
				expect([...got].sort()).toEqual(items);
			} finally {
				await pool.terminate();
			}
		});
	}
});
