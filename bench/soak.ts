// `npm run soak [-- --minutes N]`: the pool and lock presets played over and over for N minutes
// (default 10) while their processes are SIGKILLed at random, then a report: iterations, tasks,
// lost items and updates (must be 0), procdash's memory and its growth, open file descriptors
// (must not grow), orphans (must be 0), and a 1 GB stdout flood. Not part of `npm test`.
import {readdirSync} from 'node:fs';
import {findScenario} from '../source/scenarios/index.js';
import type {Scenario} from '../source/scenarios/scenario.js';
import {flood} from './soak-flood.js';
import {type IterationReport, playUnderFire} from './soak-iteration.js';
import {lockedIncrements} from './soak-presets.js';

const minutes = minutesArgument(process.argv.slice(2));
const presets: Scenario[] = [
	...['pool', 'lock-counter', 'pool-crash', 'tour'].map((name) => findScenario(name) as Scenario),
	lockedIncrements,
];

const fds = () => readdirSync('/proc/self/fd').length;
const settle = async () => {
	// Garbage left by the last iteration is not a leak: collect it before measuring.
	globalThis.gc?.();
	await new Promise((resolve) => setTimeout(resolve, 200));
	globalThis.gc?.();
};

process.stdout.write(`soak: ${minutes} min, presets ${presets.map((p) => p.name).join(', ')}\n`);
const floodReport = await flood('1G');
process.stdout.write(
	`flood: ${(floodReport.bytes / 2 ** 30).toFixed(2)} GB through procdash --json in ${floodReport.seconds.toFixed(1)} s, peak RSS ${floodReport.peakMb.toFixed(0)} MB, ${floodReport.ok ? 'ok' : `NOT OK (exit ${floodReport.exitcode})`}\n`,
);

let stopAsked = false;
process.once('SIGINT', () => {
	stopAsked = true;
	process.stdout.write('soak: stopping after this iteration\n');
});

const reports: IterationReport[] = [];
const rss: number[] = [];
const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
let baseline: {fds: number; rss: number; heap: number} | undefined;
const deadline = performance.now() + minutes * 60_000;
while (!stopAsked && performance.now() < deadline) {
	const preset = presets[reports.length % presets.length] as Scenario;
	const report = await playUnderFire(preset, reports.length + 1);
	reports.push(report);
	process.stdout.write(`${line(reports.length, report)}\n`);
	// The first round of each preset loads its modules: measure from after the first lap.
	if (reports.length === presets.length) {
		await settle();
		baseline = {fds: fds(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed};
	}
}
clearInterval(sampler);
await settle();
const end = {fds: fds(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed};
const failures = summarize(reports, baseline, end, floodReport.ok);
process.exitCode = failures === 0 ? 0 : 1;

function summarize(
	all: readonly IterationReport[],
	start: typeof baseline,
	finish: typeof end,
	floodOk: boolean,
): number {
	const sum = (pick: (report: IterationReport) => number) =>
		all.reduce((total, report) => total + pick(report), 0);
	const lostItems = sum((report) => report.lostItems);
	const lostUpdates = sum((report) => report.lostUpdates);
	const survivors = sum((report) => report.survivors.length);
	const orphans = sum((report) => report.orphans.length);
	const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
	const fdGrowth = start ? finish.fds - start.fds : 0;
	process.stdout.write(
		[
			'',
			`iterations        ${all.length} (${[...new Set(all.map((report) => report.preset))].join(', ')})`,
			`kills             ${sum((report) => report.kills)} processes SIGKILLed at random`,
			`pool items        ${sum((report) => report.queued)} queued: ${sum((report) => report.done)} done, ${sum((report) => report.failed)} failed (WorkerDiedError), ${sum((report) => report.cancelled)} cancelled by a stop`,
			`lost              ${lostItems} items, ${lostUpdates} updates (must be 0)`,
			`survivors         ${survivors} process groups after a stop (must be 0)`,
			`orphans           ${orphans} (must be 0)`,
			`procdash RSS      peak ${mb(Math.max(...rss))}; after the first lap ${start ? mb(start.rss) : '?'}, at the end ${mb(finish.rss)}`,
			`procdash heap     after the first lap ${start ? mb(start.heap) : '?'}, at the end ${mb(finish.heap)} (after GC)`,
			`open fds          after the first lap ${start?.fds ?? '?'}, at the end ${finish.fds} (must not grow)`,
			`flood             ${floodOk ? 'ok' : 'NOT OK'}`,
			'',
		].join('\n'),
	);
	return lostItems + lostUpdates + survivors + orphans + Math.max(0, fdGrowth) + (floodOk ? 0 : 1);
}

function line(index: number, report: IterationReport): string {
	const problems = [
		report.lostItems ? `LOST ${report.lostItems} items` : '',
		report.lostUpdates ? `LOST ${report.lostUpdates} updates` : '',
		report.survivors.length ? `SURVIVORS ${report.survivors.join(' ')}` : '',
		report.orphans.length ? `ORPHANS ${report.orphans.join(' ')}` : '',
	].filter(Boolean);
	return `#${String(index).padStart(3)} ${report.preset.padEnd(16)} ${report.seconds.toFixed(1).padStart(5)} s  kills ${report.kills}  items ${report.done}+${report.failed}+${report.cancelled}/${report.queued}  ${problems.join(', ') || 'ok'}`;
}

function minutesArgument(argv: readonly string[]): number {
	const index = argv.indexOf('--minutes');
	if (index === -1) return 10;
	const value = Number(argv[index + 1]);
	if (!(value > 0)) {
		process.stderr.write(`soak: --minutes needs a number above 0, got '${argv[index + 1]}'\n`);
		process.exit(2);
	}
	return value;
}
