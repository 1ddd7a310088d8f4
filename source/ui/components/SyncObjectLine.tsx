import {Text} from 'ink';
import type {SyncRow} from '../../core/snapshot/index.js';
import {cell, truncate} from '../format.js';
import {names, syncStateText} from '../sync-labels.js';

type Props = {
	readonly row: SyncRow;
	readonly width: number;
	/** The name and state columns' widths, the same for every row of the panel. */
	readonly nameWidth: number;
	readonly stateWidth: number;
};

/**
 * One RLock, semaphore, event, condition or barrier on one line, as a lock's: its state after its
 * kind, its badges, its waiters in order.
 */
export function SyncObjectLine({row, width, nameWidth, stateWidth}: Props) {
	const state = syncStateText(row);
	const waiters = [
		row.waiters.length > 0 ? `waiters: ${names(row.waiters)}` : '',
		row.brokenReason ?? '',
	]
		.filter(Boolean)
		.join(' · ');
	return (
		<Text wrap="truncate">
			{'  '}
			{cell(row.name, nameWidth)} <Text color={state.color}>{cell(state.text, stateWidth)}</Text>{' '}
			{row.broken && (
				<Text color="red" bold inverse>
					{' BROKEN '}
				</Text>
			)}
			{row.abandoned && (
				<Text color="magenta" bold inverse>
					{` ABANDONED by ${row.abandoned.name} `}
				</Text>
			)}{' '}
			<Text dimColor>{truncate(waiters, Math.max(0, width - nameWidth - stateWidth - 6))}</Text>
		</Text>
	);
}
