// Writes the JSON Schema of scenario files (source/config/schema.ts, made from the validator's own
// field lists) to dist/scenario.schema.json, from where the package ships it for editors to
// point at. Run by `npm run build`, after tsc.
import {writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const {scenarioSchema} = await import(join(root, 'dist', 'source', 'config', 'schema.js'));

writeFileSync(
	join(root, 'dist', 'scenario.schema.json'),
	`${JSON.stringify(scenarioSchema(), null, '\t')}\n`,
);
