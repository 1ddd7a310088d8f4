// Edits to dependency modules as the dashboard bundle takes them (tools/bundle-dashboard.mjs):
// each saves time before the first frame. A module of its own, so that the tests can bundle a
// dependency with its edit and check it behaves as before.
import {readFile} from 'node:fs/promises';
import {basename, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * A plugin that bundles the dependency module `file` with each of `edits` ([text, replacement])
 * made in it. Each text must be there exactly once: the build fails should the dependency change,
 * rather than leave an edit out unnoticed.
 */
export function editModule(name, file, edits) {
	return {
		name,
		setup(bundle) {
			let edited = false;
			const named = new RegExp(`/${basename(file).replaceAll('.', '\\.')}$`);
			bundle.onLoad({filter: named}, async ({path}) => {
				if (path !== file) return undefined;
				let contents = await readFile(file, 'utf8');
				for (const [text, replacement] of edits) {
					if (contents.split(text).length !== 2)
						throw new Error(`${file} no longer holds ${text} once: see tools/bundle-dashboard.mjs`);
					contents = contents.replace(text, () => replacement);
				}
				edited = true;
				return {contents, loader: 'js', resolveDir: dirname(file)};
			});
			bundle.onEnd(() => {
				if (!edited)
					throw new Error(`${file} is no longer bundled: see tools/bundle-dashboard.mjs`);
			});
		},
	};
}

/**
 * Yoga's WebAssembly is a data: URL inside its loader, which fetches it whenever there is a
 * fetch(): Node's then loads its whole HTTP client (undici) for it, ~50 ms before the first
 * frame. Without the fetch the loader decodes the same bytes itself.
 */
export const yogaWithoutFetch = editModule(
	'yoga-without-fetch',
	fileURLToPath(new URL('../binaries/yoga-wasm-base64-esm.js', import.meta.resolve('yoga-layout'))),
	[['w||"function"!=typeof fetch?Promise.resolve()', 'w||true?Promise.resolve()']],
);

/**
 * string-width compiles its emoji expression (\p{RGI_Emoji}, ~20 ms) when it is imported; the
 * dashboard's texts are counted without it (terminal/string-width.ts) until one is not narrow.
 * It is compiled on its first use instead.
 */
export const lazyEmojiRegex = editModule(
	'lazy-emoji-regex',
	fileURLToPath(import.meta.resolve('string-width')),
	[
		[
			'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
			"let rgiEmojiRegex = {test: (text) => (rgiEmojiRegex = new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};",
		],
	],
);
