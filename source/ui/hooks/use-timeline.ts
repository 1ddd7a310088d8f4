import {useEffect, useState} from 'react';
import type {BusEvent, EventBus} from '../../core/events.js';
import {formatExitcode, sanitize} from '../format.js';
import {describePoolEvent} from '../pool-timeline.js';

/** One line of the event pane. */
export type TimelineEntry = {
	readonly seq: number;
	readonly at: number;
	readonly text: string;
	readonly tone: 'normal' | 'good' | 'bad' | 'output' | 'error-output';
};

/** What an event says in the timeline, or undefined for events the timeline leaves out. */
export function describe(event: BusEvent): TimelineEntry | undefined {
	const entry = (text: string, tone: TimelineEntry['tone'] = 'normal') => ({
		seq: event.seq,
		at: event.at,
		text,
		tone,
	});
	switch (event.type) {
		case 'process:started':
			return entry(`${event.name} started, pid ${event.pid}, parent ${event.ppid}`);
		case 'process:output':
			return entry(
				`${event.name} │ ${sanitize(event.line)}`,
				event.stream === 'stderr' ? 'error-output' : 'output',
			);
		case 'process:signalled':
			return entry(`${event.name} ← ${event.signal}`);
		case 'process:error':
			return entry(`${event.name} ✗ ${event.error.name}: ${sanitize(event.error.message)}`, 'bad');
		case 'process:exited':
			return entry(
				`${event.name} exited, exit code ${formatExitcode(event.exitcode)}`,
				event.exitcode === 0 ? 'good' : event.exitcode > 0 ? 'bad' : 'normal',
			);
		case 'scenario:started':
			return entry(`preset ${event.name} started`);
		case 'scenario:finished':
			return entry(
				`preset ${event.name} ${event.ok ? 'passed' : 'did not pass'}: ${event.notes[0] ?? ''}`,
				event.ok ? 'good' : 'bad',
			);
		case 'orchestrator:stopping':
			return entry(`stopping: SIGTERM sent, SIGKILL in ${Math.round(event.graceMs / 1000)} s`);
		default: {
			const pool = describePoolEvent(event);
			return pool && entry(pool.text, pool.tone);
		}
	}
}

/** The last `limit` timeline entries of the bus, refreshed at most every `intervalMs`. */
export function useTimeline(
	bus: EventBus,
	limit: number,
	intervalMs = 100,
): readonly TimelineEntry[] {
	const [entries, setEntries] = useState<readonly TimelineEntry[]>(() =>
		collect(bus.history(), limit),
	);
	useEffect(() => {
		let pending: TimelineEntry[] = [];
		let timer: NodeJS.Timeout | undefined;
		const unsubscribe = bus.subscribe((event) => {
			const entry = describe(event);
			if (!entry) return;
			pending.push(entry);
			timer ??= setTimeout(() => {
				timer = undefined;
				const added = pending;
				pending = [];
				setEntries((current) => [...current, ...added].slice(-limit));
			}, intervalMs);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	}, [bus, limit, intervalMs]);
	return entries;
}

function collect(events: readonly BusEvent[], limit: number): TimelineEntry[] {
	return events
		.map(describe)
		.filter((entry): entry is TimelineEntry => entry !== undefined)
		.slice(-limit);
}
