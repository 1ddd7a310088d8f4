import {describe, expect, it} from 'vitest';
import {ConnectionClosedError, Pipe, Process, Thread, task} from '../../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Pipe', () => {
	const orchestrator = useOrchestrator();

	// A thread runs the task's …Sync form, when it has one.
	function child(
		kind: 'process' | 'thread',
		args: unknown[],
		name: string,
		syncName = `${name}Sync`,
	) {
		const options = {
			target: task(tasks, kind === 'thread' ? syncName : name),
			args,
			orchestrator: orchestrator(),
		};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`plays ping-pong with a ${kind} over a duplex pipe`, async () => {
			const [mine, theirs] = Pipe({orchestrator: orchestrator()});
			const echo = child(kind, [theirs], 'echoPlusOne');
			await echo.start();
			for (let ball = 0; ball < 10; ball += 2) {
				await mine.send(ball);
				expect(await mine.recv()).toBe(ball + 1);
			}
			await mine.send(null);
			expect(await echo.join()).toBe(0);
			expect(echo.result).toBe(5);
		});

		// As python3 multiprocessing does on this machine: r, w = Pipe(duplex=False); r.send(1) and w.recv() raise OSError.
		it(`keeps a one-way pipe one-way in a ${kind}: a only receives, b only sends`, async () => {
			const [reader, writer] = Pipe({duplex: false, orchestrator: orchestrator()});
			await expect(reader.send(1)).rejects.toBeInstanceOf(ConnectionClosedError);
			await expect(writer.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
			const sender = child(kind, [reader, 'send'], 'misuseEnd');
			const receiver = child(kind, [writer, 'recv'], 'misuseEnd');
			await sender.start();
			await receiver.start();
			expect([await sender.join(), await receiver.join()]).toEqual([0, 0]);
			expect([sender.result, receiver.result]).toEqual([
				'ConnectionClosedError',
				'ConnectionClosedError',
			]);
		});

		it(`lets a ${kind} receive on a one-way pipe until the writer closes`, async () => {
			const [reader, writer] = Pipe({duplex: false, orchestrator: orchestrator()});
			const receiver = child(kind, [reader], 'receiveAll');
			await receiver.start();
			await writer.send('first');
			await writer.send({second: [2]});
			await writer.close();
			expect(await receiver.join()).toBe(0);
			expect(receiver.result).toEqual({
				got: ['first', {second: [2]}],
				ended: 'ConnectionClosedError',
			});
		});

		it(`gives what a ${kind} sent before closing, then ConnectionClosedError`, async () => {
			const [mine, theirs] = Pipe({orchestrator: orchestrator()});
			const sender = child(kind, [theirs, [1, 2]], 'sendAndClose', 'sendAndClose');
			await sender.start();
			expect(await sender.join()).toBe(0);
			expect([await mine.recv(), await mine.recv()]).toEqual([1, 2]);
			await expect(mine.recv()).rejects.toBeInstanceOf(ConnectionClosedError);
			// As python3 run here: recv after the peer closed and is drained raises EOFError; poll() is True.
			expect(await mine.poll()).toBe(true);
		});

		// Each case has a pipe of its own: an end whose every recipient has exited (and that the
		// owner never used) counts as closed, unlike Python's, where the parent's copy keeps it open.
		it(`polls at once and for a while in a ${kind}, with and without data`, async () => {
			const [, emptyEnd] = Pipe({orchestrator: orchestrator()});
			const empty = child(kind, [emptyEnd, 30], 'pollTwice');
			await empty.start();
			expect(await empty.join()).toBe(0);
			expect(empty.result).toEqual([false, false]);

			const [mine, theirs] = Pipe({orchestrator: orchestrator()});
			await mine.send('here');
			const full = child(kind, [theirs, 30], 'pollTwice');
			await full.start();
			expect(await full.join()).toBe(0);
			expect(full.result).toEqual([true, true]);
		});

		it(`wakes a ${kind} in poll(ms) when something comes while it waits`, async () => {
			const [mine, theirs] = Pipe({orchestrator: orchestrator()});
			const late = child(kind, [theirs, 60_000], 'pollTwice');
			await late.start();
			await waitForEvent(orchestrator().bus, 'pipe:waiting', (event) => event.by.id === late.id);
			await mine.send('late');
			expect(await late.join()).toBe(0);
			expect(late.result).toEqual([false, true]);
		});
	}

	it('returns false from poll(ms) without data, not before the timeout', async () => {
		const [mine] = Pipe({orchestrator: orchestrator()});
		expect(await mine.poll()).toBe(false);
		const started = performance.now();
		expect(await mine.poll(100)).toBe(false);
		expect(performance.now() - started).toBeGreaterThanOrEqual(99);
	});

	for (const kind of ['process', 'thread'] as const) {
		it(`throws ConnectionClosedError to a receiver when the ${kind} holding the other end is killed`, async () => {
			const [mine, theirs] = Pipe({orchestrator: orchestrator()});
			const holder = child(kind, [theirs], 'holdEndForever', 'holdEndForever');
			await holder.start();
			await waitForEvent(orchestrator().bus, 'pipe:waiting', (event) => event.by.id === holder.id);
			const received = mine.recv();
			await waitForEvent(orchestrator().bus, 'pipe:waiting', (event) => event.by.id === 0);
			holder.kill();
			await holder.join();
			await expect(received).rejects.toBeInstanceOf(ConnectionClosedError);
		});
	}
});
