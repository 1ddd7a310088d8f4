import {expect, test} from 'vitest';
import {averageTasksPerSecond, depthSeries, tasksPerSecond} from '../../../source/index.js';
import {handWrittenPool} from '../../helpers/pool-events.js';

// The reducer is pure: these events are written by hand, on a clock the test sets.

test('a pool row counts queued, running, done and failed items, and its workers busy or idle', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.workerUp(2);
	p.queued(4);
	p.started(1, 1);
	p.started(2, 2);
	expect(p.pool()).toMatchObject({queued: 2, running: 2, done: 0});
	expect(p.pool().workers.map((worker) => worker.state)).toEqual(['busy', 'busy']);
	p.at(500);
	p.done(1, 1);
	p.failed(2, 2, {name: 'TypeError', message: 'bad'});
	const pool = p.pool();
	expect(pool).toMatchObject({queued: 2, running: 0, done: 1, failed: 1});
	expect(pool.workers).toMatchObject([
		{name: 'PoolWorker-1', pid: 1001, state: 'idle', tasksDone: 1},
		{name: 'PoolWorker-2', state: 'idle'},
	]);
	expect(pool.lastFailure).toMatchObject({taskId: 2, first: 1, worker: 'PoolWorker-2'});
	expect(pool.lastFailure?.error.name).toBe('TypeError');
});

test('a cancelled call takes its items out of queued and running, into cancelled', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(4);
	p.started(1, 1);
	p.cancelled(3, 1);
	expect(p.pool()).toMatchObject({queued: 0, running: 0, cancelled: 4, failed: 0});
});

test('a death marks the worker gone, and its replacement starts, then takes tasks', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(1);
	p.started(1, 1);
	p.died(1, 1);
	p.replaced(1, 3);
	expect(p.pool()).toMatchObject({deaths: 1, replacements: 1});
	expect(p.pool().workers.map((worker) => [worker.name, worker.state])).toEqual([
		['PoolWorker-1', 'gone'],
		['PoolWorker-3', 'starting'],
	]);
	p.workerUp(3);
	expect(p.pool().workers[1]).toMatchObject({state: 'idle', pid: 1003});
});

test('the queue-depth history keeps the peak of each quarter second, and is bounded', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(16);
	for (let taskId = 1; taskId <= 16; taskId++) {
		p.at(taskId * 500);
		p.started(taskId, 1);
		p.done(taskId, 1);
	}
	const pool = p.pool();
	expect(pool.queued).toBe(0);
	expect(pool.queueDepth.values[0]).toBe(16);
	// The last bucket held 1 at its start; the next one, with no event, holds the depth since: 0.
	expect(depthSeries(pool, 8000, 40).at(-1)).toBe(1);
	expect(depthSeries(pool, 8250, 40).at(-1)).toBe(0);
	// A long-lived pool keeps only the last 120 buckets (30 s).
	p.at(600_000);
	p.queued(3);
	const later = p.pool();
	expect(later.queueDepth.values).toHaveLength(120);
	expect(later.queueDepth.values.at(-1)).toBe(3);
	expect(depthSeries(later, 601_000, 10)).toEqual([0, 0, 0, 0, 0, 3, 3, 3, 3, 3]);
});

test('tasks per second come from the completions of the last two seconds', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(8);
	for (let taskId = 1; taskId <= 8; taskId++) {
		p.at(10_000 + taskId * 250);
		p.started(taskId, 1);
		p.done(taskId, 1);
	}
	const pool = p.pool();
	// 8 done in the two seconds up to 12 s: 4 a second; nothing in the two seconds up to 20 s.
	expect(tasksPerSecond(pool, 12_000)).toBe(4);
	expect(tasksPerSecond(pool, 20_000)).toBe(0);
	expect(averageTasksPerSecond(pool)).toBeCloseTo(8 / 1.75, 5);
});

test('terminate empties the queue into cancelled; a normal exit marks a worker gone', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(5);
	p.started(1, 1);
	p.bus.emit('pool:closed', {
		poolId: 1,
		pool: 'Pool-1',
		how: 'terminated',
		reason: 'Pool-1 was terminated',
		cancelled: 5,
	});
	p.bus.emit('process:exited', {
		id: 1,
		name: 'PoolWorker-1',
		pid: 1001,
		exitcode: -15,
		signal: 'SIGTERM',
	});
	const pool = p.pool();
	expect(pool).toMatchObject({state: 'terminated', queued: 0, running: 0, cancelled: 5});
	expect(pool.closedReason).toBe('Pool-1 was terminated');
	expect(pool.workers[0]?.state).toBe('gone');
});
