import {describe, expect, it} from 'vitest';
import {createManager, Manager, Process, Thread, task} from '../../../../source/index.js';
import {useOrchestrator} from '../../../helpers/orchestrator.js';

const tasks = new URL('../../../fixtures/sync-tasks.js', import.meta.url);

describe('Manager', () => {
	const orchestrator = useOrchestrator();

	function child(kind: 'process' | 'thread', args: unknown[], name: string) {
		const options = {target: task(tasks, name), args, orchestrator: orchestrator()};
		return kind === 'process' ? new Process(options) : new Thread(options);
	}

	for (const kind of ['process', 'thread'] as const) {
		it(`shares a dict, a list and a namespace among 3 ${kind === 'process' ? 'processes' : 'threads'} and the owner`, async () => {
			const manager = await Manager.start({orchestrator: orchestrator()});
			const dict = manager.dict({owner: 0});
			const list = manager.list(['owner']);
			const namespace = manager.namespace({owner: true});
			const keys = ['a', 'bb', 'ccc'];
			const children = keys.map((key) => child(kind, [dict, list, namespace, key], 'touchManaged'));
			for (const each of children) await each.start();
			expect(await Promise.all(children.map((each) => each.join()))).toEqual([0, 0, 0]);
			expect(Object.fromEntries(await dict.entries())).toEqual({owner: 0, a: 1, bb: 2, ccc: 3});
			expect(await dict.size()).toBe(4);
			expect(await dict.has('bb')).toBe(true);
			expect((await list.slice()).sort()).toEqual(['a', 'bb', 'ccc', 'owner']);
			expect(await list.at(0)).toBe('owner');
			expect(await namespace.toObject()).toEqual({owner: true, a: true, bb: true, ccc: true});
			await manager.shutdown();
		});

		it(`loses no append of 4 ${kind === 'process' ? 'processes' : 'threads'} appending at once, and keeps each one's order`, async () => {
			const manager = await createManager({orchestrator: orchestrator()});
			const list = manager.list();
			const appenders = [0, 1, 2, 3].map((index) =>
				child(kind, [list, index * 1000, 100], 'appendMany'),
			);
			await Promise.all(appenders.map((appender) => appender.start()));
			expect(await Promise.all(appenders.map((appender) => appender.join()))).toEqual([0, 0, 0, 0]);
			const items = (await list.slice()) as number[];
			expect(items).toHaveLength(400);
			for (const from of [0, 1000, 2000, 3000]) {
				const own = items.filter((item) => item >= from && item < from + 1000);
				expect(own).toEqual(Array.from({length: 100}, (_, index) => from + index));
			}
			await manager.shutdown();
		});

		it(`refuses the calls of a ${kind} after shutdown, as the owner's`, async () => {
			const manager = await Manager.start({orchestrator: orchestrator()});
			const dict = manager.dict({x: 1});
			expect(await dict.get('x')).toBe(1);
			await manager.shutdown();
			await expect(dict.get('x')).rejects.toThrow(/shut down/);
			expect(() => manager.dict()).toThrow(/shut down/);
			const late = child(kind, [dict], 'useAfterShutdown');
			await late.start();
			expect(await late.join()).toBe(0);
			expect(late.result).toMatch(/shut down/);
		});
	}

	// Python: a ListProxy indexes from the end with negative indices; out of range raises IndexError.
	it('indexes a list and updates a dict as Python does', async () => {
		const manager = await Manager.start({orchestrator: orchestrator()});
		const list = manager.list([1, 2, 3]);
		expect(await list.at(-1)).toBe(3);
		await list.set(-1, 30);
		expect(await list.pop(0)).toBe(1);
		expect(await list.pop()).toBe(30);
		expect(await list.extend([4, 5])).toBe(3);
		expect(await list.slice(1)).toEqual([4, 5]);
		await expect(list.at(3)).rejects.toBeInstanceOf(RangeError);
		await expect(list.set(-4, 0)).rejects.toBeInstanceOf(RangeError);
		const dict = manager.dict([['a', 1]]);
		await dict.update({b: 2, c: 3});
		expect(await dict.delete('a')).toBe(true);
		expect(await dict.delete('a')).toBe(false);
		expect(await dict.keys()).toEqual(['b', 'c']);
		expect(await dict.get('a')).toBeUndefined();
		await manager.shutdown();
	});
});
