import {readFileSync} from 'node:fs';
import path from 'node:path';
import {LineCounter, parseDocument} from 'yaml';
import {locator} from './locate.js';
import {fromProcessCompose, isProcessCompose} from './process-compose.js';
import {ConfigError, type ScenarioConfig} from './types.js';
import {validateConfig} from './validate.js';

/** Reads, parses and validates a scenario file; throws ConfigError with every problem found. */
export function loadConfig(file: string): ScenarioConfig {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new ConfigError([`${file}: cannot read the scenario file: ${(error as Error).message}`]);
	}
	return parseConfig(text, file, path.dirname(path.resolve(file)));
}

/**
 * Parses the YAML text of a scenario file and validates it. Every problem is reported at its
 * place (`procdash.yaml:3:7: …`); of syntax errors only the first, since the ones after it often
 * follow from it.
 */
export function parseConfig(text: string, file: string, baseDirectory: string): ScenarioConfig {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, prettyErrors: false});
	const [syntaxError] = document.errors;
	if (syntaxError) {
		const {line, col} = lineCounter.linePos(syntaxError.pos[0]);
		throw new ConfigError([`${file}:${line}:${col}: ${syntaxError.message}`]);
	}
	const data: unknown = document.toJS();
	if (isProcessCompose(data)) {
		const {data: translated, warning} = fromProcessCompose(data, file);
		// Its problems are named by procdash's fields, placed where the file has them.
		return validateConfig(translated, file, baseDirectory, locator(document, lineCounter), [
			...(warning ? [warning] : []),
		]);
	}
	return validateConfig(data, file, baseDirectory, locator(document, lineCounter));
}
