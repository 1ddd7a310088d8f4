import {execFile} from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, expect, test} from 'vitest';

// This file runs as dist/test/package/tarball.test.js: the repository is three folders up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'procdash-tarball-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** Runs a command; on failure, the error says what ran, where, and what it printed. */
async function run(
	command: string,
	args: readonly string[],
	cwd: string,
	what: string,
): Promise<string> {
	try {
		const {stdout} = await promisify(execFile)(command, args, {
			cwd,
			maxBuffer: 64 * 1024 * 1024,
			env: {...process.env, npm_config_audit: 'false', npm_config_fund: 'false'},
		});
		return stdout;
	} catch (error) {
		const {stdout, stderr} = error as {stdout?: string; stderr?: string};
		throw new Error(
			`${what} failed (${command} ${args.join(' ')} in ${cwd}):\n${stderr ?? ''}${stdout ?? ''}`,
		);
	}
}

/** The files a pack of a fresh copy of the repository ships: prepack builds it first. */
type Packed = {readonly filename: string; readonly files: readonly {path: string}[]};

// A copy of what a clone holds that the build reads, without dist: npm pack must build it
// (prepack), and packing here leaves the repository's own dist alone.
async function packFreshCopy(): Promise<{tarball: string; files: string[]}> {
	const clone = join(scratch, 'clone');
	for (const entry of [
		'package.json',
		'package-lock.json',
		'tsconfig.json',
		'cli.tsx',
		'source',
		'tools',
		'native',
		'binding.gyp',
		'README.md',
		'LICENSE',
	])
		cpSync(join(root, entry), join(clone, entry), {recursive: true});
	symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
	const json = await run(
		'npm',
		['pack', '--json', '--pack-destination', scratch],
		clone,
		'npm pack',
	);
	const [packed] = JSON.parse(json.slice(json.indexOf('['))) as Packed[];
	if (!packed) throw new Error(`npm pack printed no package: ${json}`);
	return {tarball: join(scratch, packed.filename), files: packed.files.map(({path}) => path)};
}

// A user's first program, strict and nodenext, against the installed package's types.
const tasks = 'export const square = (x: number) => x * x;\n';
const program = `import {Pool, ProcdashError, task} from 'procdash';
import type {square} from './tasks.js';

const squares = task<typeof square>(new URL('./tasks.js', import.meta.url), 'square');
await using pool = new Pool({processes: 2});
const results: number[] = await pool.map(squares, [1, 2, 3]);
console.log(JSON.stringify(results), new ProcdashError('x') instanceof Error);
`;

// The settings README.md's "Use it in your project" names; the rest are tsc's defaults.
const userTsconfig = {
	compilerOptions: {module: 'nodenext', target: 'es2022', types: ['node'], strict: true},
	files: ['tasks.ts', 'main.ts'],
};

test('the packed tarball installs alone, compiles against strict TypeScript, runs, and answers npx procdash --version', async () => {
	// Given a tarball packed from a copy of the repository with no dist
	const {tarball, files} = await packFreshCopy();
	expect(files).toEqual(
		expect.arrayContaining([
			'LICENSE',
			'README.md',
			'package.json',
			'dist/cli.js',
			'dist/scenario.schema.json',
			'dist/source/index.js',
			'dist/source/index.d.ts',
			'dist/source/ui/bundle.js',
			// What the install step builds the shared-memory addon from
			'binding.gyp',
			'native/shared-memory.cc',
			'tools/build-native.mjs',
		]),
	);
	expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
	expect(files.filter((path) => path.startsWith('dist/source/ui/'))).toEqual(
		// The bundle, the keys --help lists, the loader the CLI and showDashboard open it with
		expect.arrayContaining([
			'dist/source/ui/bundle.js',
			'dist/source/ui/keys.js',
			'dist/source/ui/load.js',
			'dist/source/ui/show-dashboard.js',
			'dist/source/ui/show-dashboard.d.ts',
		]),
	);
	expect(files.filter((path) => path.startsWith('dist/source/ui/'))).toHaveLength(5);
	expect(
		files.filter((path) => path.startsWith('dist/test') || path.startsWith('source/')),
	).toEqual([]);

	// When it is installed into an empty project from the registry
	const project = join(scratch, 'project');
	mkdirSync(project);
	writeFileSync(join(project, 'package.json'), JSON.stringify({type: 'module', private: true}));
	writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(userTsconfig));
	await run(
		'npm',
		['install', '--no-audit', '--no-fund', tarball],
		project,
		'npm install of the tarball (the registry must be reachable)',
	);

	// Then it pulls only what runs: no Ink, no React (they are in the dashboard's bundle); beside
	// its own three, only bullmq and ioredis with what they need (the bullmq backend loads them)
	const installed = (await run('npm', ['ls', '--all', '--parseable'], project, 'npm ls'))
		.trim()
		.split('\n')
		.slice(1)
		.map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
		.sort();
	// What bullmq and ioredis pull, followed through the installed packages' manifests.
	const forBullmq = new Set<string>();
	const pending = ['bullmq', 'ioredis'];
	for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
		if (forBullmq.has(name)) continue;
		forBullmq.add(name);
		const manifest = join(project, 'node_modules', name, 'package.json');
		if (!existsSync(manifest)) continue;
		const {dependencies = {}, optionalDependencies = {}} = JSON.parse(
			readFileSync(manifest, 'utf8'),
		) as {dependencies?: object; optionalDependencies?: object};
		pending.push(...Object.keys(dependencies), ...Object.keys(optionalDependencies));
	}
	expect(installed).toContain('bullmq');
	expect(installed).toContain('ioredis');
	expect(installed.filter((name) => !forBullmq.has(name))).toEqual([
		'pidtree',
		'procdash',
		'systeminformation',
		'yaml',
	]);
	expect(installed).not.toContain('ink');
	expect(installed).not.toContain('react');

	// And a strict nodenext program compiles against its types (with @types/node) and runs
	symlinkSync(join(root, 'node_modules', '@types'), join(project, 'node_modules', '@types'));
	writeFileSync(join(project, 'tasks.ts'), tasks);
	writeFileSync(join(project, 'main.ts'), program);
	const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
	await run(process.execPath, [tsc, '-p', project], project, 'tsc on a user program');
	const output = await run(process.execPath, ['main.js'], project, 'the compiled program');
	expect(output.trim()).toBe('[1,4,9] true');

	// And CommonJS can require it on this Node (engines: ^20.19 || >=22.12)
	const required = await run(
		process.execPath,
		['-e', "console.log(typeof require('procdash').Pool)"],
		project,
		'require(procdash)',
	);
	expect(required.trim()).toBe('function');
	const manifest = await run(
		process.execPath,
		['-p', "require('procdash/package.json').license"],
		project,
		'require(procdash/package.json)',
	);
	expect(manifest.trim()).toBe('MIT');

	// And the bundled dashboard loads without Ink installed, as the CLI and showDashboard load it
	expect(existsSync(join(project, 'node_modules', 'ink'))).toBe(false);
	const loader = join(project, 'node_modules', 'procdash', 'dist', 'source', 'ui', 'load.js');
	const loaded = await run(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`const {loadDashboard} = await import(${JSON.stringify(loader)}); const ui = await loadDashboard(); console.log(typeof ui.runDashboard === 'function')`,
		],
		project,
		'importing the dashboard bundle',
	);
	expect(loaded.trim()).toBe('true');

	// And the command answers through npx
	const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		version: string;
	};
	const answered = await run(
		'npx',
		['--no-install', 'procdash', '--version'],
		project,
		'npx procdash',
	);
	expect(answered.trim()).toContain(version);
}, 240_000);
