// Copies procdash's Python reporter (source/python: sitecustomize.py and procdash_report/) into
// dist/source/python, where source/core/report/python-path.ts finds it beside the compiled core
// and from where the package ships it. Run by `npm run build`, after tsc.
import {cpSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

cpSync(join(root, 'source', 'python'), join(root, 'dist', 'source', 'python'), {
	recursive: true,
	// Bytecode a local run left behind is Python's cache, not part of the package.
	filter: (path) => basename(path) !== '__pycache__',
});
