import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {expectGoneWithin} from '../../helpers/endings.js';

test('a program that never closes its pool still finishes, and no worker outlives it', async () => {
	const script = fileURLToPath(new URL('../../fixtures/pool-unclosed.js', import.meta.url));
	const stdout = await new Promise<string>((resolve, reject) => {
		execFile(process.execPath, [script], {timeout: 20_000}, (error, out) =>
			error ? reject(error) : resolve(out),
		);
	});
	const {squares, workers} = JSON.parse(stdout) as {squares: number[]; workers: number[]};
	expect(squares).toEqual([4, 9]);
	expect(workers).toHaveLength(2);
	await expectGoneWithin(workers, 5000);
});
