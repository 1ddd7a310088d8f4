// Where Ink's Output class comes from. Ink's exports name only its entry point, so from modules it
// is the file beside it; the bundled dashboard swaps this module for one that gives the Output
// bundled with it (tools/bundle-dashboard.mjs), the one its Ink draws with.

/** What line-cache.ts needs of Output: the frame it draws. */
export type OutputClass = {prototype: {get(this: {caches: unknown}): unknown}};

/** Imports Ink's Output module. */
export function importInkOutput(): Promise<{default?: OutputClass}> {
	return import(new URL('output.js', import.meta.resolve('ink')).href);
}
