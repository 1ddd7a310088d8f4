import {describe, expect, test} from 'vitest';
import {
	eventsOf,
	pythonFixture,
	reportingEnv,
	reportServerPerTest,
	runPython,
} from '../helpers/python-report.js';

const counter = pythonFixture('counter.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn', 'forkserver'])(
	'four processes adding to a Value under a Lock (%s)',
	(method) => {
		test('each process says hello; the lock, its holders, its waiters and the final count are reported; output and exit code as a plain run', async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([counter, method]);
			const server = await startServer();
			const run = await runPython([counter, method], reportingEnv(server.path));
			await server.allEnded(5);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({exitcode: 0, stderr: ''});
			expect(run.stdout).toBe(plain.stdout);
			expect(run.stdout).toContain('count 100');
			expect(run.exitcode).toBe(0);
			expect(run.stderr).toBe('');

			// And the program and each of its four children said hello on a connection of its own
			const hellos = server.connections.map(({hello}) => hello);
			const started = eventsOf(server.events, 'process:started');
			expect(started.map(({ppid}) => ppid)).toEqual([run.pid, run.pid, run.pid, run.pid]);
			expect(hellos).toHaveLength(5);
			expect(new Set(hellos.map((hello) => hello?.pid))).toEqual(
				new Set([run.pid, ...started.map(({pid}) => pid)]),
			);
			for (const hello of hellos) {
				expect(hello).toMatchObject({procdash: 1, program: 'counter.py', language: 'python'});
			}

			// And the program's Lock, made in the parent, has one id in every process's events
			const created = eventsOf(server.events, 'lock:created');
			const lock = created.find(({name}) => name === 'Lock-1');
			expect(lock).toBeDefined();
			const onLock = server.events.filter(
				(event) => String(event.type).startsWith('lock:') && event.id === lock?.id,
			);
			const acquired = eventsOf(onLock, 'lock:acquired');
			const released = eventsOf(onLock, 'lock:released');
			expect(acquired).toHaveLength(100);
			expect(released).toHaveLength(100);
			const holders = new Set(acquired.map(({by}) => (by as {name: string}).name));
			expect(holders).toEqual(new Set(['Process-1', 'Process-2', 'Process-3', 'Process-4']));
			for (const event of acquired) {
				const by = event.by as {id: string; pid: number};
				expect(by.id).toBe(`p${by.pid}`);
				expect(event.waitedMs).toBeGreaterThanOrEqual(0);
			}
			// Four processes hold it in turn, 25 times each: some of them had to wait
			expect(eventsOf(onLock, 'lock:requested').length).toBeGreaterThan(0);

			// And the Value's last reported value is the final count
			const [value] = eventsOf(server.events, 'value:created');
			expect(value).toMatchObject({name: 'Value-1', typecode: 'i', value: 0});
			const changes = eventsOf(server.events, 'value:changed').filter(({id}) => id === value?.id);
			expect(changes.at(-1)).toMatchObject({value: 100, sampled: true});

			// And each child's exit is reported with its exit code
			const exited = eventsOf(server.events, 'process:exited');
			expect(exited.map(({exitcode}) => exitcode)).toEqual([0, 0, 0, 0]);
			expect(new Set(exited.map(({id}) => id))).toEqual(new Set(started.map(({id}) => id)));
		});
	},
);
