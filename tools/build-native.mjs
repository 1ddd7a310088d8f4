// npm's install step for procdash: builds the native addon (native/shared-memory.cc) with node-gyp
// against the headers this Node installation ships, so nothing is downloaded. It never fails the
// install: without a compiler, headers or node-gyp, procdash runs its shared state through the
// broker, and this prints one line that says so.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const fallback =
	'procdash: shared state will go through the broker (one IPC round trip per operation)';

function say(line) {
	console.log(line);
}

/** node-gyp's entry script: npm's own setting, then the copy bundled with npm, then a global one. */
function findNodeGyp() {
	const candidates = [];
	if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
	if (process.env.npm_execpath) {
		// npm_execpath is npm's bin/npm-cli.js; node-gyp sits in npm's own node_modules.
		candidates.push(
			join(dirname(dirname(process.env.npm_execpath)), 'node_modules/node-gyp/bin/node-gyp.js'),
		);
	}
	const prefix = dirname(dirname(process.execPath));
	candidates.push(join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
	candidates.push(join(prefix, 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
	try {
		candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
	} catch {
		// Not installed as a package: the copies above are the usual places.
	}
	return candidates.find((candidate) => existsSync(candidate));
}

/** The installation's own headers: <prefix>/include/node/node.h, as Node's packages ship them. */
function findNodeDir() {
	const prefix = dirname(dirname(process.execPath));
	return existsSync(join(prefix, 'include/node/node.h')) ? prefix : undefined;
}

function main() {
	if (process.env.PROCDASH_SHARED_MEMORY === 'off') {
		say(`${fallback}: PROCDASH_SHARED_MEMORY=off, the native addon was not built`);
		return;
	}
	if (process.platform !== 'linux') {
		say(`${fallback}: no shared memory between processes on ${process.platform}`);
		return;
	}
	const nodeGyp = findNodeGyp();
	if (!nodeGyp) {
		say(`${fallback}: node-gyp was not found to build the native addon`);
		return;
	}
	const nodeDir = findNodeDir();
	if (!nodeDir) {
		say(
			`${fallback}: this Node installation ships no headers (include/node/node.h) to build against`,
		);
		return;
	}
	const build = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`], {
		cwd: root,
		encoding: 'utf8',
	});
	if (build.status !== 0) {
		const lines = `${build.stderr ?? ''}${build.stdout ?? ''}`.split('\n');
		const why =
			lines.find((line) => /could not find|not found|no such/i.test(line)) ??
			lines.find((line) => /error/i.test(line));
		say(
			`${fallback}: the native addon did not build (${(why ?? build.error?.message ?? `exit ${build.status}`).trim()})`,
		);
		return;
	}
	say('procdash: native addon built: processes share Values, SharedArrays and Locks in memory');
}

try {
	main();
} catch (error) {
	say(`${fallback}: ${error instanceof Error ? error.message : String(error)}`);
}
