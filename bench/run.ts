// `npm run bench`: every benchmark, one after the other, printed as one table and written to
// bench/results.json. Figures come from this machine, in this run: compare within a run only.
// BENCH_ONLY=starts,pool runs some of them; BENCH_QUICK=1 shortens the dashboard's windows.
import {writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {benchDashboard} from './dashboard.js';
import {benchPool} from './pool.js';
import {pythonVersion} from './python.js';
import {type BenchRow, formatTable, goalMet, ratioOf} from './report.js';
import {benchShared} from './shared.js';
import {benchStarts} from './starts.js';

const benches: Record<string, () => Promise<BenchRow[]>> = {
	starts: benchStarts,
	pool: benchPool,
	shared: benchShared,
	dashboard: benchDashboard,
};

const only = process.env.BENCH_ONLY?.split(',');
const rows: BenchRow[] = [];
for (const [name, bench] of Object.entries(benches)) {
	if (only && !only.includes(name)) continue;
	process.stderr.write(`bench: ${name}…\n`);
	rows.push(...(await bench()));
}
const machine = `${availableParallelism()} cores, Node ${process.versions.node}, ${pythonVersion() ?? 'no python3'}`;
process.stdout.write(`procdash benchmarks — ${machine}\n\n${formatTable(rows)}`);
writeFileSync(
	new URL('../../bench/results.json', import.meta.url),
	`${JSON.stringify(
		{
			at: new Date().toISOString(),
			machine,
			rows: rows.map((row) => ({...row, ratio: ratioOf(row), met: goalMet(row)})),
		},
		null,
		'\t',
	)}\n`,
);
