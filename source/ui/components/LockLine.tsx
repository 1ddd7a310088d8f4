import {Text} from 'ink';
import type {LockRow} from '../../core/snapshot/index.js';
import {cell, truncate} from '../format.js';

type Props = {
	readonly lock: LockRow;
	/** The bus clock now, for how long the holder has held it. */
	readonly now: number;
	readonly width: number;
	/** The name and state columns' widths, the same for every row of the panel. */
	readonly nameWidth: number;
	readonly stateWidth: number;
};

/** What a lock's row says of its holder: who, and for how long; or that it is free. */
export function lockHolderText(lock: LockRow, now: number): string {
	return lock.holder
		? `held by ${lock.holder.name} (pid ${lock.holder.pid}) for ${(Math.max(0, now - lock.holder.since) / 1000).toFixed(1)} s`
		: 'free';
}

/** One lock on one line: its holder and for how long, its badges, its waiters in order. */
export function LockLine({lock, now, width, nameWidth, stateWidth}: Props) {
	const holder = lockHolderText(lock, now);
	const waiters =
		lock.waiters.length > 0
			? `waiters: ${lock.waiters.map((waiter) => waiter.name).join(', ')}`
			: '';
	return (
		<Text wrap="truncate">
			{'  '}
			{cell(lock.name, nameWidth)}{' '}
			<Text color={lock.holder ? 'yellow' : 'green'}>{cell(holder, stateWidth)}</Text>{' '}
			{lock.deadlock && (
				<Text color="red" bold inverse>
					{' DEADLOCK '}
				</Text>
			)}
			{lock.abandoned && (
				<Text color="magenta" bold inverse>
					{` ABANDONED by ${lock.abandoned.name} `}
				</Text>
			)}{' '}
			<Text dimColor>{truncate(waiters, Math.max(0, width - nameWidth - stateWidth - 6))}</Text>
		</Text>
	);
}
