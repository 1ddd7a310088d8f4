import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, expect, test} from 'vitest';
import {createOrchestrator, Pool, Process, Thread, task} from '../../../source/index.js';

const program = fileURLToPath(new URL('../../fixtures/output-program.js', import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'procdash-output-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** Runs the fixture program in `mode`: the lines of its own stdout and stderr, and the events it saw. */
async function run(mode: string) {
	const eventsFile = path.join(scratch, `${mode}.json`);
	const {stdout, stderr} = await promisify(execFile)(process.execPath, [program, mode, eventsFile]);
	const lines = (text: string) => text.split('\n').filter(Boolean).sort();
	return {
		stdout: lines(stdout),
		stderr: lines(stderr),
		events: (JSON.parse(readFileSync(eventsFile, 'utf8')) as string[]).sort(),
	};
}

const printed = {
	stdout: ['hi', 'out pool-process', 'out pool-thread', 'out task', 'out thread'],
	stderr: ['err', 'err pool-process', 'err pool-thread', 'err task', 'err thread'],
};
const everyLine = [
	...printed.stderr.map((line) => `stderr ${line}`),
	...printed.stdout.map((line) => `stdout ${line}`),
].sort();

test.each([
	['by default', 'default'],
	['when each member asks for inherit on a capturing orchestrator', 'members-inherit'],
])("children's stdout and stderr reach the program's own, line by line, %s", async (_, mode) => {
	const {stdout, stderr, events} = await run(mode);

	expect(stdout).toEqual(printed.stdout);
	expect(stderr).toEqual(printed.stderr);
	expect(events).toEqual(everyLine);
});

test.each([
	['when the orchestrator captures', 'capture'],
	['when each member asks for capture', 'members-capture'],
])('nothing is printed %s, and the bus still sees every line', async (_, mode) => {
	const {stdout, stderr, events} = await run(mode);

	expect(stdout).toEqual([]);
	expect(stderr).toEqual([]);
	expect(events).toEqual(everyLine);
});

test('output must be inherit or capture, checked up front', async () => {
	const target = task(new URL('../../fixtures/print-tasks.js', import.meta.url), 'shout');
	const message = (owner: string) => `${owner}: output must be 'inherit' or 'capture', got "tty"`;

	expect(() => createOrchestrator({output: 'tty' as never})).toThrow(
		new TypeError(message('createOrchestrator()')),
	);
	const orchestrator = createOrchestrator({output: 'capture'});
	expect(() => new Process({target, output: 'tty' as never, orchestrator})).toThrow(
		new TypeError(message('Process()')),
	);
	expect(() => new Thread({target, output: 'tty' as never, orchestrator})).toThrow(
		new TypeError(message('Thread()')),
	);
	expect(() => new Pool({output: 'tty' as never, orchestrator})).toThrow(
		new TypeError(message('Pool()')),
	);
	await orchestrator.stop();
});
