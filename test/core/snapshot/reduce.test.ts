import {describe, expect, it} from 'vitest';
import {
	type BusEvent,
	EventBus,
	emptySnapshot,
	fold,
	Process,
	type ProcessRow,
	reduce,
	type Snapshot,
	task,
} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {procState, waitFor} from '../../helpers/processes.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

/** A life of two processes, made on a bus with a fixed clock so the events are reproducible. */
function recordedEvents(): BusEvent[] {
	let now = 0;
	const bus = new EventBus({now: () => now++});
	const one = {id: 1, name: 'Process-1'};
	const two = {id: 2, name: 'Process-2'};
	bus.emit('process:created', {...one, kind: 'task', daemon: false, target: 'tasks.js#sleep'});
	bus.emit('process:created', {...two, kind: 'command', daemon: true, target: 'sleep 60'});
	bus.emit('process:started', {...one, pid: 101, ppid: 100});
	bus.emit('process:started', {...two, pid: 102, ppid: 100});
	bus.emit('process:signalled', {...two, pid: 102, signal: 'SIGSTOP'});
	bus.emit('process:output', {...one, stream: 'stdout', line: 'hello'});
	bus.emit('process:error', {...one, error: {name: 'TaskFailure', message: 'boom'}});
	bus.emit('process:exited', {...one, pid: 101, exitcode: 1, signal: null});
	return bus.history();
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

function rowOf(snapshot: Snapshot, id: number): ProcessRow {
	const row = snapshot.processes.find((candidate) => candidate.id === id);
	if (!row) throw new Error(`no row for process ${id}`);
	return row;
}

describe('snapshot reducer', () => {
	it('starts empty', () => {
		expect(emptySnapshot.processes).toEqual([]);
		expect(emptySnapshot.seq).toBe(0);
		expect(fold([])).toBe(emptySnapshot);
	});

	it('keeps the lists of a sample that changes no figure, and makes new ones when one changes', () => {
		let now = 0;
		const bus = new EventBus({now: () => now++});
		bus.emit('process:created', {id: 1, name: 'web', kind: 'command', daemon: false, target: 'sh'});
		bus.emit('process:started', {id: 1, name: 'web', pid: 101, ppid: 100});
		const sample = (cpu: number, load: number) =>
			bus.emit('stats:sampled', {
				processes: [
					{pid: 101, ppid: 100, cpu, memory: 4096, command: 'sh'},
					{pid: 102, ppid: 101, cpu: 0, memory: 2048, command: 'sleep'},
				],
				machine: {cpu: load, cores: 2, memoryUsed: 1, memoryTotal: 2},
			});
		sample(1, 10);
		const first = fold(bus.history());
		// The machine's load changes; the processes' figures do not.
		sample(1, 55);
		const same = fold(bus.history().slice(-1), first);
		expect(same.processes).toBe(first.processes);
		expect(same.descendants).toBe(first.descendants);
		expect(same.machine?.cpu).toBe(55);
		sample(2, 55);
		const moved = fold(bus.history().slice(-1), same);
		expect(moved.processes).not.toBe(same.processes);
		expect(rowOf(moved, 1).cpu).toBe(2);
		expect(moved.descendants).toBe(same.descendants);
	});

	it('turns events into rows: created, running, paused, failed with the exit code', () => {
		const snapshot = fold(recordedEvents());

		expect(snapshot.processes.map((row) => row.id)).toEqual([1, 2]);
		expect(rowOf(snapshot, 1)).toMatchObject({
			name: 'Process-1',
			kind: 'task',
			state: 'failed',
			pid: 101,
			ppid: 100,
			exitcode: 1,
			error: {name: 'TaskFailure', message: 'boom'},
		});
		expect(rowOf(snapshot, 2)).toMatchObject({
			state: 'paused',
			pid: 102,
			daemon: true,
			exitcode: null,
		});
		expect(snapshot.seq).toBe(8);
	});

	it('moves a paused row back to running on SIGCONT, and to exited on exit 0', () => {
		const events = recordedEvents();
		let now = 100;
		const bus = new EventBus({now: () => now++});
		const two = {id: 2, name: 'Process-2'};
		bus.emit('process:signalled', {...two, pid: 102, signal: 'SIGCONT'});
		const resumed = reduce(fold(events), bus.history()[0] as BusEvent);
		expect(rowOf(resumed, 2).state).toBe('running');

		bus.emit('process:exited', {...two, pid: 102, exitcode: 0, signal: null});
		const exited = reduce(resumed, bus.history()[1] as BusEvent);
		expect(rowOf(exited, 2)).toMatchObject({state: 'exited', exitcode: 0});
	});

	it('is pure: the same input gives the same output, and the input is not mutated', () => {
		const events = deepFreeze(recordedEvents());
		const copy = structuredClone(events);

		const first = fold(events);
		const second = fold(events);
		const frozenFrom = deepFreeze(fold(events.slice(0, 4)));
		const continued = fold(events.slice(4), frozenFrom);

		expect(second).toEqual(first);
		expect(continued).toEqual(first);
		expect(events).toEqual(copy);
		expect(rowOf(frozenFrom, 1).state).toBe('running');
	});

	it('ignores events about a process it has never seen', () => {
		const [, , , , , , , exited] = recordedEvents();
		const snapshot = reduce(emptySnapshot, exited as BusEvent);

		expect(snapshot.processes).toEqual([]);
		expect(snapshot.seq).toBe(exited?.seq);
	});
});

describe('snapshot of real processes', () => {
	const orchestrator = useOrchestrator();

	it('shows running, paused, exited and failed rows with their exit codes', async () => {
		const bus = orchestrator().bus;
		const sleeper = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			orchestrator: orchestrator(),
		});
		const returner = new Process({
			target: task(tasks, 'echo'),
			args: ['ok'],
			orchestrator: orchestrator(),
		});
		const thrower = new Process({
			target: task(tasks, 'fail'),
			args: ['no'],
			orchestrator: orchestrator(),
		});
		for (const child of [sleeper, returner, thrower]) await child.start();
		await returner.join();
		await thrower.join();

		expect(rowOf(fold(bus.history()), sleeper.id).state).toBe('running');
		expect(rowOf(fold(bus.history()), returner.id)).toMatchObject({
			state: 'exited',
			exitcode: 0,
			returned: 'ok',
		});
		expect(rowOf(fold(bus.history()), thrower.id)).toMatchObject({
			state: 'failed',
			exitcode: 1,
			error: {name: 'TaskFailure', message: 'no'},
		});

		sleeper.pause();
		await waitFor(() => procState(sleeper.pid as number) === 'T');
		expect(rowOf(fold(bus.history()), sleeper.id).state).toBe('paused');

		sleeper.resume();
		expect(rowOf(fold(bus.history()), sleeper.id).state).toBe('running');

		sleeper.terminate();
		await sleeper.join();
		expect(rowOf(fold(bus.history()), sleeper.id)).toMatchObject({
			state: 'exited',
			exitcode: -15,
			signal: 'SIGTERM',
		});
	});

	it('records the stop: stopping while it runs, then stopped with no survivors', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		await orchestrator().stop({graceMs: 500});

		const snapshot = fold(orchestrator().bus.history());
		expect(snapshot.stopping).toBeUndefined();
		expect(snapshot.stopped).toEqual({survivors: []});
		expect(rowOf(snapshot, child.id).exitcode).toBe(-15);
	});
});
