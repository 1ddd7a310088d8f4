import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {parseConfig} from '../../source/config/load.js';

const page = new URL('../../../docs/scenario-files.md', import.meta.url);

test('the scenario file example of docs/scenario-files.md is valid, and means what its comments say', () => {
	const text = readFileSync(page, 'utf8');
	const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
	expect(example).toBeDefined();
	// Beside the files it names
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-docs-'));
	mkdirSync(path.join(directory, 'web'));
	writeFileSync(path.join(directory, '.env'), 'PORT=8000\n');
	const config = parseConfig(example as string, 'procdash.yaml', directory);
	const spec = (name: string) => config.processes.find((process) => process.name === name);
	expect(spec('db')?.readiness?.check).toEqual({
		kind: 'exec',
		command: 'pg_isready',
		args: ['-h', '127.0.0.1'],
	});
	expect(spec('db')?.stop).toEqual({signal: 'SIGINT', graceMs: 10_000});
	expect(spec('serve')?.dependsOn).toEqual([{name: 'db', condition: 'healthy'}]);
	expect(spec('serve')?.env).toEqual({PORT: '8000', PYTHONUNBUFFERED: '1'});
	expect(spec('serve')?.liveness).toMatchObject({
		check: {kind: 'tcp', host: '127.0.0.1', port: 8000},
		periodMs: 5000,
		failureThreshold: 3,
	});
	expect(spec('worker')?.readiness?.check).toEqual({kind: 'log', pattern: /worker \d+ ready/});
	expect(spec('worker')).toMatchObject({successExitCodes: [0, 3], exitOnFailure: true});
	expect(spec('report')).toMatchObject({
		shell: true,
		dependsOn: [{name: 'serve', condition: 'started'}],
	});
});
