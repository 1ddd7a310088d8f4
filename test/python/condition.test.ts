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

const condition = pythonFixture('condition.py');
const startServer = reportServerPerTest();

describe.each(['fork', 'spawn', 'forkserver'])(
	'a consumer waiting on a Condition until a producer notifies it (%s)',
	(method) => {
		test("the Condition's holders, the consumer's wait and the producer's notify are reported under one id; output and exit code as a plain run", async () => {
			// Given the program run plain, then with the reporter and a receiver
			const plain = await runPython([condition, method]);
			const server = await startServer();
			const run = await runPython([condition, method], reportingEnv(server.path));
			await server.allEnded(3);

			// Then it printed the same and ended the same
			expect(plain).toMatchObject({exitcode: 0, stdout: 'exit codes 0 0\n'});
			expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

			// And the program's Condition was created
			const created = eventsOf(server.events, 'sync:created').filter(
				({kind}) => kind === 'condition',
			);
			expect(created).toEqual([
				{
					type: 'sync:created',
					id: created[0]?.id,
					name: 'Condition-1',
					kind: 'condition',
					state: {},
				},
			]);
			const onCondition = eventsOn(server.events, created[0]?.id);

			// And the consumer took its lock, gave it up to wait, and held it again once woken
			const byConsumer = onCondition.filter(
				({by}) => (by as {name: string} | undefined)?.name === 'consumer',
			);
			expect(byConsumer.map(({type}) => type)).toEqual([
				'sync:acquired',
				'sync:released',
				'sync:waiting',
				'sync:acquired',
				'sync:released',
			]);

			// And the producer took the lock (it may have waited for the consumer to give it up), woke
			// the consumer, and let the lock go
			const byProducer = onCondition.filter(
				({by}) => (by as {name: string} | undefined)?.name === 'producer',
			);
			const producerTypes = byProducer.map(({type}) => type);
			if (producerTypes[0] === 'sync:waiting') producerTypes.shift();
			expect(producerTypes).toEqual(['sync:acquired', 'condition:notified', 'sync:released']);
			const [notified] = eventsOf(byProducer, 'condition:notified');
			expect(notified?.woken).toBeGreaterThanOrEqual(1);
			expect(actorsOf(eventsOf(onCondition, 'sync:timed-out'))).toEqual([]);

			// And no Condition's inner semaphores or lock, nor the Event's, were reported
			const kinds = eventsOf(server.events, 'sync:created').map(({kind}) => kind);
			expect(kinds.sort()).toEqual(['condition', 'event']);
			expect(server.events.filter(({type}) => String(type).startsWith('lock:'))).toEqual([]);
		});
	},
);
