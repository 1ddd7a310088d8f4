import {describe, expect, test} from 'vitest';
import {
	eventsOf,
	eventsOn,
	pythonFixture,
	reportingEnv,
	reportServerPerTest,
	runPython,
} from '../helpers/python-report.js';

const barrier = pythonFixture('barrier.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn'])('three processes meeting at a Barrier twice (%s)', (method) => {
	test('the Barrier, its six waits and its two passings are reported under one id, and none of its inner objects; output and exit code as a plain run', async () => {
		// Given the program run plain, then with the reporter and a receiver
		const plain = await runPython([barrier, method]);
		const server = await startServer();
		const run = await runPython([barrier, method], reportingEnv(server.path));
		await server.allEnded(4);

		// Then it printed the same and ended the same
		expect(plain).toMatchObject({exitcode: 0, stdout: 'exit codes [0, 0, 0]\n'});
		expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

		// And the program's Barrier (and nothing else) was created, for three parties
		const created = eventsOf(server.events, 'sync:created');
		expect(created).toEqual([
			{
				type: 'sync:created',
				id: created[0]?.id,
				name: 'Barrier-1',
				kind: 'barrier',
				state: {parties: 3, broken: false},
			},
		]);
		const onBarrier = eventsOn(server.events, created[0]?.id);

		// And each of the three waited twice; twice the last to come let the other two through
		const waiting = eventsOf(onBarrier, 'sync:waiting');
		expect(waiting).toHaveLength(6);
		for (const event of waiting) expect(event.state).toEqual({parties: 3});
		const passed = eventsOf(onBarrier, 'barrier:passed');
		expect(passed).toHaveLength(2);
		for (const event of passed) expect(event.state).toEqual({parties: 3, broken: false});
		expect(eventsOf(onBarrier, 'sync:acquired')).toHaveLength(4);
		expect(eventsOf(onBarrier, 'barrier:broken')).toEqual([]);

		// And the Barrier's inner Condition and its lock were not reported
		expect(new Set(onBarrier.map(({kind}) => kind))).toEqual(new Set(['barrier']));
		expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);
	});
});
