// TypeScript task modules. A child process gets this program's Node flags (runtime-fork.ts), so
// under tsx (`tsx main.ts`, `node --import tsx`) it imports a .ts task as the program does. A
// worker thread gets the flags too, but on Node 20 tsx registers its hooks on the main thread
// only: a Thread's bootstrap registers them itself, before it imports anything of the task's.
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

/**
 * The URL of tsx's ESM API (`tsx/esm/api`) when this program runs under tsx, found in its Node
 * flags; undefined otherwise.
 */
export function tsxApiUrl(execArgv: readonly string[] = process.execArgv): string | undefined {
	for (let index = 0; index < execArgv.length; index++) {
		const flag = execArgv[index] as string;
		const value = flag.startsWith('--import=') ? flag.slice('--import='.length) : undefined;
		const loader = value ?? (flag === '--import' ? execArgv[index + 1] : undefined);
		if (loader === undefined) continue;
		// tsx's CLI: --import file:///…/tsx/dist/loader.mjs
		const file = /^(.*[\\/]tsx[\\/]dist[\\/])(loader|esm[\\/]index)\.mjs$/.exec(loader);
		if (file) {
			const dist = file[1] as string;
			const url = dist.startsWith('file:') ? dist : pathToFileURL(dist).href;
			return new URL('esm/api/index.mjs', url.endsWith('/') ? url : `${url}/`).href;
		}
		// node --import tsx (or tsx/esm): resolved as Node resolved it, from the working directory.
		if (/^tsx(\/esm)?$/.test(loader)) {
			try {
				const manifest = createRequire(join(process.cwd(), 'noop.js')).resolve('tsx/package.json');
				return pathToFileURL(join(manifest, '..', 'dist', 'esm', 'api', 'index.mjs')).href;
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

/** Registers tsx's hooks in this thread, from the URL tsxApiUrl() found in the owner. */
export async function registerTsx(apiUrl: string): Promise<void> {
	const api = (await import(apiUrl)) as {register: () => unknown};
	api.register();
}

/** The hint a task module Node cannot import as TypeScript gets, or undefined. */
export function typeScriptHint(module: string): string | undefined {
	if (!/\.[cm]?ts$/.test(new URL(module).pathname)) return undefined;
	return 'Node cannot run TypeScript here: compile it (tsc) and name the .js file, or run your program under tsx (npx tsx main.ts) or with Node type stripping (node --experimental-strip-types, Node 22.6 or later)';
}
