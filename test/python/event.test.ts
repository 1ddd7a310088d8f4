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

const event = pythonFixture('event.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn', 'forkserver'])(
	'three processes waiting on an Event (%s)',
	(method) => {
		test('the Event, its three waiters, its setting and their going on are reported under one id, and none of its inner objects; output and exit code as a plain run', async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([event, method]);
			const server = await startServer();
			const run = await runPython([event, method], reportingEnv(server.path));
			await server.allEnded(4);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({exitcode: 0, stderr: ''});
			expect(plain.stdout).toContain('exit codes [0, 0, 0]');
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

			// And the program's Event was created unset
			const [created, ...others] = eventsOf(server.events, 'sync:created');
			expect(others).toEqual([]);
			expect(created).toMatchObject({name: 'Event-1', kind: 'event', state: {set: false}});
			const onEvent = eventsOn(server.events, created?.id);

			// And the three workers waited on it, the main process set it, and they went on
			const workers = ['Process-1', 'Process-2', 'Process-3'];
			expect(actorsOf(eventsOf(onEvent, 'sync:waiting')).sort()).toEqual(workers);
			expect(eventsOf(onEvent, 'event:set')).toEqual([
				{
					type: 'event:set',
					id: created?.id,
					name: 'Event-1',
					kind: 'event',
					by: expect.objectContaining({name: 'MainProcess', pid: run.pid}),
					state: {set: true},
				},
			]);
			expect(actorsOf(eventsOf(onEvent, 'sync:acquired')).sort()).toEqual(workers);
			expect(eventsOf(onEvent, 'sync:timed-out')).toEqual([]);

			// And neither the Event's inner Condition and Semaphore nor the Queue's locks were reported
			const kinds = new Set(onEvent.map(({kind}) => kind));
			expect(kinds).toEqual(new Set(['event']));
			expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);
			expect(eventsOf(server.events, 'queue:created').map(({name}) => name)).toEqual(['Queue-1']);
		});
	},
);
