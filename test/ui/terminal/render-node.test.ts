import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {type InkParts, renderNodeToOutputWith} from '../../../source/ui/terminal/render-node.js';

// Ink's own modules, beside its entry point (its exports name only that).
const inkModule = async <T>(name: string): Promise<T> =>
	(await import(new URL(name, import.meta.resolve('ink')).href)) as T;

type Layout = {
	left: number;
	top: number;
	width: number;
	height: number;
	padding?: number;
	border?: number;
	none?: boolean;
};

// A node of Ink's DOM with a Yoga node that answers from `layout`, as the walk reads them.
function box(
	style: Record<string, unknown>,
	layout: Layout,
	childNodes: unknown[],
	extra: Record<string, unknown> = {},
) {
	return {nodeName: 'ink-box', style, yogaNode: yoga(layout), childNodes, ...extra};
}

function text(value: string, layout: Layout, extra: Record<string, unknown> = {}, style = {}) {
	return {
		nodeName: 'ink-text',
		style: {flexGrow: 0, flexShrink: 1, flexDirection: 'row', ...style},
		yogaNode: yoga(layout),
		childNodes: [{nodeName: '#text', nodeValue: value}],
		...extra,
	};
}

function yoga({left, top, width, height, padding = 0, border = 0, none = false}: Layout) {
	return {
		getDisplay: () => (none ? 1 : 0),
		getComputedLeft: () => left,
		getComputedTop: () => top,
		getComputedWidth: () => width,
		getComputedHeight: () => height,
		getComputedPadding: () => padding,
		getComputedBorder: () => border,
	};
}

// An Output that records what it is told, transformers applied to a probe line.
function recorder() {
	const calls: unknown[] = [];
	return {
		calls,
		write(
			x: number,
			y: number,
			written: string,
			{transformers}: {transformers: ((line: string, index: number) => string)[]},
		) {
			calls.push([
				'write',
				x,
				y,
				written,
				transformers.reduce((line, transform) => transform(line, 0), 'probe'),
			]);
		},
		clip(clip: unknown) {
			calls.push(['clip', clip]);
		},
		unclip() {
			calls.push(['unclip']);
		},
	};
}

test("writes, clips and wraps as Ink's renderNodeToOutput does", async () => {
	const ink = await inkModule<{
		default: (node: unknown, output: unknown, options: unknown) => void;
	}>('render-node-to-output.js');
	const parts: InkParts = {
		squashTextNodes: (
			await inkModule<{default: InkParts['squashTextNodes']}>('squash-text-nodes.js')
		).default,
		wrapText: (await inkModule<{default: InkParts['wrapText']}>('wrap-text.js')).default,
		renderBorder: (await inkModule<{default: InkParts['renderBorder']}>('render-border.js'))
			.default,
		renderBackground: (
			await inkModule<{default: InkParts['renderBackground']}>('render-background.js')
		).default,
		widestLine: (await import('widest-line')).default,
		indentString: (await import('indent-string')).default,
		Yoga: (await import('yoga-layout')).default,
	};
	const ours = renderNodeToOutputWith(parts);
	const upper = (line: string) => line.toUpperCase();
	const tree = () =>
		box({overflow: 'hidden'}, {left: 0, top: 0, width: 40, height: 12}, [
			text('a header, not cut', {left: 0, top: 0, width: 40, height: 1}),
			box({flexDirection: 'row'}, {left: 2, top: 1, width: 30, height: 1}, [
				text('name', {left: 0, top: 0, width: 10, height: 1}),
				text('0:05', {left: 10, top: 0, width: 5, height: 1}, {internal_transform: upper}),
			]),
			// A bordered, padded box: its border is drawn, its text wraps in the room left.
			box(
				{borderStyle: 'round', paddingX: 1},
				{left: 0, top: 2, width: 16, height: 6, padding: 1, border: 1},
				[text('words that wrap across lines', {left: 2, top: 1, width: 12, height: 3})],
			),
			box({overflowX: 'hidden'}, {left: 0, top: 8, width: 8, height: 1}, [
				text(
					'cut at eight columns',
					{left: 0, top: 0, width: 20, height: 1},
					{},
					{textWrap: 'truncate'},
				),
			]),
			text('not shown', {left: 0, top: 9, width: 10, height: 1, none: true}),
			box(
				{},
				{left: 0, top: 10, width: 10, height: 1},
				[text('static', {left: 0, top: 0, width: 6, height: 1})],
				{internal_static: true},
			),
		]);
	for (const options of [{}, {skipStaticElements: true}, {offsetX: 3, offsetY: 1}]) {
		const theirs = recorder();
		const mine = recorder();
		ink.default(tree(), theirs, options);
		ours(tree() as never, mine, options);
		expect(mine.calls).toEqual(theirs.calls);
		expect(mine.calls.length).toBeGreaterThan(8);
	}
});

test("the bundled dashboard's Ink walks its tree with it", () => {
	const bundle = readFileSync(
		fileURLToPath(new URL('../../../source/ui/bundle.js', import.meta.url)),
		'utf8',
	);
	expect(bundle).toContain('renderNodeToOutputWith({');
});
