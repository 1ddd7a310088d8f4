import {describe, expect, test} from 'vitest';
import {
	actorsOf,
	eventsOf,
	eventsOn,
	pythonFixture,
	reportingEnv,
	reportServerPerTest,
	runPython,
} from '../helpers/python-report.js';

const producer = pythonFixture('producer.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn', 'forkserver'])(
	'a producer and a consumer on a Queue (%s)',
	(method) => {
		test("both processes are reported with their names and exit codes, the Queue with its puts and gets, and none of the Queue's inner locks; output and exit code as a plain run", async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([producer, method]);
			const server = await startServer();
			const run = await runPython([producer, method], reportingEnv(server.path));
			await server.allEnded(3);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({exitcode: 0, stdout: 'consumer exit code 20\n'});
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

			// And its two processes were reported, started by the program, with their exit codes
			const created = eventsOf(server.events, 'process:created');
			expect(created.map(({name, target}) => [name, target])).toEqual([
				['producer', '__main__#produce'],
				['consumer', '__main__#consume'],
			]);
			const started = eventsOf(server.events, 'process:started');
			expect(started.map(({ppid}) => ppid)).toEqual([run.pid, run.pid]);
			const exited = eventsOf(server.events, 'process:exited');
			expect(exited.map(({name, exitcode}) => [name, exitcode]).sort()).toEqual([
				['consumer', 20],
				['producer', 0],
			]);
			expect(new Set(server.connections.map(({hello}) => hello?.pid))).toEqual(
				new Set([run.pid, ...started.map(({pid}) => pid)]),
			);

			// And the Queue's own locks are not the program's: no lock is reported
			expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);

			// And the Queue is: made unbounded by the program, 21 items put by the producer and got by
			// the consumer, under one id in all three processes
			const queues = eventsOf(server.events, 'queue:created');
			expect(queues).toEqual([
				{
					type: 'queue:created',
					id: queues[0]?.id,
					name: 'Queue-1',
					kind: 'queue',
					state: {maxsize: 0},
				},
			]);
			const onQueue = eventsOn(server.events, queues[0]?.id);
			for (const event of onQueue) expect(event).toMatchObject({name: 'Queue-1', kind: 'queue'});
			const puts = eventsOf(onQueue, 'queue:put');
			const gets = eventsOf(onQueue, 'queue:got');
			expect(new Set(actorsOf(puts))).toEqual(new Set(['producer']));
			expect(puts.map(({count}) => count)).toEqual(Array(21).fill(1));
			expect(new Set(actorsOf(gets))).toEqual(new Set(['consumer']));
			expect(gets.map(({count}) => count)).toEqual(Array(21).fill(1));
			expect(eventsOf(onQueue, 'queue:gave-up')).toEqual([]);
			expect(server.events.filter(({type}) => String(type).startsWith('sync:'))).toEqual([]);
		});
	},
);
