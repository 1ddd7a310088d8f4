// `npm run bench`: every benchmark, one after the other, printed as tables and written to
// bench/results.json. Figures come from this machine, in this run: compare within a run only.
import {writeFileSync} from 'node:fs';
import {benchPool, formatPoolBench} from './pool.js';

const pool = await benchPool();
process.stdout.write(formatPoolBench(pool));
writeFileSync(
	new URL('../../bench/results.json', import.meta.url),
	`${JSON.stringify({at: new Date().toISOString(), pool}, null, '\t')}\n`,
);
