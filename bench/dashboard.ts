// The dashboard's own cost, in a real terminal (tmux): its CPU with 20 and with 200 sleeping
// children; its frame rate, key response and memory under 50,000 value changes a second; and how
// soon `procdash --version` answers and the first frame shows. BENCH_QUICK=1 halves the windows.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type BenchRow, pause, sampleOf} from './report.js';
import {cpuSeconds, hasTmux, rssBytes, Terminal} from './terminal.js';

const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const cpuWindowS = quick ? 15 : 30;
const settledAfterS = 60;
const floodWindowS = quick ? 30 : 60;
const floodRate = 50_000;
const floodWarmUpS = 10;

// CPU % of one core of each of `pids`, per 5-second slice of the window, all read at the same
// instants: processes measured side by side share the machine's load.
async function cpuSlices(pids: readonly number[], seconds: number): Promise<number[][]> {
	const slices = pids.map((): number[] => []);
	let before = pids.map((pid) => cpuSeconds(pid) ?? 0);
	let at = performance.now();
	for (let elapsed = 0; elapsed < seconds; elapsed += 5) {
		await pause(5000);
		const after = pids.map((pid, index) => cpuSeconds(pid) ?? (before[index] as number));
		const now = performance.now();
		for (const [index, slice] of slices.entries())
			slice.push(
				(((after[index] as number) - (before[index] as number)) / ((now - at) / 1000)) * 100,
			);
		before = after;
		at = now;
	}
	return slices;
}

/** Whether htop can be run here; its anchor is skipped without it. */
function hasHtop(): boolean {
	return spawnSync('htop', ['--version']).status === 0;
}

async function quit(terminal: Terminal): Promise<void> {
	// Read before q: a program that quits at once (htop) takes its tmux with it.
	const pid = terminal.pid;
	terminal.press('q');
	const deadline = performance.now() + 15_000;
	while (cpuSeconds(pid) !== undefined && performance.now() < deadline) await pause(100);
	terminal.close();
}

function sleepersFile(count: number, dir: string): string {
	const file = join(dir, `sleepers-${count}.yaml`);
	const processes = Array.from(
		{length: count},
		(_, index) => `  s${index + 1}: {command: sleep 600}`,
	);
	writeFileSync(
		file,
		`description: ${count} sleeping children\nprocesses:\n${processes.join('\n')}\n`,
	);
	return file;
}

// htop with `count` sleeping children of its own: a shell starts them and becomes htop, which
// draws every process of the machine (theirs among them) once a second. Its settings are read
// from and written to `dir`, never the user's.
function openHtop(count: number, dir: string): Terminal {
	const script = `for i in $(seq ${count}); do sleep 600 & done; HTOPRC=${join(dir, 'htoprc')} exec htop -d 10`;
	return Terminal.open(['sh', '-c', script]);
}

async function quitHtop(terminal: Terminal): Promise<void> {
	let pid: number;
	try {
		pid = terminal.pid;
	} catch {
		// Its tmux is gone already, and htop with it.
		return;
	}
	await quit(terminal);
	// Its sleeping children are in its process group: the group outlives htop while they do.
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Gone with the terminal.
	}
}

type Window = {readonly procdash: number[]; readonly htop?: number[]};

/**
 * The dashboard's CPU with `count` sleeping children, in 5 s slices, from 3 s after they all run;
 * with htop's beside it, over the same window, when `htop` is set (undefined where htop is not
 * installed). With `settled`, a second window too, from a minute after the start: the dashboard
 * left open, once V8 has compiled what a frame runs (in the first half minute its compiler and
 * collector threads take about as much again as its main thread).
 */
async function sleepingChildren(
	count: number,
	dir: string,
	{htop = false, settled = false} = {},
): Promise<{first: Window; settled?: Window}> {
	const file = sleepersFile(count, dir);
	const terminal = Terminal.open([process.execPath, cli, '-c', file, '--grace', '1']);
	const anchor = htop ? openHtop(count, dir) : undefined;
	try {
		const up = await terminal.waitFor((screen) => screen.includes(`${count} running`), 30_000);
		if (!up) throw new Error(`the dashboard never showed ${count} running:\n${terminal.screen()}`);
		if (anchor && !(await anchor.waitFor((screen) => screen.includes('Load average'), 30_000)))
			throw new Error(`htop never showed:\n${anchor.screen()}`);
		const upAt = performance.now();
		await pause(3000);
		const pids = [terminal.pid, ...(anchor ? [anchor.pid] : [])];
		const window = async (): Promise<Window> => {
			const [ours, theirs] = await cpuSlices(pids, cpuWindowS);
			return {procdash: ours as number[], ...(theirs ? {htop: theirs} : {})};
		};
		const first = await window();
		if (!settled) return {first};
		await pause(Math.max(0, upAt + settledAfterS * 1000 - performance.now()));
		return {first, settled: await window()};
	} finally {
		await quit(terminal);
		if (anchor) await quitHtop(anchor);
	}
}

type FloodStats = {readonly at: number; readonly frames: number; readonly value: number};

type FloodResult = {
	readonly fps: number[];
	readonly keyMs: number[];
	readonly rssGrowthMb: number;
	readonly changesPerSecond: number;
};

// The row marked selected (›), or -1.
function selectedRow(screen: string): number {
	return screen.split('\n').findIndex((line) => line.startsWith('›'));
}

// Presses ↓ (or ↑) and times until the selection has moved on screen.
async function keyResponse(terminal: Terminal, key: 'Down' | 'Up'): Promise<number | undefined> {
	const before = selectedRow(terminal.screen());
	const started = performance.now();
	terminal.press(key);
	const moved = await terminal.waitFor((screen) => selectedRow(screen) !== before, 2000, 2);
	return moved === undefined ? undefined : performance.now() - started;
}

async function flood(dir: string): Promise<FloodResult> {
	const stats = join(dir, 'flood.ndjson');
	writeFileSync(stats, '');
	const harness = fileURLToPath(new URL('./flood-dashboard.js', import.meta.url));
	const terminal = Terminal.open([
		process.execPath,
		harness,
		String(floodRate),
		String(floodWarmUpS + floodWindowS + 10),
		stats,
	]);
	try {
		const up = await terminal.waitFor((screen) => /flood\s/.test(screen) && screen.includes('›'));
		if (!up) throw new Error(`the flood dashboard never showed:\n${terminal.screen()}`);
		// The heap and the JIT settle in the first seconds of the flood; growth is measured after.
		await pause(floodWarmUpS * 1000);
		const pid = terminal.pid;
		const rssBefore = rssBytes(pid) ?? 0;
		const keyMs: number[] = [];
		const windowEnd = performance.now() + floodWindowS * 1000;
		for (let press = 0; performance.now() < windowEnd; press++) {
			const ms = await keyResponse(terminal, press % 2 === 0 ? 'Down' : 'Up');
			if (ms !== undefined) keyMs.push(ms);
			await pause(2000);
		}
		const rssAfter = rssBytes(pid) ?? rssBefore;
		const lines = readFileSync(stats, 'utf8')
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as FloodStats);
		const window = lines.slice(-(floodWindowS + 1));
		const fps = window.slice(1).map((line, index) => {
			const previous = window[index] as FloodStats;
			return (line.frames - previous.frames) / ((line.at - previous.at) / 1000);
		});
		const first = window[0] as FloodStats;
		const last = window.at(-1) as FloodStats;
		return {
			fps,
			keyMs,
			rssGrowthMb: (rssAfter - rssBefore) / 1e6,
			changesPerSecond: (last.value - first.value) / ((last.at - first.at) / 1000),
		};
	} finally {
		await quit(terminal);
	}
}

function timeCommand(args: readonly string[]): number {
	const started = performance.now();
	spawnSync(process.execPath, args, {stdio: 'ignore'});
	return performance.now() - started;
}

async function firstFrame(): Promise<number> {
	const started = performance.now();
	const terminal = Terminal.open([process.execPath, cli, 'parallel']);
	try {
		await terminal.waitFor((screen) => screen.includes('procdash'), 10_000, 2);
		return performance.now() - started;
	} finally {
		await quit(terminal);
	}
}

// The anchor: a bare Node in the same kind of tmux, from the command until what it prints shows:
// the boot, and the terminal's share, that any program has before its first frame.
async function bareNodeFrame(): Promise<number> {
	const started = performance.now();
	const terminal = Terminal.open([
		process.execPath,
		'-e',
		"process.stdout.write('node is up'); setInterval(() => {}, 1000)",
	]);
	try {
		await terminal.waitFor((screen) => screen.includes('node is up'), 10_000, 2);
		return performance.now() - started;
	} finally {
		terminal.close();
	}
}

/** The dashboard figures; all skipped, with a note, where tmux is missing. */
export async function benchDashboard(): Promise<BenchRow[]> {
	const version: number[] = [];
	const bare: number[] = [];
	for (let run = 0; run < 17; run++) {
		const ours = timeCommand([cli, '--version']);
		const theirs = timeCommand(['-e', '0']);
		if (run < 2) continue;
		version.push(ours);
		bare.push(theirs);
	}
	const versionRow: BenchRow = {
		figure: '`procdash --version`',
		unit: 'ms',
		direction: 'lower',
		procdash: sampleOf(version),
		anchor: {name: '`node -e 0`', sample: sampleOf(bare)},
		goal: {text: '≤ 1.5×', bound: 1.5, on: 'ratio'},
	};
	if (!hasTmux()) {
		return [
			versionRow,
			{
				figure: 'dashboard figures',
				unit: '',
				direction: 'lower',
				procdash: undefined,
				goal: {text: '—', bound: 0, on: 'value'},
				notes: ['tmux not found: the dashboard figures are skipped'],
			},
		];
	}
	const dir = mkdtempSync(join(tmpdir(), 'procdash-bench-'));
	try {
		const frames: number[] = [];
		const bareFrames: number[] = [];
		for (let run = 0; run < 5; run++) {
			frames.push(await firstFrame());
			bareFrames.push(await bareNodeFrame());
		}
		const htop = hasHtop();
		const twenty = await sleepingChildren(20, dir, {htop, settled: true});
		const twoHundred = (await sleepingChildren(200, dir)).first.procdash;
		const flooded = await flood(dir);
		const window = `${cpuWindowS} s${quick ? ' (BENCH_QUICK)' : ''}, in 5 s slices`;
		const htopNote = htop
			? 'beside it, in the same window: htop -d 10 (every process of the machine, once a second) with 20 × sleep 600 of its own, in a 120×40 tmux of its own, measured the same way'
			: 'htop not found: the htop anchor is skipped';
		const atRest = (figure: string, measured: Window, from: string): BenchRow => ({
			figure,
			unit: '% of a core',
			direction: 'lower',
			procdash: sampleOf(measured.procdash),
			anchor: {
				name: '`htop -d 10`',
				sample: measured.htop ? sampleOf(measured.htop) : undefined,
			},
			goal: {text: '≤ 1 %', bound: 1, on: 'value'},
			must: true,
			notes: [
				`procdash -c (20 × sleep 600) in a 120×40 tmux, /proc/<pid>/stat (every thread) over ${window}, ${from}`,
				htopNote,
			],
		});
		return [
			atRest(
				'dashboard CPU, 20 sleeping children, just started',
				twenty.first,
				'from 3 s after all run',
			),
			atRest(
				'dashboard CPU, 20 sleeping children, left open',
				twenty.settled as Window,
				`from ${settledAfterS} s after all run`,
			),
			{
				figure: 'dashboard CPU, 200 sleeping children',
				unit: '% of a core',
				direction: 'lower',
				procdash: sampleOf(twoHundred),
				goal: {text: '≤ 3 %', bound: 3, on: 'value'},
				notes: [`the same with 200, over ${window}`],
			},
			{
				figure: 'dashboard under 50k value changes/s: frames',
				unit: 'fps',
				direction: 'lower',
				procdash: sampleOf(flooded.fps),
				goal: {text: '≤ 30 fps', bound: 30, on: 'value'},
				notes: [
					`4 children add(1) without awaiting each, ${Math.round(flooded.changesPerSecond)} changes/s reached; frames counted as Ink's writes, per second over ${floodWindowS} s`,
				],
			},
			{
				figure: 'dashboard under 50k value changes/s: a key answered',
				unit: 'ms',
				direction: 'lower',
				procdash: flooded.keyMs.length > 0 ? sampleOf(flooded.keyMs) : undefined,
				goal: {text: '< 100 ms', bound: 100, on: 'value'},
				notes: ['↓/↑ sent with tmux send-keys, until the selection moved on the captured screen'],
			},
			{
				figure: 'dashboard under 50k value changes/s: RSS growth',
				unit: 'MB',
				direction: 'lower',
				procdash: sampleOf([flooded.rssGrowthMb]),
				goal: {text: '< 20 MB', bound: 20, on: 'value'},
				notes: [
					`VmRSS at the end of the ${floodWindowS} s window minus at its start, ${floodWarmUpS} s into the flood (one run)`,
				],
			},
			versionRow,
			{
				figure: 'first frame of the dashboard',
				unit: 'ms',
				direction: 'lower',
				procdash: sampleOf(frames),
				anchor: {name: '`node -e` printing a line, in the same tmux', sample: sampleOf(bareFrames)},
				goal: {text: '≤ 3×', bound: 3, on: 'ratio'},
				notes: [
					'from starting tmux with `procdash parallel` until the screen shows procdash; the anchor from starting tmux with a bare node until its line shows, run by run in turn',
				],
			},
		];
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
