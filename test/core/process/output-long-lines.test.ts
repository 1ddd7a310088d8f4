import {describe, expect, test} from 'vitest';
import {type EventOf, Process} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';

describe('long output lines', () => {
	const orchestrator = useOrchestrator();

	const cap = 16 * 1024;

	async function outputOf(script: string): Promise<EventOf<'process:output'>[]> {
		const child = new Process({
			command: 'python3',
			args: ['-c', script],
			orchestrator: orchestrator(),
		});
		const lines: EventOf<'process:output'>[] = [];
		orchestrator().bus.subscribe((event) => {
			if (event.type === 'process:output' && event.id === child.id) lines.push(event);
		});
		await child.start();
		expect(await child.join()).toBe(0);
		return lines;
	}

	test('a 100,003-character line comes in pieces of at most 16 KiB, each but the last marked', async () => {
		const lines = await outputOf("import sys; sys.stdout.write('x' * 100003 + '\\nafter\\n')");
		const pieces = lines.slice(0, -1);
		expect(pieces.map((piece) => piece.line.length)).toEqual([
			cap,
			cap,
			cap,
			cap,
			cap,
			cap,
			100003 - 6 * cap,
		]);
		expect(pieces.map((piece) => piece.continues === true)).toEqual([
			true,
			true,
			true,
			true,
			true,
			true,
			false,
		]);
		expect(pieces.map((piece) => piece.line).join('')).toBe('x'.repeat(100003));
		expect(lines.at(-1)).toMatchObject({line: 'after'});
		expect(lines.at(-1)?.continues).toBeUndefined();
	});

	test('a cut never splits a character that takes two UTF-16 units', async () => {
		// One unit short of the cap, then an emoji across it.
		const lines = await outputOf(
			`import sys; sys.stdout.write('a' * ${cap - 1} + '🚀' * 3 + '\\n')`,
		);
		expect(lines.map((line) => line.line)).toEqual(['a'.repeat(cap - 1), '🚀🚀🚀']);
		expect(lines[0]?.continues).toBe(true);
	});
});
