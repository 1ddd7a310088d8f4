import {expect, test} from 'vitest';
import {EventBus} from '../../source/core/events.js';
import {describe as describeEvent} from '../../source/ui/hooks/use-timeline.js';

// A child chooses its error's name as freely as its message: `err.name = '\x1b]0;…'`.
const evilName = 'Error\u001b]0;PWNED\u0007\u001b[2J';

test('an error name a child chose cannot carry an escape sequence into the event pane', () => {
	// Given a task that threw, and a pool task that failed, each with a name holding escapes
	const bus = new EventBus();
	const threw = bus.emit('process:error', {
		id: 1,
		name: 'child',
		error: {name: evilName, message: 'boom'},
	});
	const failed = bus.emit('pool:task-done', {
		poolId: 1,
		pool: 'Pool-1',
		taskId: 1,
		call: 'map',
		first: 0,
		count: 1,
		processId: 2,
		worker: 'PoolWorker-1',
		ok: false,
		ms: 0,
		error: {name: evilName, message: 'boom'},
	});

	// When the event pane describes them, then no control character is left, and the name still shows
	for (const event of [threw, failed]) {
		const text = describeEvent(event)?.text ?? '';
		// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be there.
		expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(text).toContain('Error?]0;PWNED??[2J: boom');
	}
});
