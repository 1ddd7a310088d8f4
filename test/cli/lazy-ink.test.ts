import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';

import {expect, test} from 'vitest';
import {cliPath} from '../helpers/tmux.js';

const dist = path.dirname(cliPath);

// The packages a module imports statically, following its relative imports through dist/;
// dynamic import() is left out: it loads only when the code that calls it runs.
function staticPackages(entry: string): Set<string> {
	const packages = new Set<string>();
	const seen = new Set<string>();
	const pending = [path.join(dist, entry)];
	while (pending.length > 0) {
		const file = pending.pop() as string;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)) {
			const specifier = match[1] as string;
			if (specifier.startsWith('.')) pending.push(path.resolve(path.dirname(file), specifier));
			else if (!specifier.startsWith('node:')) packages.add(specifier.split('/')[0] as string);
		}
	}
	return packages;
}

test.each([
	['cli.js', 'parsing argv, --version, --help, usage errors'],
	['source/cli/main.js', 'list, unknown presets, scenario files'],
	['source/cli/modes.js', '--json, --record, and checking a replay file'],
])('%s (%s) loads neither ink nor react until a dashboard opens', (entry) => {
	const packages = staticPackages(entry);
	expect(packages.has('ink')).toBe(false);
	expect(packages.has('react')).toBe(false);
});

test('the modes that open a dashboard do load ink (the check above can see it)', () => {
	expect(staticPackages('source/ui/run-dashboard.js').has('ink')).toBe(true);
	expect(staticPackages('source/ui/run-replay.js').has('ink')).toBe(true);
});

test.each([
	['cli.js', 'every command line'],
	['source/index.js', 'the library: a program that never makes a bullmq pool'],
	['source/cli/main.js', 'every mode but procdash worker'],
])('%s (%s) loads neither bullmq nor ioredis until they are used', (entry) => {
	const packages = staticPackages(entry);
	expect(packages.has('bullmq')).toBe(false);
	expect(packages.has('ioredis')).toBe(false);
});

test('the bullmq backend does load them (the check above can see it)', () => {
	const source = readFileSync(path.join(dist, 'source/core/pool/bullmq/redis.js'), 'utf8');
	expect(source).toContain("import('bullmq')");
	expect(source).toContain("import('ioredis')");
});

test('procdash --version costs about what node -e 0 does, far below importing ink', () => {
	const timed = (args: readonly string[]) => {
		const started = performance.now();
		execFileSync(process.execPath, args, {stdio: 'ignore'});
		return performance.now() - started;
	};
	const median = (values: readonly number[]) =>
		[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
	const importInk = `await import(${JSON.stringify(import.meta.resolve('ink'))})`;
	// Each round runs the three side by side, so that a change in the machine's load weighs on all
	// of them alike; each cost over a bare Node is the median of the rounds.
	const versionCosts: number[] = [];
	const inkCosts: number[] = [];
	for (let round = 0; round < 5; round++) {
		const bare = timed(['-e', '0']);
		versionCosts.push(timed([cliPath, '--version']) - bare);
		inkCosts.push(timed(['--input-type=module', '-e', importInk]) - bare);
	}
	// Importing ink alone costs ~440 ms on an idle machine (more on a loaded one, and --version with
	// it); --version must stay far below that: under a third, ~150 ms when idle.
	expect(median(versionCosts)).toBeLessThan(median(inkCosts) / 3);
});
