import {Text} from 'ink';
import {levelSeries, perSecond, type QueueRow} from '../../core/snapshot/index.js';
import {cell, formatRate} from '../format.js';
import {blockedText, depthText} from '../sync-labels.js';
import {Sparkline} from './Sparkline.js';

type Props = {
	readonly queue: QueueRow;
	/** The bus clock now, for the rates and the sparkline's last buckets. */
	readonly now: number;
	readonly width: number;
	/** The name and depth columns' widths, the same for every row of the panel. */
	readonly nameWidth: number;
	readonly depthWidth: number;
};

/**
 * One queue on one line: `jobs  3/5 ▂▄▆█ put 12.0/s get 11.5/s · unfinished 4 · put: producer-1`.
 * Who is blocked comes last: a narrow terminal cuts it first.
 */
export function QueueLine({queue, now, width, nameWidth, depthWidth}: Props) {
	// 8 buckets (2 s) in a narrow terminal leave the blocked names room; up to 30 (7.5 s) in a wide one.
	const sparkWidth = width < 110 ? 8 : Math.min(30, Math.floor(width / 5));
	const series = levelSeries(queue.depthHistory, now, sparkWidth, queue.depth);
	const full = queue.maxsize > 0 && queue.depth >= queue.maxsize;
	const rates = `put ${formatRate(perSecond(queue.putCounts, now))}/s get ${formatRate(perSecond(queue.getCounts, now))}/s`;
	const blocked = blockedText(queue);
	return (
		<Text wrap="truncate">
			{'  '}
			{cell(queue.name, nameWidth)}{' '}
			<Text bold color={full ? 'yellow' : undefined}>
				{cell(depthText(queue), depthWidth, 'right')}
			</Text>{' '}
			<Sparkline points={series} width={sparkWidth} min={0} color="cyan" /> {rates}
			{queue.unfinished === undefined ? '' : ` · unfinished ${queue.unfinished}`}
			{queue.closed && <Text dimColor> · closed</Text>}
			{blocked && <Text color="yellow"> · {blocked}</Text>}
		</Text>
	);
}
