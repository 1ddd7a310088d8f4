import {expect, test} from 'vitest';
import {describePoolEvent} from '../../source/ui/pool-timeline.js';
import {handWrittenPool} from '../helpers/pool-events.js';

test('a cancelled call and the worker replaced because of it each get a line in the event pane', () => {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(3);
	p.started(1, 1);
	p.cancelled(2, 1);
	p.replaced(1, 2, 'cancelled');

	const lines = p.bus.history().flatMap((event) => describePoolEvent(event) ?? []);

	expect(lines.slice(-2)).toEqual([
		{text: 'Pool-1 ✗ map cancelled (aborted): 2 items dropped, 1 stopped', tone: 'bad'},
		{text: 'PoolWorker-2 replaces PoolWorker-1 (its call was cancelled)', tone: 'normal'},
	]);
});
