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

const tasks = pythonFixture('tasks.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn'])(
	'two workers marking tasks of a JoinableQueue done (%s)',
	(method) => {
		test('the JoinableQueue, its puts, gets, tasks done and the join are reported, beside the results Queue; output and exit code as a plain run', async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([tasks, method]);
			const server = await startServer();
			const run = await runPython([tasks, method], reportingEnv(server.path));
			await server.allEnded(3);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({
				exitcode: 0,
				stdout: 'sum of squares 285\nexit codes [0, 0]\n',
			});
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

			// And the program's two queues were created, and not the JoinableQueue's inner Queue
			const created = eventsOf(server.events, 'queue:created');
			expect(created.map(({name, kind, state}) => [name, kind, state])).toEqual([
				['JoinableQueue-1', 'joinable', {maxsize: 0}],
				['Queue-1', 'queue', {maxsize: 0}],
			]);
			const onTasks = eventsOn(server.events, created[0]?.id);
			const onResults = eventsOn(server.events, created[1]?.id);

			// And twelve tasks were put by the main process, got by the workers and marked done
			expect(new Set(actorsOf(eventsOf(onTasks, 'queue:put')))).toEqual(new Set(['MainProcess']));
			expect(eventsOf(onTasks, 'queue:put')).toHaveLength(12);
			const workers = new Set(['Process-1', 'Process-2']);
			expect(eventsOf(onTasks, 'queue:got')).toHaveLength(12);
			expect(new Set(actorsOf(eventsOf(onTasks, 'queue:got')))).toEqual(workers);
			const done = eventsOf(onTasks, 'queue:task-done');
			expect(done).toHaveLength(12);
			for (const event of done) expect(event.state).toEqual({});

			// And the main process waited in join() until every task was done
			const joining = eventsOf(onTasks, 'queue:waiting').filter(({side}) => side === 'join');
			expect(actorsOf(joining)).toEqual(['MainProcess']);
			expect(eventsOf(onTasks, 'queue:joined')).toEqual([
				{
					type: 'queue:joined',
					id: created[0]?.id,
					name: 'JoinableQueue-1',
					kind: 'joinable',
					state: {},
				},
			]);

			// And the ten results went the other way
			expect(new Set(actorsOf(eventsOf(onResults, 'queue:put')))).toEqual(workers);
			expect(eventsOf(onResults, 'queue:put')).toHaveLength(10);
			expect(actorsOf(eventsOf(onResults, 'queue:got'))).toEqual(Array(10).fill('MainProcess'));

			// And no inner lock, semaphore or condition of the queues was reported
			expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);
			expect(server.events.filter(({type}) => String(type).startsWith('sync:'))).toEqual([]);
		});
	},
);
