import {expect, test} from 'vitest';
import {fold} from '../../source/core/snapshot/index.js';
import {eventsOf, exitcodesOf, scenario} from '../helpers/scenario-files.js';

// Fails (exit 1) until it has run `n` times; counts its runs in a file named after it.
const failUntil = (name: string, n: number) =>
	`sh -c 'c=$(cat ${name}.count 2>/dev/null || echo 0); c=$((c+1)); echo $c > ${name}.count; echo run $c; [ $c -ge ${n} ]'`;

test('restart: on-failure restarts with exponential backoff until success; always restarts a success; no does not', async () => {
	const run = await scenario(`
processes:
  flaky:
    command: ${failUntil('flaky', 3)}
    restart: on-failure
    backoff_seconds: 0.05
  hopeless:
    command: ${failUntil('hopeless', 99)}
    restart: on-failure
    backoff_seconds: 0.05
    max_restarts: 2
  again:
    command: 'true'
    restart: always
    backoff_seconds: 0.05
    max_restarts: 2
  once:
    command: ${failUntil('once', 2)}
`);
	// flaky: two failures, then success, each restart waiting twice as long as the one before
	expect(exitcodesOf(run, 'flaky')).toEqual([1, 1, 0]);
	const restarts = eventsOf(run, 'process:restarting', 'flaky');
	expect(restarts.map(({attempt, delayMs, exitcode}) => ({attempt, delayMs, exitcode}))).toEqual([
		{attempt: 1, delayMs: 50, exitcode: 1},
		{attempt: 2, delayMs: 100, exitcode: 1},
	]);
	const flakyStarts = eventsOf(run, 'process:started', 'flaky');
	const flakyExits = eventsOf(run, 'process:exited', 'flaky');
	expect((flakyStarts[1]?.at ?? 0) - (flakyExits[0]?.at ?? 0)).toBeGreaterThanOrEqual(50);
	expect((flakyStarts[2]?.at ?? 0) - (flakyExits[1]?.at ?? 0)).toBeGreaterThanOrEqual(100);
	// hopeless: gives up after max_restarts
	expect(exitcodesOf(run, 'hopeless')).toEqual([1, 1, 1]);
	// again: always restarts, even after success
	expect(exitcodesOf(run, 'again')).toEqual([0, 0, 0]);
	// once: restart: no is the default
	expect(exitcodesOf(run, 'once')).toEqual([1]);
	expect(run.summary?.notes).toEqual([
		'2 of 4 processes ended with a successful exit code',
		'flaky: exit code 0 after 2 restarts',
		'hopeless: exit code 1 after 2 restarts',
		'again: exit code 0 after 2 restarts',
		'once: exit code 1',
	]);
	expect(run.summary?.ok).toBe(false);
	expect(run.exitcode).toBe(1);
});

test('depends_on: completed_successfully waits for the exit, started only for the start', async () => {
	const run = await scenario(`
processes:
  client:
    command: echo client
    depends_on: [server]
  server:
    command: sh -c 'echo serving; sleep 0.5'
  migrate:
    command: sh -c 'sleep 0.2; echo migrated'
  app:
    command: echo app
    depends_on:
      migrate: completed_successfully
      server: started
`);
	expect(run.exitcode).toBe(0);
	const at = (type: 'process:started' | 'process:exited', name: string) =>
		eventsOf(run, type, name)[0]?.at ?? Number.NaN;
	expect(at('process:started', 'client')).toBeGreaterThanOrEqual(at('process:started', 'server'));
	expect(at('process:started', 'client')).toBeLessThan(at('process:exited', 'server'));
	expect(at('process:started', 'app')).toBeGreaterThanOrEqual(at('process:exited', 'migrate'));
	// Every process is listed from the start, waiting ones as created.
	const created = eventsOf(run, 'process:created').map((event) => event.name);
	expect(created).toEqual(['client', 'server', 'migrate', 'app']);
});

test('depends_on: a dependency that fails keeps its dependents from ever starting', async () => {
	const run = await scenario(`
processes:
  setup:
    command: sh -c 'exit 4'
  app:
    command: echo never
    depends_on:
      setup: completed_successfully
  tail:
    command: echo never
    depends_on: [app]
`);
	expect(run.exitcode).toBe(1);
	expect(run.summary?.processes).toEqual([
		expect.objectContaining({name: 'setup', exitcode: 4}),
		{name: 'app', pid: null, ppid: null, exitcode: null},
		{name: 'tail', pid: null, ppid: null, exitcode: null},
	]);
	expect(run.summary?.notes).toEqual([
		'0 of 3 processes ended with a successful exit code',
		'setup: exit code 4',
		'app: not started: setup did not complete successfully',
		'tail: not started: app never started',
	]);
});

test('a scenario file runs any language, with its cwd (relative to the file) and env', async () => {
	const run = await scenario(`
processes:
  py:
    command: python3 -c "import os; print(os.environ['GREETING'], os.path.basename(os.getcwd()))"
    cwd: .
    env: {GREETING: hello}
`);
	expect(run.exitcode).toBe(0);
	const [line] = eventsOf(run, 'process:output', 'py');
	expect(line?.line).toMatch(/^hello procdash-scenario-/);
});

test('a process that fails its last restart gives up, and says so; its backoff shows on its row', async () => {
	const run = await scenario(`
processes:
  hopeless:
    command: ${failUntil('hopeless', 99)}
    restart: on-failure
    backoff_seconds: 0.05
    max_restarts: 2
`);
	expect(exitcodesOf(run, 'hopeless')).toEqual([1, 1, 1]);
	const gaveUp = eventsOf(run, 'process:gave-up', 'hopeless');
	expect(gaveUp.map(({exitcode, restarts}) => ({exitcode, restarts}))).toEqual([
		{exitcode: 1, restarts: 2},
	]);
	const rows = fold(run.events).processes.filter((row) => row.name === 'hopeless');
	expect(rows.map((row) => row.restart?.kind)).toEqual(['pending', 'pending', 'gave-up']);
	const [first] = eventsOf(run, 'process:restarting', 'hopeless');
	expect(rows[0]?.restart).toEqual({kind: 'pending', at: (first?.at ?? 0) + 50, attempt: 1, of: 2});
	expect(rows[2]?.restart).toEqual({kind: 'gave-up', restarts: 2});
});
