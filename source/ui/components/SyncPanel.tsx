import {Box, Text} from 'ink';
import type {LockRow, SyncRow} from '../../core/snapshot/index.js';
import {nameColumnWidth} from '../format.js';
import {syncStateText} from '../sync-labels.js';
import {LockLine, lockHolderText} from './LockLine.js';
import {SyncObjectLine} from './SyncObjectLine.js';

type Props = {
	/** The locks, in creation order; shown first. */
	readonly locks: readonly LockRow[];
	/** RLocks, semaphores, events, conditions and barriers, in creation order; after the locks. */
	readonly objects: readonly SyncRow[];
	/** The bus clock now, for how long each holder has held its lock. */
	readonly now: number;
	readonly width: number;
	/** Lines available for rows, not counting the title. */
	readonly height: number;
};

/**
 * The Sync panel: each lock's holder and how long it has held it; each RLock's holder and depth, a
 * semaphore's permits left and holders, an event set or clear, a condition's lock, a barrier's
 * parties waiting; their waiters in order, and badges.
 */
export function SyncPanel({locks, objects, now, width, height}: Props) {
	const total = locks.length + objects.length;
	if (total === 0) {
		return (
			<Text dimColor>
				<Text bold>Sync</Text> none
			</Text>
		);
	}
	const cycle = locks.find((lock) => lock.deadlock)?.deadlock;
	// In a short terminal the panel may be its title alone, which then says how many it hides.
	const rows = Math.max(0, height - (cycle ? 1 : 0));
	const shownLocks = locks.slice(0, rows);
	const shownObjects = objects.slice(0, Math.max(0, rows - shownLocks.length));
	const shown = shownLocks.length + shownObjects.length;
	const nameWidth = nameColumnWidth(
		[...shownLocks, ...shownObjects].map((row) => row.name),
		8,
		width,
	);
	// Each column as wide as its widest entry (within a third and a half of the line): a narrow
	// terminal keeps room for the waiters.
	const stateWidth = nameColumnWidth(
		[
			...shownLocks.map((lock) => lockHolderText(lock, now)),
			...shownObjects.map((row) => syncStateText(row).text),
		],
		12,
		width,
		1 / 2,
	);
	const columns = {width, nameWidth, stateWidth};
	return (
		<Box flexDirection="column" width={width}>
			<Text>
				<Text bold>Sync</Text>
				{total > shown && (
					<Text dimColor>
						{' '}
						· {shown} of {total} shown
					</Text>
				)}
			</Text>
			{shownLocks.map((lock) => (
				<LockLine key={`l${lock.id}`} lock={lock} now={now} {...columns} />
			))}
			{shownObjects.map((row) => (
				<SyncObjectLine key={`s${row.id}`} row={row} {...columns} />
			))}
			{cycle && (
				<Text color="red" wrap="truncate">
					{'  deadlock: '}
					{cycle
						.map((link) => `${link.process} waits for ${link.waitsFor} held by ${link.heldBy}`)
						.join(' → ')}
				</Text>
			)}
		</Box>
	);
}
