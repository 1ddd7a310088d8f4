import {execFile} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, expect, test} from 'vitest';

// This file runs as dist/test/docs/examples.test.js: the repository is three folders up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository, so that `import … from 'procdash'` finds the package itself (its
// exports name dist/source/index.d.ts, which the build has just written) and node's types.
const scratch = join(root, 'dist', 'doc-examples');
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** One module of an example: where it is written, and the line in the docs of each of its lines. */
type Module = {readonly path: string; readonly text: string; readonly lines: readonly string[]};

/**
 * Every ```ts block of README.md and docs/*.md that begins with an import — a whole example — as
 * the modules it shows: a block marked `// tasks.ts …` and `// main.ts …` is two files side by
 * side (each with the block's imports), so that `new URL('./tasks.js', import.meta.url)` and
 * `import('./tasks.js')` name the tasks as they would in a reader's project.
 */
function exampleModules(): Module[] {
	const docs = [
		'README.md',
		...readdirSync(join(root, 'docs'))
			.filter((name) => name.endsWith('.md'))
			.map((name) => join('docs', name)),
	];
	return docs.flatMap((doc) => {
		const text = readFileSync(join(root, doc), 'utf8');
		return [...text.matchAll(/^```ts\n(import [\s\S]*?)^```$/gm)].flatMap((match) => {
			const first = text.slice(0, match.index).split('\n').length + 1;
			const where = (index: number) => `${doc}:${first + index}`;
			const lines = (match[1] as string).trimEnd().split('\n');
			const marks = lines.flatMap((line, index) => {
				const name = /^\/\/ ([\w.-]+)\.ts\b/.exec(line)?.[1];
				return name ? [{name, index}] : [];
			});
			const dir = `${doc.replaceAll(/[/.]/g, '-')}-${first}`;
			if (marks.length === 0) {
				return [
					{
						path: join(dir, 'example.ts'),
						text: lines.join('\n'),
						lines: lines.map((_, i) => where(i)),
					},
				];
			}
			const header = lines.slice(0, (marks[0] as {index: number}).index).map((_, i) => i);
			return marks.map(({name, index}, each) => {
				const end = marks[each + 1]?.index ?? lines.length;
				const rows = [...header, ...lines.slice(index, end).map((_, i) => index + i)];
				return {
					path: join(dir, `${name}.ts`),
					text: rows.map((row) => lines[row]).join('\n'),
					lines: rows.map(where),
				};
			});
		});
	});
}

test('every whole TypeScript example in README.md and docs/ compiles as written', async () => {
	const modules = exampleModules();
	expect(modules.map(({path}) => path)).toEqual(
		expect.arrayContaining([
			expect.stringMatching(/^README-md-\d+\/main\.ts$/),
			expect.stringMatching(/^docs-threads-md-\d+\/tasks\.ts$/),
		]),
	);
	for (const {path, text} of modules) {
		mkdirSync(join(scratch, path, '..'), {recursive: true});
		writeFileSync(join(scratch, path), `${text}\n`);
	}
	writeFileSync(
		join(scratch, 'tsconfig.json'),
		JSON.stringify({
			compilerOptions: {
				target: 'es2022',
				lib: ['es2023', 'esnext.disposable'],
				module: 'nodenext',
				moduleResolution: 'nodenext',
				strict: true,
				noEmit: true,
				skipLibCheck: true,
				types: ['node'],
			},
			files: modules.map(({path}) => path),
		}),
	);
	const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

	const output = await promisify(execFile)(process.execPath, [tsc, '-p', scratch]).then(
		() => '',
		(error: {stdout?: string}) => error.stdout ?? String(error),
	);

	// Each error names the docs' file and line, for whoever reads the failure.
	const located = output.replaceAll(/^\S*?([\w.-]+\/\w+\.ts)\((\d+),\d+\)/gm, (line, path, row) => {
		const module = modules.find((each) => each.path === path);
		return module?.lines[Number(row) - 1] ?? line;
	});
	expect(located).toBe('');
});
