import {describe, expect, test} from 'vitest';
import {
	eventsOf,
	pythonFixture,
	reportingEnv,
	reportServerPerTest,
	runPython,
} from '../helpers/python-report.js';

const nested = pythonFixture('nested.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn'])(
	'an RLock taken twice over, and a child that fails (%s)',
	(method) => {
		test('the RLock is reported once, at its outer acquire and release; the failure is a process:error; stdout, stderr and exit code as a plain run', async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([nested, method]);
			const server = await startServer();
			const run = await runPython([nested, method], reportingEnv(server.path));
			await server.allEnded(3);

			// Then it printed the same, the failing child's traceback included, and ended the same
			expect(plain).toMatchObject({exitcode: 0, stdout: 'inside twice\nexit codes 0 1\n'});
			expect(plain.stderr).toContain('ValueError: no such thing');
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: plain.stderr});

			// And the RLock was taken and given back once, by the child that took it
			const locks = server.events.filter(({type}) => String(type).startsWith('lock:'));
			expect(locks.map(({type, name}) => [type, name])).toEqual([
				['lock:created', 'RLock-1'],
				['lock:acquired', 'RLock-1'],
				['lock:released', 'RLock-1'],
			]);
			expect(locks[1]?.by).toMatchObject({name: 'taker'});

			// And the failing child told its error, and its exit code 1 was reported
			expect(eventsOf(server.events, 'process:error')).toMatchObject([
				{name: 'failer', error: {name: 'ValueError', message: 'no such thing'}},
			]);
			const exited = eventsOf(server.events, 'process:exited');
			expect(exited.map(({name, exitcode}) => [name, exitcode])).toEqual([
				['taker', 0],
				['failer', 1],
			]);
		});
	},
);
