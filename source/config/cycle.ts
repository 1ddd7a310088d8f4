/**
 * A cycle in a dependency graph (name → the names it depends on), as the path that closes it
 * (`['a', 'b', 'a']`), or undefined when there is none. Names are visited in the map's order, so
 * the same file always reports the same cycle.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
	const done = new Set<string>();
	const path: string[] = [];
	const visit = (name: string): string[] | undefined => {
		const open = path.indexOf(name);
		if (open !== -1) return [...path.slice(open), name];
		if (done.has(name)) return undefined;
		path.push(name);
		for (const next of graph.get(name) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		done.add(name);
		return undefined;
	};
	for (const name of graph.keys()) {
		const cycle = visit(name);
		if (cycle) return cycle;
	}
	return undefined;
}
