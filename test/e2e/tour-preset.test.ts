import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

test('procdash --json plays one round of the default preset, tour, and ends ok with nothing left', async () => {
	// Given no preset named: the default, tour, which loops until quit in the dashboard
	const run = await runCli(['--json'], {timeoutMs: 40_000});

	// Then headless it plays one round and ends with exit code 0
	expect(run.stderr).toBe('');
	expect(run.exitcode).toBe(0);
	expect(run.summary).toMatchObject({scenario: 'tour', ok: true});
	await expectNoneRunning(pidsIn(run.events));

	// The pool drained its 15 sleeps, in input order
	expect(run.summary?.pools).toEqual({
		'Pool-1': {done: 15, failed: 0, deaths: 0, replacements: 0},
	});
	expect(run.summary?.notes[0]).toMatch(
		/^1 round of 15 sleeps on 3 workers \(\d+\.\d s\); results in input order$/,
	);

	// Three adders took turns under the lock, and the counter holds every addition
	const counter = run.summary?.values.counter as number;
	expect(counter).toBeGreaterThan(3);
	expect(run.summary?.notes[1]).toMatch(
		new RegExp(
			`^counter ${counter}; the adders added \\d+ \\+ \\d+ \\+ \\d+ = ${counter}: none lost$`,
		),
	);
	const waited = run.events.filter((event) => event.type === 'lock:requested');
	expect(new Set(waited.map((event) => event.by.name)).size).toBe(3);

	// The adders waited for the go event, and put one line of news on the queue per add
	expect(run.summary?.notes[2]).toBe(`news read from the queue: ${counter} lines, one per add`);
	expect(run.summary?.queues.news).toMatchObject({depth: 0, puts: counter, gets: counter});
	expect(run.summary?.sync.go).toMatchObject({kind: 'event', set: true});
	expect(run.events.some((event) => event.type === 'event:set' && event.name === 'go')).toBe(true);

	// The shell had children of its own, seen under it by the sampler
	expect(run.summary?.notes[3]).toMatch(/^shell's own children seen: \d+ sleeps$/);
	const shell = run.summary?.processes.find((process) => process.name === 'shell');
	const children = run.events.flatMap((event) =>
		event.type === 'stats:sampled' ? event.processes.filter((p) => p.ppid === shell?.pid) : [],
	);
	expect(children.length).toBeGreaterThan(0);

	// Every process it started ended: the workers and adders of themselves, the shell by the tour
	expect(Object.fromEntries(run.summary?.processes.map((p) => [p.name, p.exitcode]) ?? [])).toEqual(
		{
			'PoolWorker-1': 0,
			'PoolWorker-2': 0,
			'PoolWorker-3': 0,
			'adder-1': 0,
			'adder-2': 0,
			'adder-3': 0,
			shell: -15,
		},
	);
});
