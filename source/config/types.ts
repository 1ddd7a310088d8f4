import {InputError} from '../core/errors.js';
/** When a process of a scenario file is started again after it exits. */
export type RestartPolicy = 'no' | 'on-failure' | 'always';

/** What a process waits for in another before it starts. */
export type DependencyCondition = 'started' | 'completed_successfully';

/** One `depends_on` entry. */
export type Dependency = {
	/** The name of the process depended on. */
	readonly name: string;
	readonly condition: DependencyCondition;
};

/** One process of a scenario file, validated, with every default filled in. */
export type ProcessSpec = {
	readonly name: string;
	/** The executable; with `shell`, the whole command line for `/bin/sh -c`. */
	readonly command: string;
	readonly args: readonly string[];
	/** An absolute directory (relative paths are resolved against the scenario file's). */
	readonly cwd: string | undefined;
	/** Added to procdash's own environment. */
	readonly env: Readonly<Record<string, string>> | undefined;
	readonly shell: boolean;
	readonly restart: RestartPolicy;
	/** The first restart's delay; each further one doubles it, up to `maxBackoffMs`. */
	readonly backoffMs: number;
	readonly maxRestarts: number;
	readonly dependsOn: readonly Dependency[];
};

/** A scenario file, validated. */
export type ScenarioConfig = {
	/** The file as named on the command line. */
	readonly file: string;
	readonly description: string | undefined;
	/** In the file's order. */
	readonly processes: readonly ProcessSpec[];
};

/** The longest wait between two restarts, however many came before. */
export const maxBackoffMs = 30_000;

/** A scenario file that cannot be read or is not valid; one line per problem. */
export class ConfigError extends InputError {
	override readonly name = 'ConfigError';
	/** Each problem as `file:line:column: …` (syntax) or `file: field.path: …` (schema). */
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(problems.join('\n'), {located: true});
		this.problems = problems;
	}
}
