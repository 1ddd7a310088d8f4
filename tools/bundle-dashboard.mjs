// Bundles the dashboard (dist/source/ui, compiled by tsc) with Ink, React and their dependencies
// into one file, dist/source/ui/bundle.js: Node's ESM loader takes ~0.5 s to load the hundred-odd
// modules Ink is made of, and a fraction of that for one file. Run by `npm run build`, after tsc.
//
// Only the UI and the packages it uses go in. The rest of procdash (the core, the presets) stays
// outside, imported from dist as ever: the bundle and the CLI must share one copy of each class
// and counter. React is built for production, as the CLI imports it.
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {lazyEmojiRegex, yogaWithoutFetch} from './bundle-edits.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const ui = join(root, 'dist', 'source', 'ui');
const outfile = join(ui, 'bundle.js');

/** Keeps every module of ours outside dist/source/ui out of the bundle, at the same path. */
const procdashOutside = {
	name: 'procdash-outside',
	setup(bundle) {
		bundle.onResolve({filter: /^\.\.?\//}, ({path: specifier, resolveDir, importer}) => {
			if (importer.includes(`${sep}node_modules${sep}`)) return undefined;
			const target = resolve(resolveDir, specifier);
			if (target.startsWith(ui + sep)) return undefined;
			const path = relative(dirname(outfile), target).split(sep).join('/');
			return {path: path.startsWith('.') ? path : `./${path}`, external: true};
		});
	},
};

/**
 * line-cache.ts patches Ink's Output class: the bundled one, here, which Ink's exports do not name.
 * source/ui/terminal/ink-output.ts is swapped for a module that imports it.
 */
const inkOutput = {
	name: 'ink-output',
	setup(bundle) {
		const output = fileURLToPath(new URL('output.js', import.meta.resolve('ink')));
		bundle.onResolve({filter: /^\.\/ink-output\.js$/}, () => ({
			path: output,
			namespace: 'ink-output',
		}));
		bundle.onLoad({filter: /.*/, namespace: 'ink-output'}, () => ({
			contents: `export const importInkOutput = () => import(${JSON.stringify(output)});`,
			resolveDir: root,
		}));
	},
};

/**
 * Ink and the packages it measures text with use source/ui/terminal/string-width.ts, the same
 * widths, faster: where they would import the string-width the project has, never another version.
 */
const fastStringWidth = {
	name: 'fast-string-width',
	setup(bundle) {
		const ours = join(ui, 'terminal', 'string-width.js');
		const theirs = fileURLToPath(import.meta.resolve('string-width'));
		bundle.onResolve(
			{filter: /^string-width$/},
			async ({importer, resolveDir, kind, pluginData}) => {
				// Ours, and the resolve just below: where string-width is.
				if (importer === ours || pluginData === 'fast-string-width') return undefined;
				const found = await bundle.resolve('string-width', {
					importer,
					resolveDir,
					kind,
					pluginData: 'fast-string-width',
				});
				return found.path === theirs ? {path: ours} : undefined;
			},
		);
	},
};

/**
 * A plugin that swaps the module `file` of Ink's, where Ink's own modules import it (`./file`),
 * for `ours`: that file itself, or, with `contents`, a module of that text (given the path of
 * Ink's, and resolved from Ink's folder) that puts ours together with Ink's parts. Fails the
 * build should Ink stop importing it from where it did, rather than leave the swap out unnoticed.
 */
function swapInkModule(name, file, ours, contents) {
	return {
		name,
		setup(bundle) {
			const inks = fileURLToPath(new URL(file, import.meta.resolve('ink')));
			const specifier = new RegExp(`^\\./${file.replaceAll('.', '\\.')}$`);
			let swapped = false;
			bundle.onResolve({filter: specifier}, ({importer}) => {
				if (!importer.startsWith(dirname(inks) + sep)) return undefined;
				swapped = true;
				return contents ? {path: file, namespace: name} : {path: ours};
			});
			if (contents)
				bundle.onLoad({filter: /.*/, namespace: name}, () => ({
					contents: contents(inks),
					resolveDir: dirname(inks),
				}));
			bundle.onEnd(() => {
				if (!swapped) throw new Error(`Ink no longer imports ${inks}: see ${ours}`);
			});
		},
	};
}

/**
 * Ink measures text with source/ui/terminal/measure-text.ts, its own measure-text with a bound on
 * what it remembers (Ink's keeps every text it ever measured).
 */
const boundedMeasureText = swapInkModule(
	'bounded-measure-text',
	'measure-text.js',
	join(ui, 'terminal', 'measure-text.js'),
);

/**
 * Ink sanitizes every text of a frame with source/ui/terminal/sanitize-ansi.ts, which returns at
 * once the texts Ink's would return unchanged and hands it the rest.
 */
const sanitizeAnsi = join(ui, 'terminal', 'sanitize-ansi.js');
const fastSanitizeAnsi = swapInkModule(
	'fast-sanitize-ansi',
	'sanitize-ansi.js',
	sanitizeAnsi,
	(inks) =>
		[
			`import sanitize from ${JSON.stringify(inks)};`,
			`import {sanitizeAnsiFast} from ${JSON.stringify(sanitizeAnsi)};`,
			'export default sanitizeAnsiFast(sanitize);',
		].join('\n'),
);

/**
 * Ink walks its laid-out tree with source/ui/terminal/render-node.ts, its own renderNodeToOutput
 * with fewer calls into Yoga and fewer allocations, drawing with Ink's parts; Ink's screen-reader
 * walk is its own.
 */
const renderNode = join(ui, 'terminal', 'render-node.js');
const leanRenderNode = swapInkModule(
	'lean-render-node',
	'render-node-to-output.js',
	renderNode,
	(inks) => {
		const inkFile = (name) => JSON.stringify(join(dirname(inks), name));
		return [
			`export {renderNodeToScreenReaderOutput} from ${JSON.stringify(inks)};`,
			`import squashTextNodes from ${inkFile('squash-text-nodes.js')};`,
			`import wrapText from ${inkFile('wrap-text.js')};`,
			`import renderBorder from ${inkFile('render-border.js')};`,
			`import renderBackground from ${inkFile('render-background.js')};`,
			"import widestLine from 'widest-line';",
			"import indentString from 'indent-string';",
			"import Yoga from 'yoga-layout';",
			`import {renderNodeToOutputWith} from ${JSON.stringify(renderNode)};`,
			'export default renderNodeToOutputWith({squashTextNodes, wrapText, renderBorder, renderBackground, widestLine, indentString, Yoga});',
		].join('\n');
	},
);

/** Ink loads React DevTools only when DEV=true; the bundle goes without (the package is optional). */
const noDevtools = {
	name: 'no-devtools',
	setup(bundle) {
		bundle.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'devtools',
			namespace: 'none',
		}));
		bundle.onLoad({filter: /.*/, namespace: 'none'}, () => ({
			contents:
				"throw new Error('React DevTools are not part of the bundled dashboard: run dist/source/ui/dashboard.js to use them');",
		}));
	},
};

await build({
	entryPoints: [join(ui, 'dashboard.js')],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	define: {'process.env.NODE_ENV': '"production"'},
	// Some of Ink's dependencies are CommonJS and require Node's own modules.
	banner: {
		js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);",
	},
	plugins: [
		procdashOutside,
		inkOutput,
		fastStringWidth,
		boundedMeasureText,
		fastSanitizeAnsi,
		leanRenderNode,
		yogaWithoutFetch,
		lazyEmojiRegex,
		noDevtools,
	],
	legalComments: 'none',
	logLevel: 'warning',
});
