import {describe, expect, it} from 'vitest';
import {fold, Lock, SharedArray, type Snapshot, Value} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: only there is every change an event of its own, by the process that made it;
// process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

function lockRow(snapshot: Snapshot, name: string) {
	const row = snapshot.shared.locks.find((lock) => lock.name === name);
	if (!row) throw new Error(`no lock row named ${name}`);
	return row;
}

describe('snapshot of shared state', () => {
	const orchestrator = useOrchestrator();

	it('carries each value and array as the last change left it, and who changed it', async () => {
		const value = new Value('i', 7, {name: 'hits', orchestrator: orchestrator()});
		const array = new SharedArray('i', [1, 2, 3, 4, 5], {
			name: 'slots',
			orchestrator: orchestrator(),
		});
		const changer = await startSharedTask(orchestrator(), 'useValue', [value], 'changer');
		const filler = await startSharedTask(orchestrator(), 'useArray', [array], 'filler');
		await Promise.all([changer.join(), filler.join()]);

		const {shared} = fold(orchestrator().bus.history());

		expect(shared.values).toEqual([
			expect.objectContaining({
				name: 'hits',
				typecode: 'i',
				value: 20,
				changes: 3,
				lastBy: 'changer',
			}),
		]);
		expect(shared.arrays).toEqual([
			expect.objectContaining({name: 'slots', typecode: 'i', values: [1, 20, 33, 4, 5]}),
		]);
	});

	it('carries each lock’s holder with its hold start, and its waiters first come first', async () => {
		// Given a lock the test holds, with two children queued behind it in a known order
		const bus = orchestrator().bus;
		const lock = new Lock({name: 'queue', orchestrator: orchestrator()});
		await lock.acquire();
		const held = await waitForEvent(bus, 'lock:acquired');
		const waiters = [];
		for (const name of ['first', 'second']) {
			const child = await startSharedTask(orchestrator(), 'takeLockOnce', [lock], name);
			const requested = await waitForEvent(
				bus,
				'lock:requested',
				(event) => event.by.id === child.id,
			);
			waiters.push({child, requested});
		}

		// Then the snapshot shows what the broker knows
		const queued = lockRow(fold(bus.history()), 'queue');
		expect(queued.holder).toEqual({name: 'MainProcess', pid: process.pid, since: held.at});
		expect(queued.waiters).toEqual(
			waiters.map(({child, requested}) => ({
				name: child.name,
				pid: child.pid,
				since: requested.at,
			})),
		);
		expect(queued.waiters.map((waiter) => waiter.name)).toEqual(
			lock.waiters.map((waiter) => waiter.name),
		);

		// When the test lets go and both children have had their turn
		await lock.release();
		await Promise.all(waiters.map(({child}) => child.join()));

		// Then the lock is free, nobody waits, and three acquisitions were counted
		const done = lockRow(fold(bus.history()), 'queue');
		expect(done).toMatchObject({holder: undefined, waiters: [], acquisitions: 3});
	});

	it('marks a lock abandoned by a killed holder, naming the holder', async () => {
		const bus = orchestrator().bus;
		const lock = new Lock({name: 'ledger', orchestrator: orchestrator()});
		const holder = await startSharedTask(orchestrator(), 'holdLockForever', [lock], 'holder');
		const acquired = await waitForEvent(bus, 'lock:acquired', (event) => event.by.id === holder.id);
		expect(lockRow(fold(bus.history()), 'ledger').holder).toEqual({
			name: 'holder',
			pid: holder.pid,
			since: acquired.at,
		});

		holder.kill();
		await holder.join();
		const abandoned = await waitForEvent(bus, 'lock:abandoned');

		expect(lockRow(fold(bus.history()), 'ledger')).toMatchObject({
			holder: undefined,
			abandoned: {name: 'holder', pid: holder.pid, at: abandoned.at},
		});
	});
});
