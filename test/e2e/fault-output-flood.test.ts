import {spawn} from 'node:child_process';
import {expect, test} from 'vitest';
import {statusBytes} from '../../source/core/stats/proc.js';
import {expectGoneWithin} from '../helpers/endings.js';
import {processTree} from '../helpers/processes.js';
import {cliPath, terminalPerTest} from '../helpers/tmux.js';

// A child writing as fast as it can. CI floods 256 MB (about 3 s here); `npm run soak` floods the
// full 1 GB (about 16 s here).
const flood = (bytes: string) => `head -c ${bytes} /dev/zero | tr '\\0' x`;

/** The resident memory of `pid` in MB, or 0 once it is gone. */
function residentMb(pid: number): number {
	return (statusBytes(pid, 'VmRSS') ?? 0) / 2 ** 20;
}

const openTerminal = terminalPerTest();

test('--json: a child floods 256 MB; procdash, its heap capped at 128 MB, streams it all and ends ok', async () => {
	// Given procdash with a JavaScript heap far smaller than the flood, read by this test
	const procdash = spawn(
		process.execPath,
		['--max-old-space-size=128', cliPath, 'run', '--json', '--', 'sh', '-c', flood('256M')],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	let bytes = 0;
	let tail = '';
	let stderr = '';
	let peakMb = 0;
	const sampler = setInterval(() => {
		peakMb = Math.max(peakMb, residentMb(procdash.pid as number));
	}, 50);
	procdash.stdout.on('data', (chunk: Buffer) => {
		bytes += chunk.length;
		tail = (tail + chunk.toString('latin1')).slice(-8192);
	});
	procdash.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});

	// When the flood has been read to its end
	const exitcode = await new Promise<number | null>((resolve) => procdash.once('close', resolve));
	clearInterval(sampler);

	// Then nothing ran out of memory or stalled on a full pipe: every byte came through, ok
	expect(stderr).toBe('');
	expect(exitcode).toBe(0);
	expect(bytes).toBeGreaterThan(256 * 1024 * 1024);
	const summary = JSON.parse(tail.trimEnd().split('\n').at(-1) as string);
	expect(summary).toMatchObject({
		type: 'summary',
		ok: true,
		processes: [{name: 'sh', exitcode: 0}],
	});
	expect(peakMb).toBeGreaterThan(0);
	expect(peakMb).toBeLessThan(300);
});

test('dashboard: while a child floods 1 GB, a key is still answered and memory stays bounded', async () => {
	// Given the dashboard watching a flood of 1 GB
	const terminal = openTerminal(['node', cliPath, 'run', '--', 'sh', '-c', flood('1G')], {
		columns: 100,
		rows: 30,
	});
	await terminal.waitForScreen((screen) => /sh │ x{20}/.test(screen));
	const procdash = terminal.pid;
	const tree = await processTree(procdash);

	// When k is pressed in the middle of it
	terminal.press('k');

	// Then the key is answered: the flood is terminated, and procdash's memory stayed in bounds
	await terminal.waitForScreen((screen) => screen.includes('SIGTERM sent to sh'));
	await terminal.waitForScreen((screen) => /sh\s+\d+\s+\d+ exited .*-15 TERM/.test(screen));
	expect(residentMb(procdash)).toBeLessThan(400);
	expect(Number(statusBytes(procdash, 'VmHWM')) / 2 ** 20).toBeLessThan(400);
	terminal.press('q');
	await terminal.waitForExit();
	expect(terminal.exitStatus).toBe(0);
	await expectGoneWithin(tree, 2000);
});
