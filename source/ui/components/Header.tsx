import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Snapshot} from '../../core/snapshot/index.js';
import {stopLine} from '../ending.js';
import {displayWidth, formatBytes, formatDuration} from '../format.js';

type Props = {
	/** The state to summarise. */
	readonly snapshot: Snapshot;
	/** The bus clock now, for elapsed time and the stop countdown. */
	readonly now: number;
	/** The width of the terminal. */
	readonly width: number;
};

/**
 * The top line: preset, counts by state, elapsed time; while stopping, the countdown to SIGKILL
 * and which processes still hold up the exit.
 */
export function Header({snapshot, now, width}: Props) {
	const counts = {running: 0, paused: 0, exited: 0, failed: 0};
	for (const row of snapshot.processes) if (row.state !== 'created') counts[row.state]++;
	const {scenario, stopping, stopped, machine} = snapshot;
	const verdict =
		!scenario || scenario.state === 'running' ? '' : scenario.state === 'passed' ? ' ✓' : ' ✗';
	const title = scenario ? ` · ${scenario.name}${verdict}` : '';
	const summary = `procdash${title} · ${counts.running} running · ${counts.paused} paused · ${counts.exited} exited · ${counts.failed} failed · ${formatDuration(now)}`;
	const load = machine
		? `cpu ${Math.round(machine.cpu)}% of ${machine.cores} · mem ${formatBytes(machine.memoryUsed)} / ${formatBytes(machine.memoryTotal)}`
		: '';
	// The machine's load goes to the right when it fits; the summary always comes first.
	const gap = width - displayWidth(summary) - displayWidth(load);
	// The counts, the clock and the load are texts of their own: at rest only the clock and the
	// load change each second, and a frame redraws those two short texts, not the whole styled
	// line (see source/ui/terminal/draw-output.ts). Where the line is too narrow, the counts are
	// cut short, not the clock.
	return (
		<Box flexDirection="column" width={width}>
			<Box width={width}>
				<Counts {...counts} scenario={scenario?.name} verdict={verdict} />
				<Box flexShrink={0}>
					<Text>{formatDuration(now)}</Text>
				</Box>
				{load && gap >= 2 && (
					<Box flexShrink={0}>
						<Text dimColor>
							{' '.repeat(gap)}
							{load}
						</Text>
					</Box>
				)}
			</Box>
			{stopping && (
				<Text color="yellow" bold wrap="truncate">
					shutting down: SIGTERM sent, SIGKILL in{' '}
					{/* The clock ticks twice a second and may lag the event that began the stop. */}
					{Math.max(0, Math.ceil((stopping.deadline - Math.max(now, snapshot.at)) / 1000))} s
					{stopping.holding.length > 0 &&
						` · waiting for ${stopping.holding.map((leader) => `${leader.name} (pid ${leader.pid})`).join(', ')}`}
				</Text>
			)}
			{stopped && (
				<Text color={stopped.survivors.length === 0 ? 'green' : 'red'}>{stopLine(stopped)}</Text>
			)}
		</Box>
	);
}

type CountsProps = {
	readonly running: number;
	readonly paused: number;
	readonly exited: number;
	readonly failed: number;
	/** The preset's or scenario file's name, if any. */
	readonly scenario: string | undefined;
	/** After the name: " ✓" or " ✗" once it has ended. */
	readonly verdict: string;
};

// The name and the counts: they render again when a count changes, not at each tick of the clock.
const Counts = memo(function Counts({
	running,
	paused,
	exited,
	failed,
	scenario,
	verdict,
}: CountsProps) {
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				procdash
			</Text>
			{scenario !== undefined && (
				<Text>
					{' · '}
					<Text bold>{scenario}</Text>
					{verdict}
				</Text>
			)}
			{' · '}
			<Text color="green">{running} running</Text>
			{' · '}
			<Text color="yellow">{paused} paused</Text>
			{' · '}
			<Text dimColor>{exited} exited</Text>
			{' · '}
			<Text color={failed > 0 ? 'red' : undefined}>{failed} failed</Text>
			{' · '}
		</Text>
	);
});
