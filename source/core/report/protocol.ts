// The report channel's wire, as docs/watch-your-program.md#the-report-channel describes it: the
// one place its constants live, for the receiver (procdash) and the Node reporter (a program)
// alike.

/** The environment variable that names the channel's Unix socket, set in a command's environment. */
export const reportVariable = 'PROCDASH_REPORT';

/** The protocol's version, the hello's `procdash` field. */
export const protocolVersion = 1;

/** The longest line either side sends or takes, in bytes, its newline not counted. */
export const maxLineBytes = 65_536;

/** The languages a reporter may say it is written for. */
export const reporterLanguages = ['node', 'python'] as const;

/** The first line of a connection: who reports. */
export type Hello = {
	readonly procdash: typeof protocolVersion;
	/** The reporting process's own pid. */
	readonly pid: number;
	/** A short name of the program (`app.js`, `app.py`). */
	readonly program: string;
	readonly language: (typeof reporterLanguages)[number];
};

/** `raw` as a hello, or undefined when it is not one. */
export function readHello(raw: unknown): Hello | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const {procdash, pid, program, language} = raw as Record<string, unknown>;
	if (procdash !== protocolVersion) return undefined;
	if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid < 1) return undefined;
	if (typeof program !== 'string' || program === '') return undefined;
	if (!reporterLanguages.includes(language as Hello['language'])) return undefined;
	return {procdash, pid, program, language: language as Hello['language']};
}
