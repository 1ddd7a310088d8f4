// Renders docs/performance.md from bench/results.json: the figures of the last `npm run bench`,
// with its date, machine and commit, between the page's two markers; the hand-written prose
// around them is kept. Run by `npm run bench` at its end, after a build (the rendering is
// bench/performance-page.ts, compiled to dist/bench).
//
//   node tools/performance-doc.mjs [RESULTS] [PAGE]   (default: bench/results.json docs/performance.md)
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [
	resultsFile = join(root, 'bench', 'results.json'),
	pageFile = join(root, 'docs', 'performance.md'),
] = process.argv.slice(2).map((file) => resolve(file));
const renderer = join(root, 'dist', 'bench', 'performance-page.js');

function fail(message) {
	process.stderr.write(`performance-doc: ${message}\n`);
	process.exit(1);
}

if (!existsSync(renderer)) fail(`${renderer} is missing: run npm run build first`);
if (!existsSync(resultsFile)) fail(`${resultsFile} is missing: run npm run bench first`);
const {updatePage} = await import(pathToFileURL(renderer).href);
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
try {
	writeFileSync(pageFile, updatePage(readFileSync(pageFile, 'utf8'), results));
} catch (error) {
	fail(`${pageFile}: ${error instanceof Error ? error.message : String(error)}`);
}
process.stdout.write(`performance-doc: ${pageFile} from ${resultsFile} (${results.at})\n`);
