import type {BusEvent} from '../core/events/index.js';
import {printable} from '../core/util/printable.js';
import {formatExitcode, sanitize} from './format.js';
import {taskLabel} from './pool-labels.js';

/** How a timeline line reads: its text and its tone. */
export type PoolTimelineLine = {
	readonly text: string;
	readonly tone: 'normal' | 'good' | 'bad';
};

// A finished task gets a line only when it ran this long: a person can follow tasks of seconds
// one by one, while 100,000 tiny ones would only flood the pane (the pool panel counts them).
const longTaskMs = 250;

/** What a pool event says in the event pane, or undefined for those it leaves out. */
export function describePoolEvent(event: BusEvent): PoolTimelineLine | undefined {
	switch (event.type) {
		case 'pool:created':
			return line(
				event.remote
					? `${event.pool} created: bullmq queue '${event.remote.queue}' at ${event.remote.connection}, ${event.processes} jobs at once`
					: `${event.pool} created: ${event.processes} workers`,
			);
		case 'pool:task-queued':
			return line(
				event.tasks === event.count
					? `${event.pool} ← ${event.count} task${event.count === 1 ? '' : 's'} queued`
					: `${event.pool} ← ${event.count} items queued in ${event.tasks} tasks`,
			);
		case 'pool:task-done':
			if (!event.ok) {
				const error = event.error
					? `${printable(event.error.name)}: ${sanitize(event.error.message)}`
					: '';
				return line(
					`${event.worker} ✗ task ${event.taskId} (${taskLabel(event.call, event.first, event.count)}): ${error}`,
					'bad',
				);
			}
			if (event.ms < longTaskMs) return undefined;
			return line(
				`${event.worker} finished task ${event.taskId} (${taskLabel(event.call, event.first, event.count)}) in ${(event.ms / 1000).toFixed(2)} s`,
			);
		case 'pool:task-retried':
			return line(
				`${event.pool} ↻ task ${event.taskId} (${taskLabel(event.call, event.first, event.count)}) queued again, attempt ${event.attempt + 1}`,
			);
		case 'pool:worker-died': {
			const how = event.signal ? event.signal : `exit code ${formatExitcode(event.exitcode)}`;
			const doing =
				event.taskId === undefined ? 'while idle' : `while running task ${event.taskId}`;
			return line(`${event.worker} died (${how}) ${doing}`, 'bad');
		}
		case 'pool:call-cancelled':
			return line(
				`${event.pool} ✗ ${event.call} cancelled (${sanitize(event.reason)}): ${event.queued} items dropped, ${event.running} stopped`,
				'bad',
			);
		case 'pool:worker-replaced':
			return line(
				`${event.replacement} replaces ${event.worker} (${replacedBecause[event.reason]})`,
			);
		case 'pool:closed':
			return describeClosed(event);
		default:
			return undefined;
	}
}

const replacedBecause = {
	died: 'it died',
	'max-tasks': 'maxTasksPerChild reached',
	cancelled: 'its call was cancelled',
} as const;

function describeClosed(event: Extract<BusEvent, {type: 'pool:closed'}>): PoolTimelineLine {
	if (event.how === 'closed') return line(`${event.pool} closed: no new work`);
	const cancelled = event.cancelled ? `, ${event.cancelled} items cancelled` : '';
	if (event.how === 'terminated') return line(`${event.pool} terminated${cancelled}`);
	return line(`${event.pool} broken: ${sanitize(event.reason ?? '')}${cancelled}`, 'bad');
}

function line(text: string, tone: PoolTimelineLine['tone'] = 'normal'): PoolTimelineLine {
	return {text, tone};
}
