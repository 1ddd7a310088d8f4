// Where a child's output goes besides the bus. Python's children write to their parent's own
// terminal; so do procdash's by default, line by line. A reader that draws its own screen (the
// dashboard) or writes a stream of its own (--json) captures them instead.
import {checkOneOf} from '../util/validate.js';

/**
 * What happens to a child's stdout and stderr. Either way each line is a `process:output` event.
 * - `'inherit'`: each line is also written to this program's own stdout or stderr, as it came
 *   (whole lines, nothing prefixed), as Python's children print to their parent's terminal.
 * - `'capture'`: the events only; nothing is printed (the dashboard and `--json` use it).
 */
export type OutputMode = 'inherit' | 'capture';

const modes: readonly OutputMode[] = ['inherit', 'capture'];

/** Throws a TypeError naming the option unless `value` is undefined or an OutputMode. */
export function checkOutput(
	owner: string,
	value: unknown,
): asserts value is OutputMode | undefined {
	if (value !== undefined) checkOneOf(owner, 'output', modes, value);
}

function ignore(): void {}

/**
 * Writes a line of a child's `stream` to this program's own: a piece of a longer line (`continues`)
 * without a newline, so that the pieces join up as they were.
 */
export function echoLine(stream: 'stdout' | 'stderr', line: string, continues: boolean): void {
	if (quieted > 0) return;
	const target = stream === 'stdout' ? process.stdout : process.stderr;
	// As console.log does: a reader that went away (EPIPE) must not crash the program over a
	// child's output.
	const guarded = target.listenerCount('error') === 0;
	if (guarded) target.once('error', ignore);
	try {
		target.write(continues ? line : `${line}\n`, ignore);
	} catch {
		// Written nowhere, as console.log's would be.
	} finally {
		if (guarded) target.removeListener('error', ignore);
	}
}

let quieted = 0;

/**
 * Stops echoing children's lines to this program's stdout and stderr until the returned function
 * is called: while this program's own dashboard is on the screen (`showDashboard`), the lines are
 * in its log pane, and written to the terminal they would land over it.
 */
export function quietEcho(): () => void {
	quieted++;
	let restored = false;
	return () => {
		if (restored) return;
		restored = true;
		quieted--;
	};
}
