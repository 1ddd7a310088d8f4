import {describe, expect, test} from 'vitest';
import {Lock, Value} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: the kills follow each acquisition, which only the broker tells one by one; test/core/shared/process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

describe('a lock whose holders are killed', () => {
	const orchestrator = useOrchestrator();

	const children = 3;
	const times = 40;
	// The acquisitions (counted over all children) at which the new holder is SIGKILLed.
	const killAt = new Set([10, 35]);

	test('holders killed mid-hold: each lock is abandoned and recovered, the waiters go on, no update is lost', async () => {
		// Given three children each doing 40 read-then-write increments under one lock
		const {bus} = orchestrator();
		const counter = new Value('i', 0, {name: 'counter', orchestrator: orchestrator()});
		const arrived = new Value('i', 0, {orchestrator: orchestrator()});
		const lock = new Lock({name: 'lock', orchestrator: orchestrator()});
		let acquisitions = 0;
		bus.subscribe((event) => {
			if (event.type !== 'lock:acquired' || !killAt.has(++acquisitions)) return;
			// When the child that just took the lock is killed before it can release it
			orchestrator().find(event.by.id)?.kill();
		});
		const processes = await Promise.all(
			Array.from({length: children}, (_, index) =>
				startSharedTask(
					orchestrator(),
					'incrementLocked',
					[counter, lock, arrived, children, times],
					`worker-${index + 1}`,
				),
			),
		);
		const exitcodes = await Promise.all(processes.map((process) => process.join()));

		// Then the two killed holders died with -9, and the others finished every increment
		expect(exitcodes.filter((code) => code === -9)).toHaveLength(killAt.size);
		expect(exitcodes.filter((code) => code === 0)).toHaveLength(children - killAt.size);

		// Each death released the lock as abandoned, naming the dead holder; the lock is free
		const history = bus.history();
		const abandoned = history.filter((event) => event.type === 'lock:abandoned');
		expect(abandoned.map((event) => event.holder.id).sort()).toEqual(
			processes.filter((process) => process.exitcode === -9).map((process) => process.id),
		);
		expect(lock.holder).toBeUndefined();
		expect(lock.waiters).toEqual([]);

		// Never two holders at once
		let holder: number | undefined;
		for (const event of history) {
			if (event.type === 'lock:acquired') {
				expect(holder).toBeUndefined();
				holder = event.by.id;
			} else if (event.type === 'lock:released' && event.id === lock.id) {
				expect(event.by.id).toBe(holder);
				holder = undefined;
			} else if (event.type === 'lock:abandoned') {
				expect(event.holder.id).toBe(holder);
				holder = undefined;
			}
		}

		// And the counter holds exactly the writes made: none lost to a broken lock
		const writes = history.filter(
			(event) => event.type === 'value:changed' && event.id === counter.id && event.by.id > 0,
		);
		expect(counter.value).toBe(writes.length);
		expect(counter.value).toBeGreaterThanOrEqual((children - killAt.size) * times);
	});
});
