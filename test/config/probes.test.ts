import {expect, test} from 'vitest';
import {freePort} from '../helpers/ports.js';
import {eventsOf, exitcodesOf, scenario} from '../helpers/scenario-files.js';

const seq = (
	run: Awaited<ReturnType<typeof scenario>>,
	type: 'process:started' | 'process:ready',
	name: string,
) => eventsOf(run, type, name)[0]?.seq ?? Number.NaN;

test('http_get readiness: a client that depends on the server being healthy starts only once it answers', async () => {
	const port = await freePort();
	// The server answers two requests (the probe's, the client's), then exits 0
	const run = await scenario(`
processes:
  server:
    command: python3 -c "import http.server as h; s = h.HTTPServer(('127.0.0.1', ${port}), h.SimpleHTTPRequestHandler); [s.handle_request() for _ in range(2)]"
    readiness_probe:
      http_get: {host: 127.0.0.1, port: ${port}, path: /}
      period_seconds: 0.1
      timeout_seconds: 2
  client:
    command: python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${port}/').status)"
    depends_on:
      server: healthy
`);
	expect(run.exitcode).toBe(0);
	expect(eventsOf(run, 'probe:started', 'server')).toEqual([
		expect.objectContaining({probe: 'readiness', check: `GET http://127.0.0.1:${port}/`}),
	]);
	expect(seq(run, 'process:started', 'client')).toBeGreaterThan(
		seq(run, 'process:ready', 'server'),
	);
	expect(eventsOf(run, 'process:output', 'client').map((event) => event.line)).toEqual(['200']);
});

test('log_line readiness: ready at the first matching line; a tcp probe that never connects makes a process unhealthy and its dependents never start', async () => {
	const port = await freePort();
	const run = await scenario(`
processes:
  db:
    command: sh -c 'echo booting; sleep 0.2; echo "ready to accept connections"; sleep 0.5'
    readiness_probe:
      log_line: ready to accept
  app:
    command: echo app
    depends_on: {db: healthy}
  cache:
    command: sleep 1.5
    readiness_probe:
      tcp: {port: ${port}}
      period_seconds: 0.05
      failure_threshold: 2
  web:
    command: echo never
    depends_on: {cache: healthy}
`);
	expect(seq(run, 'process:started', 'app')).toBeGreaterThan(seq(run, 'process:ready', 'db'));
	expect(eventsOf(run, 'process:ready', 'cache')).toEqual([]);
	const failed = eventsOf(run, 'probe:failed', 'cache');
	expect(failed.length).toBeGreaterThanOrEqual(2);
	expect(failed[0]).toMatchObject({
		probe: 'readiness',
		failures: 1,
		message: `127.0.0.1:${port}: ECONNREFUSED`,
	});
	// Unhealthy once, at its threshold; it goes on trying (readiness), but never connects
	expect(eventsOf(run, 'process:unhealthy', 'cache')).toEqual([
		expect.objectContaining({probe: 'readiness', failures: 2}),
	]);
	expect(run.summary?.notes).toContain('web: not started: cache never became ready');
	expect(run.exitcode).toBe(1);
});

test('liveness: a process whose exec check fails its threshold is stopped, and its restart policy starts it again', async () => {
	const run = await scenario(`
processes:
  worker:
    command: sh -c 'touch alive; sleep 0.3; rm alive; sleep 30'
    restart: on-failure
    max_restarts: 1
    backoff_seconds: 0
    liveness_probe:
      exec: {command: test -f alive}
      period_seconds: 0.1
      failure_threshold: 2
`);
	// Twice: stopped by SIGTERM once its file is gone, restarted, stopped again, then it gives up
	expect(exitcodesOf(run, 'worker')).toEqual([-15, -15]);
	const unhealthy = eventsOf(run, 'process:unhealthy', 'worker');
	expect(unhealthy).toHaveLength(2);
	expect(unhealthy[0]).toMatchObject({probe: 'liveness', failures: 2});
	expect(eventsOf(run, 'probe:failed', 'worker')[0]?.message).toBe('test: exit code 1');
	expect(eventsOf(run, 'process:gave-up', 'worker')).toHaveLength(1);
	expect(run.exitcode).toBe(1);
});
