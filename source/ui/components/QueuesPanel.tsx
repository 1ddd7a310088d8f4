import {Box, Text} from 'ink';
import type {PipeRow, QueueRow} from '../../core/snapshot/index.js';
import {displayWidth, nameColumnWidth} from '../format.js';
import {depthText} from '../sync-labels.js';
import {PipeLine} from './PipeLine.js';
import {QueueLine} from './QueueLine.js';

type Props = {
	/** The queues, in creation order; shown first. */
	readonly queues: readonly QueueRow[];
	/** The pipes, in creation order; shown after the queues. */
	readonly pipes: readonly PipeRow[];
	/** The bus clock now, for the rates and the sparklines' last buckets. */
	readonly now: number;
	readonly width: number;
	/** Lines available for rows, not counting the title. */
	readonly height: number;
};

/**
 * The Queues panel: per queue its depth of its maxsize, a sparkline of the depth, puts and gets
 * per second, a JoinableQueue's unfinished items and who is blocked; per pipe its two ends, the
 * messages in flight each way, and who waits to receive.
 */
export function QueuesPanel({queues, pipes, now, width, height}: Props) {
	const total = queues.length + pipes.length;
	if (total === 0) {
		return (
			<Text dimColor>
				<Text bold>Queues</Text> none
			</Text>
		);
	}
	// In a short terminal the panel may be its title alone, which then says how many it hides.
	const rows = Math.max(0, height);
	const shownQueues = queues.slice(0, rows);
	const shownPipes = pipes.slice(0, Math.max(0, rows - shownQueues.length));
	const shown = shownQueues.length + shownPipes.length;
	const nameWidth = nameColumnWidth(
		[...shownQueues, ...shownPipes].map((row) => row.name),
		10,
		width,
		1 / 4,
	);
	const depthWidth = Math.max(3, ...shownQueues.map((queue) => displayWidth(depthText(queue))));
	return (
		<Box flexDirection="column" width={width}>
			<Text>
				<Text bold>Queues</Text>
				{total > shown && (
					<Text dimColor>
						{' '}
						· {shown} of {total} shown
					</Text>
				)}
			</Text>
			{shownQueues.map((queue) => (
				<QueueLine
					key={`q${queue.id}`}
					queue={queue}
					now={now}
					width={width}
					nameWidth={nameWidth}
					depthWidth={depthWidth}
				/>
			))}
			{shownPipes.map((pipe) => (
				<PipeLine key={`p${pipe.id}`} pipe={pipe} now={now} nameWidth={nameWidth} />
			))}
		</Box>
	);
}
