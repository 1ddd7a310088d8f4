import {type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node} from 'yaml';

/** Where a field of a scenario file is: `line:col`, or undefined when the file has no such node. */
export type Locate = (field: string, options?: {readonly key?: boolean}) => string | undefined;

/**
 * Finds a field of the parsed document by its dotted path as problems name it
 * (`processes.web.depends_on[0]`; a process name may hold dots): the place of its value, or of
 * its key with `key` (an unknown field), or of the nearest enclosing node the file has (a field
 * that is missing).
 */
export function locator(document: Document, lineCounter: LineCounter): Locate {
	return (field, {key = false} = {}) => {
		const found = walk(document.contents as Node | null, segments(field), key);
		if (found === undefined) return undefined;
		const {line, col} = lineCounter.linePos(found);
		return `${line}:${col}`;
	};
}

// `a.b[2].c` as ['a', 'b', 2, 'c'], keys as written (a name with dots is joined back on the walk).
function segments(field: string): (string | number)[] {
	const found: (string | number)[] = [];
	for (const part of field === '' ? [] : field.split('.')) {
		const [name = '', ...indexes] = part.split(/\[(\d+)\]/).filter((piece) => piece !== '');
		if (!part.startsWith('[')) found.push(name);
		else indexes.unshift(name);
		for (const index of indexes) found.push(Number(index));
	}
	return found;
}

// The offset of the node at `path` under `node`: of the last key's own node when `key`.
function walk(node: Node | null, path: (string | number)[], key: boolean): number | undefined {
	const start = node?.range?.[0];
	if (path.length === 0 || !node) return start;
	const [first] = path;
	if (typeof first === 'number') {
		const item = isSeq(node) ? (node.items[first] as Node | undefined) : undefined;
		return item ? walk(item, path.slice(1), key) : start;
	}
	if (!isMap(node)) return start;
	// The longest run of segments that names a key: `processes.api.v2` may be the process `api.v2`.
	for (let length = path.length; length >= 1; length--) {
		const name = path.slice(0, length).join('.');
		if (path.slice(0, length).some((segment) => typeof segment === 'number')) continue;
		const pair = node.items.find(
			(item) => isPair(item) && isScalar(item.key) && String(item.key.value) === name,
		);
		if (!pair) continue;
		const rest = path.slice(length);
		const keyNode = pair.key as Node;
		if (rest.length === 0 && (key || !pair.value)) return keyNode.range?.[0];
		return walk((pair.value as Node | null) ?? keyNode, rest, key) ?? keyNode.range?.[0];
	}
	return start;
}
