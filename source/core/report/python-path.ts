import {delimiter} from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The folder of procdash's Python reporter (`sitecustomize.py` and `procdash_report/`): beside
 * this module's folder in `dist/source` as in `source`, where `npm run build` copies it.
 */
export const pythonReporterFolder = fileURLToPath(new URL('../../python', import.meta.url));

/**
 * `env` with the Python reporter's folder first on `PYTHONPATH` (any existing entries after it),
 * so that a Python program started with it, and its children, import procdash's sitecustomize:
 * with `PROCDASH_REPORT` also set, it reports the program's multiprocessing objects there.
 */
export function pythonInstrumentEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const existing = env.PYTHONPATH;
	if (existing === pythonReporterFolder || existing?.startsWith(pythonReporterFolder + delimiter)) {
		return {...env};
	}
	return {
		...env,
		PYTHONPATH: existing ? `${pythonReporterFolder}${delimiter}${existing}` : pythonReporterFolder,
	};
}
