// Ink's renderNodeToOutput (ink 6.8, build/render-node-to-output.js), which walks the laid-out tree
// at every frame and writes each text where Yoga put it. The same walk and the same writes, but:
// - a text whose node has no padding and no border (Ink's Text and Transform never have either)
//   gets its width as its room, where Ink asks Yoga for the width, both paddings and both borders:
//   Yoga is WebAssembly behind embind's generic invoker, and each call allocates;
// - loops by index, and no options object a node: at rest V8 runs this code in its baseline tiers
//   (see source/cli/frugal-jit.ts), where every iterator step and object is an allocation.
// The bundled Ink walks its tree with this (tools/bundle-dashboard.mjs).

/** What of a Yoga node the walk reads. */
type YogaNode = {
	getDisplay(): number;
	getComputedLeft(): number;
	getComputedTop(): number;
	getComputedWidth(): number;
	getComputedHeight(): number;
	getComputedPadding(edge: number): number;
	getComputedBorder(edge: number): number;
};

/** What of Ink's DOM node the walk reads. */
type InkNode = {
	readonly nodeName: string;
	readonly yogaNode?: YogaNode;
	readonly childNodes: readonly InkNode[];
	readonly style: Readonly<Record<string, unknown>>;
	readonly internal_static?: boolean;
	readonly internal_transform?: Transformer;
};

type Transformer = (line: string, index: number) => string;

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};

/** What of Ink's Output the walk writes to. */
type Output = {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: Clip): void;
	unclip(): void;
};

/** The parts of Ink (and of the packages it uses) the walk draws with. */
export type InkParts = {
	readonly squashTextNodes: (node: InkNode) => string;
	readonly wrapText: (text: string, maxWidth: number, wrapType: string) => string;
	readonly renderBorder: (x: number, y: number, node: InkNode, output: Output) => void;
	readonly renderBackground: (x: number, y: number, node: InkNode, output: Output) => void;
	readonly widestLine: (text: string) => number;
	readonly indentString: (text: string, count: number) => string;
	readonly Yoga: {
		readonly DISPLAY_NONE: number;
		readonly EDGE_LEFT: number;
		readonly EDGE_RIGHT: number;
		readonly EDGE_TOP: number;
		readonly EDGE_BOTTOM: number;
	};
};

type Options = {
	offsetX?: number;
	offsetY?: number;
	transformers?: Transformer[];
	skipStaticElements?: boolean;
};

/** Ink's renderNodeToOutput, drawing with `ink`. */
export function renderNodeToOutputWith(ink: InkParts) {
	const {DISPLAY_NONE, EDGE_LEFT, EDGE_RIGHT, EDGE_TOP, EDGE_BOTTOM} = ink.Yoga;

	// The columns a text may take before it wraps: get-max-width.js, with one call into Yoga
	// where the node has no padding and no border to take off.
	const roomOf = (node: InkNode, yogaNode: YogaNode): number => {
		const {style} = node;
		if (
			style.borderStyle === undefined &&
			style.padding === undefined &&
			style.paddingX === undefined &&
			style.paddingLeft === undefined &&
			style.paddingRight === undefined
		)
			return yogaNode.getComputedWidth();
		return (
			yogaNode.getComputedWidth() -
			yogaNode.getComputedPadding(EDGE_LEFT) -
			yogaNode.getComputedPadding(EDGE_RIGHT) -
			yogaNode.getComputedBorder(EDGE_LEFT) -
			yogaNode.getComputedBorder(EDGE_RIGHT)
		);
	};

	// Text nodes inside a Box take their offset from their first child's layout (Ink's
	// applyPaddingToText).
	const padded = (node: InkNode, text: string): string => {
		const yogaNode = node.childNodes[0]?.yogaNode;
		if (!yogaNode) return text;
		const offsetX = yogaNode.getComputedLeft();
		const offsetY = yogaNode.getComputedTop();
		return '\n'.repeat(offsetY) + ink.indentString(text, offsetX);
	};

	const walk = (
		node: InkNode,
		output: Output,
		offsetX: number,
		offsetY: number,
		transformers: Transformer[],
		skipStaticElements: boolean | undefined,
	): void => {
		if (skipStaticElements && node.internal_static) return;
		const {yogaNode} = node;
		if (!yogaNode || yogaNode.getDisplay() === DISPLAY_NONE) return;
		// Left and top in Yoga are relative to the parent.
		const x = offsetX + yogaNode.getComputedLeft();
		const y = offsetY + yogaNode.getComputedTop();
		const newTransformers =
			typeof node.internal_transform === 'function'
				? [node.internal_transform, ...transformers]
				: transformers;
		if (node.nodeName === 'ink-text') {
			let text = ink.squashTextNodes(node);
			if (text.length > 0) {
				const maxWidth = roomOf(node, yogaNode);
				if (ink.widestLine(text) > maxWidth)
					text = ink.wrapText(
						text,
						maxWidth,
						(node.style.textWrap as string | undefined) ?? 'wrap',
					);
				output.write(x, y, padded(node, text), {transformers: newTransformers});
			}
			return;
		}
		let clipped = false;
		if (node.nodeName === 'ink-box') {
			ink.renderBackground(x, y, node, output);
			ink.renderBorder(x, y, node, output);
			const {style} = node;
			const clipHorizontally = style.overflowX === 'hidden' || style.overflow === 'hidden';
			const clipVertically = style.overflowY === 'hidden' || style.overflow === 'hidden';
			if (clipHorizontally || clipVertically) {
				output.clip({
					x1: clipHorizontally ? x + yogaNode.getComputedBorder(EDGE_LEFT) : undefined,
					x2: clipHorizontally
						? x + yogaNode.getComputedWidth() - yogaNode.getComputedBorder(EDGE_RIGHT)
						: undefined,
					y1: clipVertically ? y + yogaNode.getComputedBorder(EDGE_TOP) : undefined,
					y2: clipVertically
						? y + yogaNode.getComputedHeight() - yogaNode.getComputedBorder(EDGE_BOTTOM)
						: undefined,
				});
				clipped = true;
			}
		}
		if (node.nodeName === 'ink-root' || node.nodeName === 'ink-box') {
			const children = node.childNodes;
			for (let index = 0; index < children.length; index++)
				walk(children[index] as InkNode, output, x, y, newTransformers, skipStaticElements);
			if (clipped) output.unclip();
		}
	};

	return (node: InkNode, output: Output, options: Options = {}): void =>
		walk(
			node,
			output,
			options.offsetX ?? 0,
			options.offsetY ?? 0,
			options.transformers ?? [],
			options.skipStaticElements,
		);
}
