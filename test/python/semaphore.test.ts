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

const semaphore = pythonFixture('semaphore.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn', 'forkserver'])(
	'five processes sharing a Semaphore of two permits (%s)',
	(method) => {
		test('the Semaphore, who takes its permits, who waits and who gives them back are reported under one id; output and exit code as a plain run', async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([semaphore, method]);
			const server = await startServer();
			const run = await runPython([semaphore, method], reportingEnv(server.path));
			await server.allEnded(6);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({exitcode: 0, stdout: 'exit codes [0, 0, 0, 0, 0]\n'});
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

			// And the program's Semaphore was created with two permits
			const created = eventsOf(server.events, 'sync:created').filter(
				({kind}) => kind === 'semaphore',
			);
			expect(created).toEqual([
				{
					type: 'sync:created',
					id: created[0]?.id,
					name: 'Semaphore-1',
					kind: 'semaphore',
					state: {initial: 2},
				},
			]);

			// And each of the five took a permit and gave it back, under the same id and name
			const onSemaphore = eventsOn(server.events, created[0]?.id);
			for (const event of onSemaphore) {
				expect(event).toMatchObject({name: 'Semaphore-1', kind: 'semaphore', state: {}});
			}
			const acquired = eventsOf(onSemaphore, 'sync:acquired');
			const released = eventsOf(onSemaphore, 'sync:released');
			const workers = ['Process-1', 'Process-2', 'Process-3', 'Process-4', 'Process-5'];
			expect(actorsOf(acquired).sort()).toEqual(workers);
			expect(actorsOf(released).sort()).toEqual(workers);
			for (const event of acquired) expect(event.waitedMs).toBeGreaterThanOrEqual(0);

			// And all five asked at once for two permits: some of them waited
			expect(eventsOf(onSemaphore, 'sync:waiting').length).toBeGreaterThan(0);
			expect(eventsOf(onSemaphore, 'sync:timed-out')).toEqual([]);

			// And no other semaphore, condition or lock (the Barrier's inner ones) was reported
			const kinds = eventsOf(server.events, 'sync:created').map(({kind}) => kind);
			expect(kinds.sort()).toEqual(['barrier', 'semaphore']);
			expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);
		});
	},
);
