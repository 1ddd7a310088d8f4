import {Box, Text} from 'ink';
import type {Snapshot} from '../../core/snapshot/index.js';
import {verdictLine} from '../ending.js';
import {Header} from './Header.js';
import {ProcessTable} from './ProcessTable.js';

type Props = {
	/** The state at the end. */
	readonly snapshot: Snapshot;
	/** The bus clock at the end. */
	readonly now: number;
	/** The width of the terminal. */
	readonly width: number;
};

/**
 * What stays on the terminal once the dashboard has closed: the header (how the stop went, and
 * any process group that survived it), why the run failed when it did, and every process procdash
 * started with how it ended. The
 * children those started are left out: what the last sample saw of them is not how they ended.
 */
export function FinalReport({snapshot, now, width}: Props) {
	const lines = snapshot.processes.length + snapshot.pools.length;
	const verdict = verdictLine(snapshot);
	return (
		<Box flexDirection="column" width={width}>
			<Header snapshot={snapshot} now={now} width={width} />
			{verdict && <Text color="red">{verdict}</Text>}
			<Box marginTop={1}>
				<ProcessTable
					processes={snapshot.processes}
					descendants={[]}
					selectedId={undefined}
					now={now}
					width={width}
					height={Math.max(1, lines)}
					pools={snapshot.pools}
					focused={false}
				/>
			</Box>
		</Box>
	);
}
