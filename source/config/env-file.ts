import {readFileSync} from 'node:fs';

/** An env file's variables, or the one problem that kept it from being read. */
export type EnvFileResult =
	| {readonly variables: Readonly<Record<string, string>>}
	| {readonly problem: string};

/**
 * Reads a `.env` file in the usual syntax: `KEY=value` a line, blank lines and `#` comments
 * skipped, an optional `export ` before the name, the value taken as written or from inside one
 * pair of quotes ('…' as is, "…" with \n, \t, \" and \\ escapes), a `#` after an unquoted value
 * starting a comment. `file` is the path to read, `shown` how problems name it.
 */
export function readEnvFile(file: string, shown: string): EnvFileResult {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		return {problem: `cannot read ${shown}: ${(error as Error).message}`};
	}
	const variables: Record<string, string> = {};
	for (const [index, raw] of text.split(/\r?\n/).entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
		if (!match) {
			return {
				problem: `${shown}:${index + 1}:1: expected KEY=value (a name of letters, digits and _), got '${line}'`,
			};
		}
		const [, name = '', value = ''] = match;
		const parsed = unquote(value);
		if (parsed === undefined)
			return {problem: `${shown}:${index + 1}:${raw.indexOf('=') + 2}: a quote is not closed`};
		variables[name] = parsed;
	}
	return {variables};
}

function unquote(value: string): string | undefined {
	if (value.startsWith("'")) {
		const end = value.indexOf("'", 1);
		return end < 0 ? undefined : value.slice(1, end);
	}
	if (value.startsWith('"')) {
		let parsed = '';
		for (let index = 1; index < value.length; index++) {
			const char = value[index] as string;
			if (char === '"') return parsed;
			if (char === '\\' && index + 1 < value.length) {
				const next = value[++index] as string;
				parsed += escapes[next] ?? `\\${next}`;
			} else parsed += char;
		}
		return undefined;
	}
	return value.replace(/\s+#.*$/, '');
}

const escapes: Record<string, string> = {n: '\n', t: '\t', '"': '"', '\\': '\\'};
