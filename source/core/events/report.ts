/**
 * The report channel's own events, part of the bus's EventMap: a program procdash runs telling
 * of its pools, values and locks (docs/watch-your-program.md).
 */
export type ReportEventMap = {
	/** A process of a program procdash runs opened the report channel; its events follow. */
	'report:connected': {
		/** The program's name, as its reporter said it (printable): the prefix of its names. */
		readonly program: string;
		/** The pid of the process that reports. */
		readonly pid: number;
		readonly language: 'node' | 'python';
		/** The row of the command procdash started that it is, or descends from. */
		readonly rootId: number;
		readonly rootName: string;
	};
	/**
	 * Lines of one connection that were dropped, in all so far: malformed (not JSON, too long, an
	 * unknown type, a field of the wrong shape) or past the rate bound (`flooded`). Told at most
	 * about once a second while it grows, and when the connection closes.
	 */
	'report:dropped': {
		readonly program: string;
		readonly pid: number;
		readonly malformed: number;
		readonly flooded: number;
	};
};
