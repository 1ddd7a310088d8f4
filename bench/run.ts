// `npm run bench`: every benchmark, one after the other, printed as one table and written to
// bench/results.json with the date, the machine, the commit and the run's options, from which
// tools/performance-doc.mjs renders docs/performance.md. Figures come from this machine, in this
// run: compare within a run only.
// BENCH_ONLY=starts,pool runs some of them; BENCH_QUICK=1 shortens the dashboard's windows.
// `npm run bench -- --check` exits 1 when a goal marked as a must is missed.
import {writeFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {benchBullmq} from './bullmq.js';
import {benchDashboard} from './dashboard.js';
import {benchLessons} from './lessons.js';
import {formatMachine} from './machine.js';
import {benchPool} from './pool.js';
import {benchPythonReport} from './python-report.js';
import {type BenchRow, formatTable, goalMet} from './report.js';
import {resultsOf} from './results.js';
import {benchShared} from './shared.js';
import {benchStarts} from './starts.js';
import {benchSync} from './sync.js';
import {benchThreadLock} from './thread-lock.js';

const benches: Record<string, () => Promise<BenchRow[]>> = {
	starts: benchStarts,
	pool: benchPool,
	bullmq: benchBullmq,
	shared: benchShared,
	sync: benchSync,
	'thread-lock': benchThreadLock,
	lessons: benchLessons,
	dashboard: benchDashboard,
	'python-report': benchPythonReport,
};

const only = process.env.BENCH_ONLY?.split(',');
const loadAtStart = loadavg().map((load) => Math.round(load * 100) / 100);
const rows: BenchRow[] = [];
for (const [name, bench] of Object.entries(benches)) {
	if (only && !only.includes(name)) continue;
	process.stderr.write(`bench: ${name}…\n`);
	rows.push(...(await bench()));
}
// A quick or partial run says so in the file, so that no page presents it as the full figures.
const results = resultsOf(rows, {
	quick: process.env.BENCH_QUICK === '1',
	only: only ?? null,
	loadAtStart,
});
process.stdout.write(
	`procdash benchmarks — ${formatMachine(results.machine)}\n\n${formatTable(rows)}`,
);
writeFileSync(
	new URL('../../bench/results.json', import.meta.url),
	`${JSON.stringify(results, null, '\t')}\n`,
);
if (process.argv.includes('--check')) {
	const missed = rows.filter((row) => row.must && goalMet(row) === false);
	for (const row of missed)
		process.stderr.write(`bench: must goal missed: ${row.figure} (${row.goal.text})\n`);
	if (missed.length > 0) process.exitCode = 1;
}
