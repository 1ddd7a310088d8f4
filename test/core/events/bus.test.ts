import {describe, expect, it} from 'vitest';
import {type BusEvent, EventBus, Process, task} from '../../../source/index.js';
import {eventsOf, useOrchestrator} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

function created(id: number) {
	return {id, name: `Process-${id}`, kind: 'command' as const, daemon: false, target: 'true'};
}

describe('EventBus', () => {
	it('stamps each event with its type, a seq one more than the last, and at from its clock', () => {
		let now = 1000;
		const bus = new EventBus({now: () => now});

		now = 1012.4;
		const first = bus.emit('process:created', created(1));
		now = 1030;
		const second = bus.emit('process:created', created(2));

		expect(first).toEqual({type: 'process:created', seq: 1, at: 12, ...created(1)});
		expect(second).toMatchObject({type: 'process:created', seq: 2, at: 30});
	});

	it('calls listeners in subscription order, synchronously, until they unsubscribe', () => {
		const bus = new EventBus();
		const heard: string[] = [];
		const unsubscribeA = bus.subscribe((event) => heard.push(`a${event.seq}`));
		bus.subscribe((event) => heard.push(`b${event.seq}`));

		bus.emit('process:created', created(1));
		unsubscribeA();
		bus.emit('process:created', created(2));

		expect(heard).toEqual(['a1', 'b1', 'b2']);
	});

	it('keeps a bounded history: the last historySize events, oldest first', () => {
		const bus = new EventBus({historySize: 3});
		expect(bus.history()).toEqual([]);

		for (let id = 1; id <= 2; id++) bus.emit('process:created', created(id));
		expect(bus.history().map((event) => event.seq)).toEqual([1, 2]);

		for (let id = 3; id <= 7; id++) bus.emit('process:created', created(id));
		expect(bus.history().map((event) => event.seq)).toEqual([5, 6, 7]);
	});

	it('gives a late subscriber the history to replay what it missed', () => {
		const bus = new EventBus({historySize: 10});
		bus.emit('process:created', created(1));
		bus.emit('process:created', created(2));

		const replayed: number[] = bus.history().map((event) => event.seq);
		bus.subscribe((event) => replayed.push(event.seq));
		bus.emit('process:created', created(3));

		expect(replayed).toEqual([1, 2, 3]);
	});

	it.each([0, -1, 1.5, Number.NaN])('rejects historySize %s with a RangeError', (historySize) => {
		expect(() => new EventBus({historySize})).toThrow(RangeError);
	});
});

describe('events of real processes', () => {
	const orchestrator = useOrchestrator();

	function expectWellFormed(events: readonly BusEvent[]): void {
		for (const [index, event] of events.entries()) {
			expect(typeof event.type).toBe('string');
			expect(Number.isInteger(event.seq)).toBe(true);
			expect(typeof event.at).toBe('number');
			if (index === 0) continue;
			const before = events[index - 1] as BusEvent;
			expect(event.seq).toBe(before.seq + 1);
			expect(event.at).toBeGreaterThanOrEqual(before.at);
		}
	}

	it('go created → started → output… → returned → exited for one task', async () => {
		const child = new Process({
			target: task(tasks, 'printLines'),
			orchestrator: orchestrator(),
		});
		await child.start();
		await child.join();

		const types = eventsOf(orchestrator().bus, child.id).map((event) => event.type);
		const withoutOutput = types.filter((type) => type !== 'process:output');
		expect(withoutOutput).toEqual([
			'process:created',
			'process:started',
			'process:returned',
			'process:exited',
		]);
		const firstOutput = types.indexOf('process:output');
		const lastOutput = types.lastIndexOf('process:output');
		expect(firstOutput).toBeGreaterThan(types.indexOf('process:started'));
		expect(lastOutput).toBeLessThan(types.indexOf('process:exited'));
		expectWellFormed(orchestrator().bus.history());
	});

	it('interleave for several processes with seq still monotonic and every exit last per id', async () => {
		const children = [50, 10, 30].map(
			(ms) => new Process({target: task(tasks, 'sleep'), args: [ms], orchestrator: orchestrator()}),
		);
		for (const child of children) await child.start();
		await Promise.all(children.map((child) => child.join()));

		const history = orchestrator().bus.history();
		expectWellFormed(history);
		for (const child of children) {
			const types = eventsOf(orchestrator().bus, child.id).map((event) => event.type);
			expect(types).toEqual([
				'process:created',
				'process:started',
				'process:returned',
				'process:exited',
			]);
		}
	});

	it('emit orchestrator:stopping and orchestrator:stopped around a stop', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		await orchestrator().stop({graceMs: 500});

		const types = orchestrator()
			.bus.history()
			.map((event) => event.type);
		const stopping = types.indexOf('orchestrator:stopping');
		expect(stopping).toBeGreaterThan(-1);
		expect(types.slice(stopping)).toContain('process:exited');
		expect(types.at(-1)).toBe('orchestrator:stopped');
		expectWellFormed(orchestrator().bus.history());
	});
});
