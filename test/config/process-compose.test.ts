import {expect, test} from 'vitest';
import {parseConfig} from '../../source/config/load.js';
import {freePort} from '../helpers/ports.js';
import {eventsOf, exitcodesOf, scenario} from '../helpers/scenario-files.js';

// Files written as process-compose's documentation writes them, run as they are.

test('process-compose: a chain, each waiting for the next to complete successfully, commands through bash', async () => {
	const run = await scenario(`
version: "0.5"
processes:
  process1:
    command: "echo one && sleep 0.1"
    depends_on:
      process2:
        condition: process_completed_successfully
  process2:
    command: "echo two"
    depends_on:
      process3:
        condition: process_completed_successfully
  process3:
    command: "echo three"
`);
	expect(run.exitcode).toBe(0);
	expect(run.stderr).toBe('');
	const started = eventsOf(run, 'process:started').map((event) => event.name);
	expect(started).toEqual(['process3', 'process2', 'process1']);
	expect(eventsOf(run, 'process:output').map((event) => event.line)).toEqual([
		'three',
		'two',
		'one',
	]);
});

test('process-compose: a server gated by an http_get readiness probe, a client that exit_on_end’s; its shutdown signal; what procdash lacks is named once', async () => {
	const port = await freePort();
	const run = await scenario(`
version: "0.5"
environment:
  - "PORT=${port}"
processes:
  server:
    command: "python3 -m http.server $PORT --bind 127.0.0.1"
    readiness_probe:
      http_get:
        host: 127.0.0.1
        scheme: http
        path: "/"
        port: ${port}
      initial_delay_seconds: 0
      period_seconds: 1
    shutdown:
      signal: 2
      timeout_seconds: 5
  client:
    command: "python3 -c \\"import os, urllib.request; print(urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT']).status)\\""
    log_location: ./client.log
    is_daemon: false
    availability:
      exit_on_end: true
    depends_on:
      server:
        condition: process_healthy
`);
	expect(run.stderr).toBe(
		'procdash.yaml: process-compose fields procdash does not have, ignored: is_daemon (client)\n',
	);
	expect(eventsOf(run, 'process:output', 'client').map((event) => event.line)).toEqual(['200']);
	// The client's end stopped the server, with its shutdown signal (2: SIGINT), on which it exits 0
	expect(eventsOf(run, 'process:signalled', 'server').map((event) => event.signal)).toEqual([
		'SIGINT',
	]);
	expect(exitcodesOf(run, 'server')).toEqual([0]);
	expect(run.summary?.notes).toEqual([
		'2 of 2 processes ended with a successful exit code',
		'client ended and has exit_on_end: every other process was stopped',
		'server: stopped (exit code 0)',
		'client: exit code 0',
	]);
	expect(run.exitcode).toBe(0);
});

test('process-compose: availability, environment lists, working_dir, probes and shutdown (its command too) read with their meaning', () => {
	const config = parseConfig(
		`
version: "0.5"
environment: ["A=1", "B=2"]
processes:
  web:
    command: "./serve --port 80"
    working_dir: "."
    environment: ["B=3"]
    availability:
      restart: on_failure
      backoff_seconds: 2
    liveness_probe:
      exec:
        command: "curl -f localhost || exit 1"
      failure_threshold: 5
    shutdown:
      command: "./serve --stop && echo stopped"
      signal: 15
      timeout_seconds: 3
  job:
    command: "make"
    ready_log_line: "done (1)"
    availability:
      restart: exit_on_failure
      max_restarts: 2
    depends_on:
      web:
        condition: process_completed
  off:
    command: "never"
    disabled: true
`,
		'process-compose.yaml',
		process.cwd(),
	);
	expect(config.warnings).toEqual([]);
	const [web, job] = config.processes;
	expect(config.processes).toHaveLength(2);
	expect(web).toMatchObject({
		command: 'bash',
		args: ['-c', './serve --port 80'],
		cwd: process.cwd(),
		env: {A: '1', B: '3'},
		restart: 'on-failure',
		backoffMs: 2000,
		maxRestarts: 1_000_000,
		stop: {
			signal: 'SIGTERM',
			graceMs: 3000,
			command: {command: 'sh', args: ['-c', './serve --stop && echo stopped']},
		},
		liveness: {
			check: {kind: 'exec', command: 'sh', args: ['-c', 'curl -f localhost || exit 1']},
			failureThreshold: 5,
		},
	});
	expect(job).toMatchObject({
		restart: 'no',
		exitOnFailure: true,
		maxRestarts: 2,
		dependsOn: [{name: 'web', condition: 'completed'}],
		readiness: {check: {kind: 'log', pattern: /done \(1\)/}},
	});
});
