import {Text} from 'ink';
import {type PipeRow, perSecond} from '../../core/snapshot/index.js';
import {cell, formatRate} from '../format.js';
import {pipeText, pipeWaitText} from '../sync-labels.js';

type Props = {
	readonly pipe: PipeRow;
	/** The bus clock now, for messages per second. */
	readonly now: number;
	/** The name column's width, the same for every row of the panel. */
	readonly nameWidth: number;
};

/** One pipe on one line: `Pipe-1  ping ⇄ pong · → 1 ← 0 · 19 k msg/s · recv: pong`. */
export function PipeLine({pipe, now, nameWidth}: Props) {
	const waits = pipeWaitText(pipe);
	return (
		<Text wrap="truncate">
			{'  '}
			{cell(pipe.name, nameWidth)} <Text bold>{pipeText(pipe)}</Text>
			{` · ${formatRate(perSecond(pipe.sentCounts, now))} msg/s`}
			{waits && <Text color="yellow"> · {waits}</Text>}
		</Text>
	);
}
