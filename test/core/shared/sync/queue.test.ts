import {describe, expect, it} from 'vitest';
import {
	JoinableQueue,
	Process,
	Queue,
	QueueClosedError,
	QueueEmptyError,
	QueueFullError,
	SimpleQueue,
	Thread,
	task,
} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Queue', () => {
	const orchestrator = useOrchestrator();

	function child(kind: 'process' | 'thread', _name: string, args: unknown[], exportName: string) {
		const options = {target: task(tasks, exportName), args, orchestrator: orchestrator()};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	it('keeps FIFO order and structured-clone items in the owner', async () => {
		const queue = new Queue({orchestrator: orchestrator()});
		const items = [1, 'two', {three: [3]}, new Map([[4, 'four']]), 5n, undefined];
		for (const item of items) await queue.put(item);
		expect(await queue.qsize()).toBe(items.length);
		const got = [];
		for (const _ of items) got.push(await queue.get());
		expect(got).toEqual(items);
		expect(await queue.empty()).toBe(true);
	});

	for (const kind of ['process', 'thread'] as const) {
		it(`carries items from a ${kind} to the parent in order`, async () => {
			const queue = new Queue({orchestrator: orchestrator()});
			const items = Array.from({length: 200}, (_, index) => index);
			const producer = child(kind, 'producer', [queue, items], 'produce');
			await producer.start();
			const got = [];
			for (const _ of items) got.push(await queue.get());
			expect(got).toEqual(items);
			expect(await producer.join()).toBe(0);
		});

		it(`carries items from the parent to a ${kind}, which waits on the empty queue`, async () => {
			const queue = new Queue({maxsize: 2, orchestrator: orchestrator()});
			const consumer = child(kind, 'consumer', [queue, 5], 'consume');
			await consumer.start();
			await waitForEvent(orchestrator().bus, 'queue:waiting', (event) => event.side === 'get');
			for (let index = 0; index < 5; index++) await queue.put(index);
			expect(await consumer.join()).toBe(0);
		});
	}

	it('blocks putters on a full queue and lets them in as gets make room', async () => {
		const queue = new Queue({maxsize: 2, orchestrator: orchestrator()});
		const producer = child('process', 'producer', [queue, [1, 2, 3, 4]], 'produce');
		await producer.start();
		const waiting = await waitForEvent(
			orchestrator().bus,
			'queue:waiting',
			(event) => event.side === 'put',
		);
		expect(waiting.state.depth).toBe(2);
		expect(waiting.state.putters.map((actor) => actor.id)).toEqual([producer.id]);
		const got = [await queue.get(), await queue.get(), await queue.get(), await queue.get()];
		expect(got).toEqual([1, 2, 3, 4]);
		expect(await producer.join()).toBe(0);
	});

	it('throws QueueEmptyError and QueueFullError without blocking, and after a timeout', async () => {
		const queue = new Queue({maxsize: 1, orchestrator: orchestrator()});
		await expect(queue.getNowait()).rejects.toBeInstanceOf(QueueEmptyError);
		const started = performance.now();
		await expect(queue.get({timeoutMs: 100})).rejects.toBeInstanceOf(QueueEmptyError);
		expect(performance.now() - started).toBeGreaterThanOrEqual(99);
		await queue.putNowait('x');
		expect(await queue.full()).toBe(true);
		await expect(queue.putNowait('y')).rejects.toBeInstanceOf(QueueFullError);
		await expect(queue.put('y', {timeoutMs: 50})).rejects.toBeInstanceOf(QueueFullError);
		expect(await queue.get()).toBe('x');
	});

	it('refuses a put after close, and still gives what it holds', async () => {
		const queue = new SimpleQueue({orchestrator: orchestrator()});
		await queue.put(1);
		await queue.close();
		await expect(queue.put(2)).rejects.toBeInstanceOf(QueueClosedError);
		expect(await queue.get()).toBe(1);
	});

	it('joins once every item put is marked done, and refuses one taskDone too many', async () => {
		const queue = new JoinableQueue({orchestrator: orchestrator()});
		const workers = [0, 1].map((index) => child('process', `w${index}`, [queue], 'worker'));
		for (const worker of workers) await worker.start();
		for (let index = 0; index < 10; index++) await queue.put(index);
		await queue.put(null);
		await queue.put(null);
		await queue.join();
		expect(await Promise.all(workers.map((worker) => worker.join()))).toEqual([0, 0]);
		await expect(queue.taskDone()).rejects.toThrow(/more times than items were put/);
	});

	it('drops a getter that is killed while it waits, and loses no item', async () => {
		const queue = new Queue({orchestrator: orchestrator()});
		const getter = child('process', 'getter', [queue], 'getForever');
		await getter.start();
		await waitForEvent(orchestrator().bus, 'queue:waiting', (event) => event.by.id === getter.id);
		await getter.kill();
		await getter.join();
		await waitForEvent(orchestrator().bus, 'queue:gave-up', (event) => event.reason === 'exited');
		await queue.put('kept');
		expect(await queue.get()).toBe('kept');
	});
});
