// The edits the dashboard bundle makes to its dependencies (tools/bundle-edits.mjs): each module
// is bundled here with its edit, as tools/bundle-dashboard.mjs does, and must behave as before.
import {build, type Plugin} from 'esbuild';
import stringWidth from 'string-width';
import {expect, test} from 'vitest';

type Edits = {
	readonly yogaWithoutFetch: Plugin;
	readonly lazyEmojiRegex: Plugin;
};

const root = new URL('../../../', import.meta.url);
const edits = (await import(new URL('tools/bundle-edits.mjs', root).href)) as Edits;

/** `source` bundled with `plugin`, as a module imported from a data: URL. */
async function bundled<T>(source: string, plugin: Plugin): Promise<T> {
	const result = await build({
		stdin: {contents: source, resolveDir: new URL('.', root).pathname},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		write: false,
		logLevel: 'silent',
		plugins: [plugin],
	});
	const code = result.outputFiles[0]?.text ?? '';
	return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as T;
}

test('Yoga, bundled with its edit, loads its WebAssembly without calling fetch, and lays out', async () => {
	const fetched: unknown[] = [];
	const realFetch = globalThis.fetch;
	globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
		fetched.push(args[0]);
		return realFetch(...args);
	}) as typeof fetch;
	let yoga: typeof import('yoga-layout').default;
	try {
		({default: yoga} = await bundled<{default: typeof yoga}>(
			"export {default} from 'yoga-layout';",
			edits.yogaWithoutFetch,
		));
	} finally {
		globalThis.fetch = realFetch;
	}
	expect(fetched).toEqual([]);
	const parent = yoga.Node.create();
	const child = yoga.Node.create();
	parent.setWidth(120);
	parent.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
	child.setFlexGrow(1);
	parent.insertChild(child, 0);
	parent.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
	expect(child.getComputedWidth()).toBe(120);
	parent.freeRecursive();
});

test('string-width, bundled with its edit, gives the widths it gave, emoji included, again and again', async () => {
	const {default: edited} = await bundled<{default: typeof stringWidth}>(
		"export {default} from 'string-width';",
		edits.lazyEmojiRegex,
	);
	const texts = [
		'procdash',
		'👍',
		'👩‍👩‍👧',
		'🇫🇷',
		'❤️',
		'1️⃣',
		'漢字',
		'e\u0301',
		'\u001B[31mred\u001B[39m',
		'',
	];
	// Twice: the emoji expression is compiled at the first call and used as it is after.
	for (let round = 0; round < 2; round++)
		for (const text of texts) expect(edited(text), text).toBe(stringWidth(text));
	expect(edited('👍')).toBe(2);
});
