// The soak's flood: the built procdash (`run --json`) reading a child that writes 1 GB to stdout as
// fast as it can, read by the soak. CI floods 256 MB; this is the full size.
import {spawn} from 'node:child_process';
import {statusBytes} from '../source/core/stats/proc.js';

/** How the flood went. */
export type FloodReport = {
	readonly bytes: number;
	readonly seconds: number;
	/** procdash's peak resident memory, in MB. */
	readonly peakMb: number;
	readonly exitcode: number | null;
	readonly ok: boolean;
};

/** Runs procdash on a `size` flood (`head -c` syntax: 1G, 256M) to its end. */
export function flood(size: string): Promise<FloodReport> {
	const cli = new URL('../cli.js', import.meta.url).pathname;
	const started = performance.now();
	const procdash = spawn(
		process.execPath,
		[cli, 'run', '--json', '--', 'sh', '-c', `head -c ${size} /dev/zero | tr '\\0' x`],
		{stdio: ['ignore', 'pipe', 'ignore']},
	);
	let bytes = 0;
	let tail = '';
	let peakKb = 0;
	const sampler = setInterval(() => {
		// Undefined once it has ended.
		peakKb = Math.max(peakKb, (statusBytes(procdash.pid as number, 'VmHWM') ?? 0) / 1024);
	}, 100);
	procdash.stdout.on('data', (chunk: Buffer) => {
		bytes += chunk.length;
		tail = (tail + chunk.toString('latin1')).slice(-8192);
	});
	return new Promise((resolve) => {
		procdash.once('close', (exitcode) => {
			clearInterval(sampler);
			const summary = tail.trimEnd().split('\n').at(-1) ?? '';
			resolve({
				bytes,
				seconds: (performance.now() - started) / 1000,
				peakMb: peakKb / 1024,
				exitcode,
				ok: exitcode === 0 && summary.includes('"ok":true'),
			});
		});
	});
}
