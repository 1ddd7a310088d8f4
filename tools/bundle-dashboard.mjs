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
 * Ink measures text with source/ui/terminal/measure-text.ts, its own measure-text with a bound on
 * what it remembers (Ink's keeps every text it ever measured). Fails the build should Ink stop
 * importing it from where it did, rather than leave the bound out unnoticed.
 */
const boundedMeasureText = {
	name: 'bounded-measure-text',
	setup(bundle) {
		const ours = join(ui, 'terminal', 'measure-text.js');
		const inks = fileURLToPath(new URL('measure-text.js', import.meta.resolve('ink')));
		let swapped = false;
		bundle.onResolve({filter: /^\.\/measure-text\.js$/}, ({importer}) => {
			if (!importer.startsWith(dirname(inks) + sep)) return undefined;
			swapped = true;
			return {path: ours};
		});
		bundle.onEnd(() => {
			if (!swapped) throw new Error(`Ink no longer imports ${inks}: see ${ours}`);
		});
	},
};

/**
 * Ink sanitizes every text of a frame with source/ui/terminal/sanitize-ansi.ts, which returns at
 * once the texts Ink's would return unchanged and hands it the rest. Fails the build should Ink
 * stop importing it from where it did.
 */
const fastSanitizeAnsi = {
	name: 'fast-sanitize-ansi',
	setup(bundle) {
		const ours = join(ui, 'terminal', 'sanitize-ansi.js');
		const inks = fileURLToPath(new URL('sanitize-ansi.js', import.meta.resolve('ink')));
		let swapped = false;
		bundle.onResolve({filter: /^\.\/sanitize-ansi\.js$/}, ({importer}) => {
			if (!importer.startsWith(dirname(inks) + sep)) return undefined;
			swapped = true;
			return {path: 'sanitize-ansi', namespace: 'fast-sanitize-ansi'};
		});
		bundle.onLoad({filter: /.*/, namespace: 'fast-sanitize-ansi'}, () => ({
			contents: [
				`import sanitize from ${JSON.stringify(inks)};`,
				`import {sanitizeAnsiFast} from ${JSON.stringify(ours)};`,
				'export default sanitizeAnsiFast(sanitize);',
			].join('\n'),
			resolveDir: root,
		}));
		bundle.onEnd(() => {
			if (!swapped) throw new Error(`Ink no longer imports ${inks}: see ${ours}`);
		});
	},
};

/**
 * Ink walks its laid-out tree with source/ui/terminal/render-node.ts, its own renderNodeToOutput
 * with fewer calls into Yoga and fewer allocations, drawing with Ink's parts; Ink's screen-reader
 * walk is its own. Fails the build should Ink stop importing it from where it did.
 */
const leanRenderNode = {
	name: 'lean-render-node',
	setup(bundle) {
		const ours = join(ui, 'terminal', 'render-node.js');
		const inks = fileURLToPath(new URL('render-node-to-output.js', import.meta.resolve('ink')));
		const inkFile = (name) => JSON.stringify(join(dirname(inks), name));
		let swapped = false;
		bundle.onResolve({filter: /^\.\/render-node-to-output\.js$/}, ({importer}) => {
			if (!importer.startsWith(dirname(inks) + sep)) return undefined;
			swapped = true;
			return {path: 'render-node-to-output', namespace: 'lean-render-node'};
		});
		bundle.onLoad({filter: /.*/, namespace: 'lean-render-node'}, () => ({
			contents: [
				`export {renderNodeToScreenReaderOutput} from ${JSON.stringify(inks)};`,
				`import squashTextNodes from ${inkFile('squash-text-nodes.js')};`,
				`import wrapText from ${inkFile('wrap-text.js')};`,
				`import renderBorder from ${inkFile('render-border.js')};`,
				`import renderBackground from ${inkFile('render-background.js')};`,
				"import widestLine from 'widest-line';",
				"import indentString from 'indent-string';",
				"import Yoga from 'yoga-layout';",
				`import {renderNodeToOutputWith} from ${JSON.stringify(ours)};`,
				'export default renderNodeToOutputWith({squashTextNodes, wrapText, renderBorder, renderBackground, widestLine, indentString, Yoga});',
			].join('\n'),
			resolveDir: dirname(inks),
		}));
		bundle.onEnd(() => {
			if (!swapped) throw new Error(`Ink no longer imports ${inks}: see ${ours}`);
		});
	},
};

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
		noDevtools,
	],
	legalComments: 'none',
	logLevel: 'warning',
});
