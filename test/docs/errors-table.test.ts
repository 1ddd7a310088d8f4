import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import * as procdash from '../../source/index.js';

// This file runs as dist/test/docs/errors-table.test.js: the repository is three folders up.
const library = fileURLToPath(new URL('../../../docs/library.md', import.meta.url));

/** The classes named in the first column of docs/library.md's table of errors. */
function documentedErrors(): string[] {
	const text = readFileSync(library, 'utf8');
	const section = text.slice(
		text.indexOf('## Errors'),
		text.indexOf('\n## ', text.indexOf('## Errors') + 1),
	);
	return [...section.matchAll(/^\| `(\w+)`/gm)].map((match) => match[1] as string);
}

test("docs/library.md's table lists exactly the error classes procdash exports", () => {
	const exported = Object.entries(procdash)
		.filter(
			([, value]) =>
				typeof value === 'function' && value.prototype instanceof procdash.ProcdashError,
		)
		.map(([name]) => name)
		.sort();

	expect(documentedErrors().sort()).toEqual(exported);
	expect(exported).toEqual(
		expect.arrayContaining(['TaskLoadError', 'SpawnError', 'PoolBrokenError', 'RemoteError']),
	);
});
