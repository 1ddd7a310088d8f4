import {describe, expect, test} from 'vitest';
import type {Actor} from '../../source/core/events/index.js';
import type {Process} from '../../source/index.js';
import {useDashboard} from '../helpers/dashboard.js';
import type {Terminal} from '../helpers/render.js';
import {handWrittenSync} from '../helpers/sync-events.js';

/** Every frame drawn so far that is not empty: each line within `columns`, at most `rows` lines. */
function expectEveryFrameFits(screen: Terminal, columns: number, rows: number): void {
	const drawn = screen.frames.filter((frame) => frame.trim() !== '');
	expect(drawn.length).toBeGreaterThan(0);
	for (const frame of drawn) {
		const lines = frame.split('\n');
		const widest = Math.max(...lines.map((line) => [...line].length));
		expect(widest, `a line wider than ${columns} in:\n${frame}`).toBeLessThanOrEqual(columns);
		expect(lines.length, `more than ${rows} lines in:\n${frame}`).toBeLessThanOrEqual(rows);
	}
}

function actor(process: Process): Actor {
	if (process.pid === undefined) throw new Error(`${process.name} has no pid`);
	return {id: 0, name: process.name, pid: process.pid};
}

describe('the Queues and Sync panels in the dashboard', () => {
	const dashboard = useDashboard();

	/**
	 * Four sleeping processes, and the broker's events (written by hand on the orchestrator's bus)
	 * of a full queue they block on, a pipe, a lock, a semaphore and an event they wait for.
	 */
	async function blockedEverywhere() {
		const [producer, consumer, runner, worker] = await Promise.all(
			['producer', 'consumer', 'runner', 'worker'].map((name) =>
				dashboard.start(name, 'sleep', '30'),
			),
		);
		if (!producer || !consumer || !runner || !worker) throw new Error('not started');
		const s = handWrittenSync(dashboard.orchestrator().bus);
		const jobs = s.queue(901, 'jobs', 'joinable', 2);
		jobs.emit('queue:put', {by: actor(producer), count: 2}, {depth: 2, puts: 2, unfinished: 2});
		jobs.emit('queue:waiting', {by: actor(producer), side: 'put'}, {putters: [actor(producer)]});
		const pipe = s.pipe(902, 'Pipe-1');
		pipe.emit(
			'pipe:waiting',
			{by: actor(consumer), end: 'b'},
			{receivers: {a: [], b: [actor(consumer)]}},
		);
		const start = s.object(903, 'start', 'event', {set: false});
		start.emit('sync:waiting', {by: actor(runner)}, {waiters: [actor(runner)]});
		const gate = s.object(904, 'gate', 'semaphore', {permits: 0, initial: 1});
		gate.emit('sync:waiting', {by: actor(worker)}, {waiters: [actor(worker)]});
		const bus = dashboard.orchestrator().bus;
		bus.emit('lock:created', {id: 905, name: 'db'});
		bus.emit('lock:acquired', {id: 905, name: 'db', by: actor(consumer), waitedMs: 0});
		// More than the Sync panel has room for
		for (let index = 1; index <= 5; index++) {
			s.object(910 + index, `meet-${index}`, 'barrier', {parties: 2, broken: false, passed: 0});
		}
	}

	for (const [columns, rows] of [
		[120, 40],
		[80, 24],
	] as const) {
		test(`at ${columns}×${rows} both panels show, each blocked process says what it waits on, and every frame fits`, async () => {
			await blockedEverywhere();
			const screen = dashboard.open({columns, rows});
			const frame = await screen.waitForFrame(
				(text) => /^Queues/m.test(text) && /^Sync/m.test(text) && text.includes('(put)'),
			);
			// Each row names the object its process waits on, in place of its state
			expect(frame).toMatch(/^[› ] producer +\d+ +\d+ waiting on jobs \(put\)/m);
			expect(frame).toMatch(/^[› ] consumer +\d+ +\d+ waiting on Pipe-1 \(recv\)/m);
			expect(frame).toMatch(/^[› ] runner +\d+ +\d+ waiting on start /m);
			expect(frame).toMatch(/^[› ] worker +\d+ +\d+ waiting on gate /m);
			// The panels: the queue full with its blocked producer, the pipe, the lock and the others
			expect(frame).toMatch(/^ {2}jobs +2\/2 .* put: producer/m);
			expect(frame).toMatch(/^ {2}Pipe-1 +a ⇄ consumer · → 0 ← 0 · 0\.0 msg\/s · recv: consumer/m);
			expect(frame).toMatch(/^ {2}db +held by consumer/m);
			expect(frame).toMatch(/^ {2}start +event clear +waiters: runner/m);
			// The Sync panel says how many of its eight rows it shows
			expect(frame).toMatch(/^Sync · [2-5] of 8 shown$/m);
			expectEveryFrameFits(screen, columns, rows);
		});
	}
});
