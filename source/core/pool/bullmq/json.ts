// What crosses machines crosses as JSON: a value JSON would change or drop is refused before it is
// queued, with the place it was found, rather than arriving as something else on the far side.

/**
 * Throws a TypeError naming `where` (and the path inside it) unless `value` is plain JSON data:
 * null, booleans, finite numbers, strings, arrays and plain objects of them, without cycles.
 */
export function checkJson(value: unknown, where: string): void {
	const problem = jsonProblem(value, [], new Set());
	if (problem)
		throw new TypeError(`${where}${problem.path} cannot cross machines as JSON: ${problem.what}`);
}

type Problem = {readonly path: string; readonly what: string};

function jsonProblem(value: unknown, path: string[], seen: Set<object>): Problem | undefined {
	const at = () => path.join('');
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return undefined;
		case 'number':
			return Number.isFinite(value)
				? undefined
				: {path: at(), what: `${value} is not a JSON number`};
		case 'undefined':
			return {path: at(), what: 'undefined (JSON has no undefined; use null)'};
		case 'function':
			return {path: at(), what: 'a function'};
		case 'symbol':
			return {path: at(), what: 'a symbol'};
		case 'bigint':
			return {path: at(), what: 'a bigint (send it as a string)'};
	}
	if (value === null) return undefined;
	const object = value as object;
	if (seen.has(object)) return {path: at(), what: 'a cycle (it contains itself)'};
	const prototype = Object.getPrototypeOf(object);
	const isArray = Array.isArray(object);
	if (!isArray && prototype !== Object.prototype && prototype !== null) {
		return {
			path: at(),
			what: `a ${prototype?.constructor?.name ?? 'class instance'} (only plain objects and arrays)`,
		};
	}
	seen.add(object);
	const entries = isArray
		? (object as unknown[]).map((item, index) => [`[${index}]`, item] as const)
		: Object.entries(object).map(([key, item]) => [`.${key}`, item] as const);
	for (const [step, item] of entries) {
		path.push(step);
		const problem = jsonProblem(item, path, seen);
		path.pop();
		if (problem) return problem;
	}
	seen.delete(object);
	return undefined;
}
