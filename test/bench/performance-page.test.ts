import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {beginMarker, endMarker, renderResults, updatePage} from '../../bench/performance-page.js';
import type {BenchRow} from '../../bench/report.js';
import {goalMet, ratioOf} from '../../bench/report.js';
import type {Results} from '../../bench/results.js';

// This file runs as dist/test/bench/performance-page.test.js: the repository is three folders up.
const root = new URL('../../../', import.meta.url);

const rows: BenchRow[] = [
	{
		figure: 'command Process `/bin/true` start → exit',
		unit: 'ms',
		direction: 'lower',
		procdash: {median: 2.36, min: 1.65, max: 3.55, runs: 21},
		anchor: {
			name: 'raw `child_process.spawn`',
			sample: {median: 2.22, min: 1.65, max: 4.02, runs: 21},
		},
		goal: {text: '≤ 1.2×', bound: 1.2, on: 'ratio'},
		notes: ['both wait for the child’s pipes to close (`close`)'],
	},
	{
		figure: 'Pool(2).map 100k, chunksize 1',
		unit: 'tasks/s',
		direction: 'higher',
		procdash: {median: 76_200, min: 74_500, max: 84_600, runs: 7},
		anchor: {name: 'Python, chunksize=1', sample: undefined},
		goal: {text: '≥ 1.0×', bound: 1.0, on: 'ratio'},
		notes: ['python3 not found: the Python anchor is skipped'],
	},
	{
		figure: 'dashboard CPU, 200 sleeping children',
		unit: '% of a core',
		direction: 'lower',
		procdash: {median: 2.1, min: 1.8, max: 4.4, runs: 6},
		goal: {text: '≤ 3 %', bound: 3, on: 'value'},
	},
];

// Shaped as bench/run.ts writes it, and read back as JSON: what is undefined is absent.
function resultsOf(overrides: Partial<Results> = {}): Results {
	const results: Results = {
		at: '2025-01-02T03:04:05.678Z',
		commit: {hash: 'abc1234', modified: false},
		quick: false,
		only: null,
		loadAtStart: [0.12, 0.3, 0.25],
		machine: {
			cpu: 'Example CPU @ 2.0GHz',
			cores: 2,
			memoryBytes: 8 * 2 ** 30,
			node: '20.19.0',
			os: 'Linux 6.8.0 x64',
			python: 'Python 3.11.7',
		},
		rows: rows.map((row) => ({...row, ratio: ratioOf(row), met: goalMet(row)})),
		...overrides,
	};
	return JSON.parse(JSON.stringify(results)) as Results;
}

describe('docs/performance.md from bench/results.json', () => {
	test('a full run: the date, the commit, the machine, then one table row per figure', () => {
		const text = renderResults(resultsOf());
		expect(text).toContain(
			'A full run of `npm run bench`, ended 2025-01-02 03:04 UTC at commit `abc1234`.',
		);
		expect(text).toContain(
			'Machine: Example CPU @ 2.0GHz, 2 cores, 8.0 GB of memory, Linux 6.8.0 x64, Node 20.19.0, Python 3.11.7; load average 0.12 / 0.30 / 0.25 (1 / 5 / 15 min) as the run began.',
		);
		const table = text.split('\n').filter((line) => line.startsWith('|'));
		expect(table).toHaveLength(2 + rows.length);
		expect(table[0]).toMatch(/^\| what +\| procdash +\| anchor +\| ratio +\| goal +\| met +\|$/);
		expect(table[2]).toContain('| 2.36 ms (1.65–3.55)');
		expect(table[2]).toContain('raw `child_process.spawn`: 2.22 ms (1.65–4.02)');
		expect(table[2]).toMatch(/\| 1\.06× +\| ≤ 1\.2× +\| yes +\|$/);
		// An anchor skipped: no ratio, no verdict, and the note says why
		expect(table[3]).toMatch(/Python, chunksize=1: skipped +\| — +\| ≥ 1\.0× +\| \? +\|$/);
		expect(text).toContain('- Pool(2).map 100k, chunksize 1: python3 not found');
		// An absolute goal: no anchor
		expect(table[4]).toMatch(
			/\| 2\.10 % of a core \(1\.80–4\.40\) +\| — +\| — +\| ≤ 3 % +\| yes +\|$/,
		);
		// Every line of the table is as wide as the header, as Biome lays tables out
		expect(new Set(table.map((line) => [...line].length)).size).toBe(1);
	});

	test('a quick or partial run says so first, and so does a tree with changes not committed', () => {
		const text = renderResults(
			resultsOf({quick: true, only: ['starts'], commit: {hash: 'abc1234', modified: true}}),
		);
		expect(text.split('\n')[0]).toMatch(
			/^\*\*A quick run, not the full figures\*\* \(BENCH_QUICK=1: .*; BENCH_ONLY=starts: only these benchmarks\), ended .* at commit `abc1234` with changes not committed\./,
		);
	});

	test('the prose around the markers is kept, and rendering twice changes nothing', () => {
		const page = `# Performance\n\nby hand before\n\n${beginMarker}\nold figures\n${endMarker}\n\nby hand after\n`;
		const once = updatePage(page, resultsOf());
		expect(once).not.toContain('old figures');
		expect(once.startsWith('# Performance\n\nby hand before\n\n')).toBe(true);
		expect(once.endsWith(`${endMarker}\n\nby hand after\n`)).toBe(true);
		expect(updatePage(once, resultsOf())).toBe(once);
	});

	test('a page without the markers is refused, naming them', () => {
		expect(() => updatePage('# Performance\n', resultsOf())).toThrow(beginMarker);
	});

	test('the committed page is what the committed bench/results.json renders', () => {
		const results = new URL('bench/results.json', root);
		expect(existsSync(results)).toBe(true);
		const page = readFileSync(new URL('docs/performance.md', root), 'utf8');
		const committed = JSON.parse(readFileSync(results, 'utf8')) as Results;
		expect(updatePage(page, committed)).toBe(page);
	});
});
