import type {LogLine} from '../core/snapshot/index.js';

/** Where the current match of a log search stands: the `position`th of `count` (1 is the oldest). */
export type MatchPlace = {
	readonly position: number;
	readonly count: number;
	/** The `seq` of its line. */
	readonly seq: number;
};

/** Whether `text` contains `search`, ignoring case. */
export function lineMatches(text: string, search: string): boolean {
	return search !== '' && text.toLowerCase().includes(search.toLowerCase());
}

/**
 * The current match of `search` in `lines`: the line `matchSeq` if it still matches and is kept,
 * else the newest match; undefined when nothing matches.
 */
export function currentMatch(
	lines: readonly LogLine[],
	search: string,
	matchSeq: number | undefined,
): MatchPlace | undefined {
	const matches = lines.filter((line) => lineMatches(line.text, search));
	if (matches.length === 0) return undefined;
	const index = matches.findIndex((line) => line.seq === matchSeq);
	const at = index === -1 ? matches.length - 1 : index;
	return {position: at + 1, count: matches.length, seq: (matches[at] as LogLine).seq};
}

/**
 * The match `by` away from the current one (1: the next, newer; −1: the previous, older), going
 * round at either end, and the scroll that shows its line at the bottom of the log.
 */
export function stepMatch(
	lines: readonly LogLine[],
	search: string,
	matchSeq: number | undefined,
	by: 1 | -1 | 0,
): {readonly seq: number; readonly scroll: number} | undefined {
	const current = currentMatch(lines, search, matchSeq);
	if (!current) return undefined;
	const matches = lines.filter((line) => lineMatches(line.text, search));
	const next = matches[(current.position - 1 + by + current.count) % current.count] as LogLine;
	return {seq: next.seq, scroll: lines.length - 1 - lines.indexOf(next)};
}
