import {Box, Text} from 'ink';
import type {LockRow} from '../../core/snapshot/index.js';
import {cell, nameColumnWidth, truncate} from '../format.js';

type Props = {
	readonly locks: readonly LockRow[];
	/** The bus clock now, for how long each holder has held its lock. */
	readonly now: number;
	readonly width: number;
	/** Lines available for rows, not counting the title. */
	readonly height: number;
};

/** The Locks panel: each lock's holder and how long it has held it, its waiters in order, and badges. */
export function LocksPanel({locks, now, width, height}: Props) {
	if (locks.length === 0) {
		return (
			<Text dimColor>
				<Text bold>Locks</Text> none
			</Text>
		);
	}
	const cycle = locks.find((lock) => lock.deadlock)?.deadlock;
	// In a short terminal the panel may be its title alone, which then says how many it hides.
	const rows = Math.max(0, height - (cycle ? 1 : 0));
	const shown = locks.slice(0, rows);
	const nameWidth = nameColumnWidth(
		shown.map((lock) => lock.name),
		16,
		width,
	);
	const holderWidth = nameColumnWidth(
		shown.map((lock) => holderText(lock, now)),
		44,
		width,
		1 / 2,
	);
	return (
		<Box flexDirection="column" width={width}>
			<Text>
				<Text bold>Locks</Text>
				{locks.length > shown.length && (
					<Text dimColor>
						{' '}
						· {shown.length} of {locks.length} shown
					</Text>
				)}
			</Text>
			{shown.map((lock) => (
				<LockLine
					key={lock.id}
					lock={lock}
					now={now}
					width={width}
					nameWidth={nameWidth}
					holderWidth={holderWidth}
				/>
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

function holderText(lock: LockRow, now: number): string {
	return lock.holder
		? `held by ${lock.holder.name} (pid ${lock.holder.pid}) for ${(Math.max(0, now - lock.holder.since) / 1000).toFixed(1)} s`
		: 'free';
}

function LockLine({
	lock,
	now,
	width,
	nameWidth,
	holderWidth,
}: {
	readonly lock: LockRow;
	readonly now: number;
	readonly width: number;
	readonly nameWidth: number;
	readonly holderWidth: number;
}) {
	const holder = holderText(lock, now);
	const waiters =
		lock.waiters.length > 0
			? `waiters: ${lock.waiters.map((waiter) => waiter.name).join(', ')}`
			: '';
	return (
		<Text wrap="truncate">
			{'  '}
			{cell(lock.name, nameWidth)}{' '}
			<Text color={lock.holder ? 'yellow' : 'green'}>{cell(holder, holderWidth)}</Text>{' '}
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
			<Text dimColor>{truncate(waiters, Math.max(0, width - nameWidth - holderWidth - 6))}</Text>
		</Text>
	);
}
