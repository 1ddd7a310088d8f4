import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {parseConfig} from '../../source/config/load.js';

const page = new URL('../../../docs/distributed.md', import.meta.url);

test('the distributed scenario of docs/distributed.md is valid: Redis first, both workers, then the map', () => {
	const text = readFileSync(page, 'utf8');
	const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
	expect(example).toBeDefined();
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-docs-'));
	const config = parseConfig(example as string, 'distributed.yaml', directory);
	const spec = (name: string) => config.processes.find((process) => process.name === name);
	expect(spec('redis')?.readiness?.check).toEqual({kind: 'tcp', host: '127.0.0.1', port: 6390});
	for (const worker of ['worker-a', 'worker-b']) {
		expect(spec(worker)?.dependsOn).toEqual([{name: 'redis', condition: 'healthy'}]);
		expect(spec(worker)?.readiness?.check).toEqual({kind: 'log', pattern: /taking the jobs/});
		expect(spec(worker)?.args).toContain('worker');
	}
	expect(spec('map')?.dependsOn).toEqual([
		{name: 'worker-a', condition: 'healthy'},
		{name: 'worker-b', condition: 'healthy'},
	]);
	expect(spec('map')).toMatchObject({exitOnEnd: true, exitOnFailure: true});
});
