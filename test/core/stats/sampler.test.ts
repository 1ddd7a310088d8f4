import {describe, expect, test} from 'vitest';
import {StatsSampler} from '../../../source/core/stats/sampler.js';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

// A Node program whose child is started by a worker thread: the kernel lists that child under
// the worker's thread (/proc/<pid>/task/<tid>/children), not under the main one.
const startsFromAWorker = `
const {Worker} = require('node:worker_threads');
new Worker("require('node:child_process').spawn('sleep', ['30'], {stdio: 'ignore'}); console.log('spawned')", {eval: true, stdout: false});
setInterval(() => {}, 1000);
`;

describe('the stats sampler', () => {
	const orchestrator = useOrchestrator();

	test('finds every descendant of a root, each with its parent, command, memory and CPU', async () => {
		// Given sh with two sleeps of its own, and a Node program whose worker thread started a sleep
		const sh = new Process({
			command: 'sh',
			args: ['-c', 'sleep 30 & sleep 30 & echo up; wait'],
			orchestrator: orchestrator(),
		});
		const node = new Process({
			command: process.execPath,
			args: ['-e', startsFromAWorker],
			orchestrator: orchestrator(),
		});
		await sh.start();
		await node.start();
		const bus = orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.id === sh.id && event.line === 'up');
		await waitForEvent(bus, 'process:output', (event) => event.id === node.id);

		// When they are sampled twice (CPU is the share since the previous sample)
		const sampler = new StatsSampler();
		await sampler.sample([sh.pid as number, node.pid as number]);
		await new Promise((resolve) => setTimeout(resolve, 200));
		const stats = await sampler.sample([sh.pid as number, node.pid as number]);
		sampler.close();

		// Then the roots come first, then what is under each, with the right parents
		const under = (pid: number | undefined) => stats.filter((stat) => stat.ppid === pid);
		expect(stats[0]?.pid).toBe(sh.pid);
		expect(under(sh.pid).map((stat) => stat.command)).toEqual(['sleep', 'sleep']);
		// in the order they were started
		const sleeps = under(sh.pid).map((stat) => stat.pid);
		expect(sleeps).toEqual([...sleeps].sort((a, b) => a - b));
		expect(under(node.pid).map((stat) => stat.command)).toEqual(['sleep']);
		expect(stats).toHaveLength(5);
		for (const stat of stats) {
			expect(stat.memory).toBeGreaterThan(0);
			expect(stat.cpu).toBeGreaterThanOrEqual(0);
		}
	});

	test('a root that is gone gives nothing, and the others are still sampled', async () => {
		const sleep = new Process({command: 'sleep', args: ['30'], orchestrator: orchestrator()});
		const quick = new Process({command: 'true', orchestrator: orchestrator()});
		await sleep.start();
		await quick.start();
		await quick.join();
		const sampler = new StatsSampler();
		const stats = await sampler.sample([quick.pid as number, sleep.pid as number]);
		sampler.close();
		expect(stats.map((stat) => stat.pid)).toEqual([sleep.pid]);
	});
});
