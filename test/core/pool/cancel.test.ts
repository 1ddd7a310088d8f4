import {describe, expect, test} from 'vitest';
import {
	AbortError,
	Pool,
	type PoolBackend,
	PoolQueueFullError,
	ProcdashError,
} from '../../../source/index.js';
import {
	eventsOf,
	Gates,
	orchestratorPerTest,
	poolTask,
	rejectionOf,
	waitForEvent,
} from '../../helpers/pool.js';
import {isRunning, waitFor} from '../../helpers/processes.js';

const orchestrator = orchestratorPerTest();

describe.each<PoolBackend>(['process', 'thread'])('a %s pool', (backend) => {
	const pool = (options: {processes: number; maxQueue?: number | 'auto'}) =>
		new Pool({...options, backend, orchestrator: orchestrator()});

	test('map with a signal: aborted, its queued tasks are dropped, its running ones stopped, and the pool works on', async () => {
		// Given a map of four gated tasks on two workers: two running, two queued
		await using squares = pool({processes: 2});
		const {bus} = orchestrator();
		const gates = new Gates();
		const controller = new AbortController();
		const pending = rejectionOf(
			squares.map(
				poolTask('gated'),
				['a', 'b', 'c', 'd'].map((id) => gates.gate(id)),
				{chunksize: 1, signal: controller.signal},
			),
		);
		await waitFor(() => eventsOf(bus, 'pool:task-started').length === 2);
		const workers = orchestrator()
			.processes()
			.filter((member) => member.name.startsWith('Pool'));

		// When the signal aborts
		controller.abort(new Error('the user pressed q'));
		const error = await pending;

		// Then the call rejects with an AbortError carrying the signal's reason
		expect(error).toBeInstanceOf(AbortError);
		expect(error).toBeInstanceOf(ProcdashError);
		expect(error).toMatchObject({
			name: 'AbortError',
			reason: 'aborted',
			message: `map() on ${squares.name} was aborted`,
			cause: new Error('the user pressed q'),
		});
		// And the two running tasks were stopped with their workers, which are replaced
		const cancelled = await waitForEvent(bus, 'pool:call-cancelled');
		expect(cancelled).toMatchObject({call: 'map', queued: 2, running: 2});
		await waitFor(
			() =>
				eventsOf(bus, 'pool:worker-replaced').filter(({reason}) => reason === 'cancelled')
					.length === 2,
		);
		await waitFor(() => workers.every((worker) => worker.exitcode !== null));
		if (backend === 'process')
			expect(workers.map((worker) => isRunning(worker.pid as number))).toEqual([false, false]);
		expect(eventsOf(bus, 'pool:worker-died')).toEqual([]);
		// And the pool goes on
		expect(squares.state).toBe('running');
		expect(await squares.map(poolTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
		gates.remove();
	});

	test('apply with timeoutMs rejects with an AbortError naming the timeout; the pool goes on', async () => {
		await using squares = pool({processes: 1});
		const gates = new Gates();

		const error = await rejectionOf(
			squares.apply(poolTask('gated'), [gates.gate('never')], {timeoutMs: 100}),
		);

		expect(error).toBeInstanceOf(AbortError);
		expect(error).toMatchObject({
			reason: 'timeout',
			message: `apply() on ${squares.name} timed out after 100 ms`,
		});
		expect(await squares.apply(poolTask('add'), [20, 22])).toBe(42);
		// And a map or starmap that finishes in time is not cancelled later
		const done = await squares.starmap(poolTask('add'), [[1, 2]], {timeoutMs: 60_000});
		expect(done).toEqual([3]);
		expect(
			await rejectionOf(squares.map(poolTask('gated'), [gates.gate('never-too')], {timeoutMs: 50})),
		).toMatchObject({name: 'AbortError', reason: 'timeout'});
		gates.remove();
	});

	test('a cancelled starmap still queued takes nothing from the call running before it', async () => {
		// Given a worker busy with another call, and a starmap waiting behind it
		await using adder = pool({processes: 1});
		const {bus} = orchestrator();
		const gates = new Gates();
		const first = adder.apply(poolTask('gated'), [gates.gate('first')]);
		await waitForEvent(bus, 'pool:task-started');
		const controller = new AbortController();
		const waiting = rejectionOf(
			adder.starmap(
				poolTask('add'),
				[
					[1, 2],
					[3, 4],
				],
				{signal: controller.signal},
			),
		);

		// When it is aborted
		controller.abort();

		// Then it rejects, and the running call finishes on the same worker
		expect(await waiting).toMatchObject({name: 'AbortError', reason: 'aborted'});
		expect(await waitForEvent(bus, 'pool:call-cancelled')).toMatchObject({
			call: 'starmap',
			queued: 2,
			running: 0,
		});
		gates.open('first');
		expect(await first).toBe('first');
		expect(eventsOf(bus, 'pool:worker-replaced')).toEqual([]);
		gates.remove();
	});

	test('tasks of other calls sent ahead to the same worker survive a cancel, whichever runs first', async () => {
		// Given a worker that has seen tiny tasks, so that it is sent the next ones ahead
		await using one = pool({processes: 1});
		const gates = new Gates();
		expect(await one.map(poolTask('square'), [1, 2, 3], {chunksize: 1})).toEqual([1, 4, 9]);

		// When a running call is cancelled with another's task behind it
		const running = new AbortController();
		const cancelled = rejectionOf(
			one.apply(poolTask('gated'), [gates.gate('never')], {signal: running.signal}),
		);
		const behind = one.apply(poolTask('add'), [1, 2]);
		running.abort();

		// Then the call behind it still gets its answer (from the replacement worker)
		expect(await cancelled).toBeInstanceOf(AbortError);
		expect(await behind).toBe(3);

		// When a call sent ahead behind another's running task is cancelled (the replacement
		// warmed up first, as its first worker was)
		expect(await one.map(poolTask('square'), [1, 2, 3], {chunksize: 1})).toEqual([1, 4, 9]);
		const ahead = new AbortController();
		const first = one.apply(poolTask('gated'), [gates.gate('first')]);
		const dropped = rejectionOf(one.apply(poolTask('add'), [5, 5], {signal: ahead.signal}));
		ahead.abort();

		// Then it rejects, the running call finishes, and the worker goes on serving
		expect(await dropped).toBeInstanceOf(AbortError);
		gates.open('first');
		expect(await first).toBe('first');
		expect(await one.starmap(poolTask('add'), [[2, 3]])).toEqual([5]);
		gates.remove();
	});

	test('imap and imapUnordered: the iteration rejects with an AbortError after the values it gave', async () => {
		await using pool2 = pool({processes: 2});
		const gates = new Gates();
		for (const method of ['imap', 'imapUnordered'] as const) {
			const controller = new AbortController();
			const results = pool2[method](
				poolTask('gated'),
				[`${method}-0`, `${method}-1`, `${method}-2`].map((id) => gates.gate(id)),
				{signal: controller.signal},
			);
			gates.open(`${method}-0`);
			expect(await results.next()).toEqual({value: `${method}-0`, done: false});

			controller.abort();

			expect(await rejectionOf(results.next())).toMatchObject({
				name: 'AbortError',
				message: `${method}() on ${pool2.name} was aborted`,
			});
		}
		// And with timeoutMs
		const timed = pool2.imap(poolTask('gated'), [gates.gate('never')], {timeoutMs: 50});
		expect(await rejectionOf(timed.next())).toMatchObject({name: 'AbortError', reason: 'timeout'});
		expect(await pool2.map(poolTask('square'), [4])).toEqual([16]);
		gates.remove();
	});

	test('a signal already aborted rejects the call before anything is queued', async () => {
		await using squares = pool({processes: 1});
		const signal = AbortSignal.abort();

		expect(await rejectionOf(squares.map(poolTask('square'), [1, 2], {signal}))).toBeInstanceOf(
			AbortError,
		);
		expect(
			await rejectionOf(squares.imapUnordered(poolTask('square'), [1], {signal}).next()),
		).toBeInstanceOf(AbortError);
		expect(eventsOf(orchestrator().bus, 'pool:task-queued')).toEqual([]);
	});

	test('maxQueue: a call that would queue more tasks than it allows rejects and queues nothing', async () => {
		// Given one worker busy and one task waiting, with room for one waiting task
		await using bounded = pool({processes: 1, maxQueue: 1});
		const gates = new Gates();
		const busy = bounded.apply(poolTask('gated'), [gates.gate('busy')]);
		const waiting = bounded.apply(poolTask('gated'), [gates.gate('waiting')]);

		// When another task is asked for
		const full = await rejectionOf(bounded.apply(poolTask('add'), [1, 2]));
		const fullMap = await rejectionOf(bounded.map(poolTask('square'), [1, 2], {chunksize: 1}));

		// Then it is refused, naming the bound
		expect(full).toBeInstanceOf(PoolQueueFullError);
		expect(full.message).toBe(
			`${bounded.name}'s queue is full: apply() would add 1 task to the 1 waiting for a worker (maxQueue 1, beyond one task per worker)`,
		);
		expect(fullMap).toBeInstanceOf(PoolQueueFullError);
		// And once the queue drains there is room again
		gates.open('busy');
		gates.open('waiting');
		expect([await busy, await waiting]).toEqual(['busy', 'waiting']);
		expect(await bounded.map(poolTask('square'), [1, 2], {chunksize: 1})).toEqual([1, 4]);
		gates.remove();
	});
});

test("maxQueue 'auto' is processes², as piscina's", async () => {
	// Given two workers: room for two running tasks and four waiting
	await using pool = new Pool({processes: 2, maxQueue: 'auto', orchestrator: orchestrator()});
	const gates = new Gates();
	const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
	const six = pool.map(
		poolTask('gated'),
		ids.map((id) => gates.gate(id)),
		{chunksize: 1},
	);

	expect(await rejectionOf(pool.apply(poolTask('add'), [1]))).toBeInstanceOf(PoolQueueFullError);
	for (const id of ids) gates.open(id);
	expect(await six).toEqual(ids);
	gates.remove();
});

test('signal, timeoutMs and maxQueue are checked up front, naming the option and the value', async () => {
	await using pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const square = poolTask('square');

	expect(await rejectionOf(pool.map(square, [1], {signal: {} as AbortSignal}))).toStrictEqual(
		new TypeError('map(): signal must be an AbortSignal, got an object'),
	);
	expect(await rejectionOf(pool.apply(square, [1], {timeoutMs: -1}))).toStrictEqual(
		new TypeError('apply(): timeoutMs must be a number of milliseconds ≥ 0, got -1'),
	);
	expect(() => new Pool({maxQueue: -1, orchestrator: orchestrator()})).toThrow(
		new RangeError('Pool(): maxQueue must be a whole number ≥ 0, got -1'),
	);
	expect(
		() => new Pool({maxQueue: 'many' as unknown as number, orchestrator: orchestrator()}),
	).toThrow(new TypeError(`Pool(): maxQueue must be a whole number ≥ 0 or 'auto', got "many"`));
});
