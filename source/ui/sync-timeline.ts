import type {BusEvent} from '../core/events/index.js';
import {sanitize} from './format.js';
import type {PoolTimelineLine} from './pool-timeline.js';
import {names} from './sync-labels.js';

const sides = {put: 'putting on', get: 'getting from', join: 'joining'} as const;

/**
 * What an event of a queue, a pipe or another waiting object says in the event pane, or undefined
 * for those it leaves out: puts, gets, sends, receives, takes and releases come by the thousand a
 * second, and the panels and the rows show them; the pane tells the rarer turns.
 */
export function describeSyncEvent(event: BusEvent): PoolTimelineLine | undefined {
	switch (event.type) {
		case 'queue:gave-up':
			return line(
				`${event.by.name} gave up ${sides[event.side]} ${event.name}: ${event.reason === 'exited' ? 'it exited' : 'timed out'}`,
				event.reason === 'exited' ? 'bad' : 'normal',
			);
		case 'queue:joined':
			return line(`${event.name} joined: every item put was marked done`, 'good');
		case 'queue:closed':
			return line(`${event.by.name} closed ${event.name}`);
		case 'pipe:closed':
			return line(`${event.by.name} closed end ${event.end} of ${event.name}`);
		case 'sync:timed-out':
			return line(`${event.by.name} gave up waiting on ${event.name}: timed out`);
		case 'sync:waiter-exited':
			return line(`${event.by.name} exited while waiting on ${event.name}`, 'bad');
		case 'sync:abandoned':
			return line(
				`${event.name} abandoned: ${event.by.name} (pid ${event.by.pid}) died holding it; released`,
				'bad',
			);
		case 'event:set':
			return line(`${event.by.name} set ${event.name}`);
		case 'event:cleared':
			return line(`${event.by.name} cleared ${event.name}`);
		case 'barrier:passed':
			return line(`${event.name} passed: ${names(event.parties)} leave together`, 'good');
		case 'barrier:broken':
			return line(`${event.name} broken: ${sanitize(event.reason)}`, 'bad');
		case 'barrier:reset':
			return line(`${event.by.name} reset ${event.name}`);
		default:
			return undefined;
	}
}

function line(text: string, tone: PoolTimelineLine['tone'] = 'normal'): PoolTimelineLine {
	return {text, tone};
}
