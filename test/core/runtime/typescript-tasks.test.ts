import {execFile} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, expect, test} from 'vitest';
import {Pool, Process, TaskLoadError, Thread, task} from '../../../source/index.js';
import {orchestratorPerTest, rejectionOf} from '../../helpers/pool.js';

// This file runs as dist/test/core/runtime/typescript-tasks.test.js: the repository is four
// folders up. The programs live in dist, so that `--import tsx` finds the repository's tsx and
// `../source/index.js` is procdash as built.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const scratch = join(root, 'dist', 'typescript-tasks');
mkdirSync(scratch, {recursive: true});
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

// A type annotation: plain JavaScript would not parse it.
writeFileSync(join(scratch, 'tasks.ts'), 'export const square = (x: number): number => x * x;\n');
// Each way of running a task, named as a reader of the README would: ./tasks.js, or the .ts itself.
writeFileSync(
	join(scratch, 'main.ts'),
	`import {Pool, Process, Thread, task} from '../source/index.js';

const square = task<(x: number) => number>(new URL(process.argv[2] as string, import.meta.url), 'square');
const results: Record<string, unknown> = {};
const child = new Process({target: square, args: [2]});
await child.start();
await child.join();
results.process = child.result ?? child.error?.message;
const thread = new Thread({target: square, args: [3]});
await thread.start();
await thread.join();
results.thread = thread.result ?? thread.error?.message;
for (const backend of ['process', 'thread'] as const) {
	const pool = new Pool({processes: 1, backend});
	results[backend + ' pool'] = await pool.map(square, [4]).catch((error: Error) => error.message);
	await pool.terminate();
}
console.log(JSON.stringify(results));
`,
);

const orchestrator = orchestratorPerTest();
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const everyWay = {process: 4, thread: 9, 'process pool': [16], 'thread pool': [16]};

async function runMain(command: readonly string[], module: string): Promise<unknown> {
	const [file, ...args] = command as [string, ...string[]];
	const {stdout} = await promisify(execFile)(file, [...args, 'main.ts', module], {
		cwd: scratch,
		timeout: 60_000,
	});
	return JSON.parse(stdout.trim().split('\n').pop() as string);
}

test.each([
	['the tsx command', [process.execPath, tsx]],
	['node --import tsx', [process.execPath, '--import', 'tsx']],
])('under %s, a .ts task runs in a Process, a Thread and both pools', async (_, command) => {
	expect(await runMain(command, './tasks.js')).toEqual(everyWay);
	expect(await runMain(command, './tasks.ts')).toEqual(everyWay);
});

test('under plain node, a .ts task fails in every runner with a hint of what to do', async () => {
	const hint =
		'Node cannot run TypeScript here: compile it (tsc) and name the .js file, or run your program under tsx (npx tsx main.ts) or with Node type stripping (node --experimental-strip-types, Node 22.6 or later)';
	const square = task(new URL(`file://${join(scratch, 'tasks.ts')}`), 'square');
	const options = {orchestrator: orchestrator(), output: 'capture'} as const;

	const child = new Process({...options, target: square, args: [2]});
	await child.start();
	await child.join();
	const thread = new Thread({...options, target: square, args: [2]});
	await thread.start();
	await thread.join();
	await using pool = new Pool({...options, processes: 1, backend: 'thread'});
	const failed = await rejectionOf(pool.map(square, [1]));

	for (const error of [child.error, thread.error, failed]) {
		expect(error).toBeInstanceOf(TaskLoadError);
		expect(error?.message).toBe(`cannot import task module ${square.module}: ${hint}`);
	}
	// Named as ./tasks.js, the hint says the TypeScript beside it is why
	const missing = task(new URL(`file://${join(scratch, 'tasks.js')}`), 'square');
	const error = await rejectionOf(pool.apply(missing, [1]));
	expect(error.message).toMatch(
		/does not exist; .* tasks\.ts is there, but Node cannot run TypeScript here/,
	);
});
