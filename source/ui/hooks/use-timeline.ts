import {useMemo, useSyncExternalStore} from 'react';
import type {BusEvent, EventBus} from '../../core/events/index.js';
import {printable} from '../../core/util/printable.js';
import {formatExitcode, formatSeconds, sanitize} from '../format.js';
import {describePoolEvent} from '../pool-timeline.js';
import {describeSyncEvent} from '../sync-timeline.js';
import {throttledStore} from './throttled-store.js';

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
		case 'descendant:signalled':
			return entry(
				`${event.command} (pid ${event.pid}, under ${event.rootName}) ← ${event.signal}`,
			);
		case 'process:error':
			return entry(
				`${event.name} ✗ ${printable(event.error.name)}: ${sanitize(event.error.message)}`,
				'bad',
			);
		case 'process:exited':
			return entry(
				`${event.name} exited, exit code ${formatExitcode(event.exitcode)}`,
				event.exitcode === 0 ? 'good' : event.exitcode > 0 ? 'bad' : 'normal',
			);
		case 'lock:acquired':
			return entry(
				`${event.by.name} took ${event.name}${event.waitedMs > 0 ? ` after waiting ${event.waitedMs} ms` : ''}${event.abandonedBy ? ` (abandoned by ${event.abandonedBy.name})` : ''}`,
			);
		case 'lock:released':
			return entry(`${event.by.name} released ${event.name} (held ${event.heldMs} ms)`);
		case 'lock:requested':
			return entry(`${event.by.name} waits for ${event.name}`);
		case 'lock:timed-out':
			return entry(`${event.by.name} gave up on ${event.name} after ${event.waitedMs} ms`);
		case 'lock:abandoned':
			return entry(
				`${event.name} abandoned: ${event.holder.name} (pid ${event.holder.pid}) died holding it`,
				'bad',
			);
		case 'lock:deadlock':
			return entry(
				`deadlock: ${event.cycle.map((link) => `${link.process} waits for ${link.waitsFor}`).join(', ')}`,
				'bad',
			);
		case 'process:restarting':
			return entry(
				`${event.name} will restart in ${formatSeconds(event.delayMs)} (restart ${event.attempt} of ${event.maxRestarts})`,
			);
		case 'probe:started':
			return entry(`${event.name}: ${event.probe} probe, ${sanitize(event.check)}`);
		case 'probe:failed':
			return entry(
				`${event.name}: ${event.probe} probe failed (${event.failures} in a row): ${sanitize(event.message)}`,
				'bad',
			);
		case 'process:ready':
			return entry(`${event.name} is ready`, 'good');
		case 'process:unhealthy':
			return entry(
				`${event.name} is unhealthy: ${event.probe} probe failed ${event.failures} times${event.probe === 'liveness' ? '; stopping it' : ''}`,
				'bad',
			);
		case 'process:gave-up':
			return entry(
				`${event.name} gave up after ${event.restarts} restart${event.restarts === 1 ? '' : 's'} (exit code ${event.exitcode})`,
				'bad',
			);
		case 'scenario:started':
			return entry(`preset ${event.name} started`);
		case 'scenario:finished':
			return entry(
				`preset ${event.name} ${event.ok ? 'passed' : 'did not pass'}: ${event.notes[0] ?? ''}`,
				event.ok ? 'good' : 'bad',
			);
		case 'report:connected':
			return entry(
				`${printable(event.program)} (pid ${event.pid}) reports in, under ${printable(event.rootName)}`,
			);
		case 'report:dropped':
			return entry(
				`${printable(event.program)} (pid ${event.pid}): report lines dropped, ${event.malformed} malformed, ${event.flooded} past the rate`,
				'bad',
			);
		case 'orchestrator:stopping':
			return entry(`stopping: SIGTERM sent, SIGKILL in ${Math.round(event.graceMs / 1000)} s`);
		default: {
			const line = describePoolEvent(event) ?? describeSyncEvent(event);
			return line && entry(line.text, line.tone);
		}
	}
}

/** The last `limit` timeline entries of the bus, refreshed at most every `intervalMs`. */
export function useTimeline(
	bus: EventBus,
	limit: number,
	intervalMs = 100,
): readonly TimelineEntry[] {
	const store = useMemo(() => {
		let entries = collect(bus.history(), limit);
		// Events wait here between refreshes: a flood costs a push each, and one copy per refresh.
		let pending: TimelineEntry[] = [];
		return throttledStore(
			(onChange) =>
				bus.subscribe((event) => {
					const entry = describe(event);
					if (!entry) return;
					pending.push(entry);
					onChange();
				}),
			() => {
				if (pending.length > 0) entries = [...entries, ...pending].slice(-limit);
				pending = [];
				return entries;
			},
			intervalMs,
		);
	}, [bus, limit, intervalMs]);
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function collect(events: readonly BusEvent[], limit: number): TimelineEntry[] {
	return events
		.map(describe)
		.filter((entry): entry is TimelineEntry => entry !== undefined)
		.slice(-limit);
}
