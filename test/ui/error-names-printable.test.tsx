import {afterEach, expect, test} from 'vitest';
import {EventBus} from '../../source/core/events/index.js';
import {PoolPanel} from '../../source/ui/components/PoolPanel.js';
import {describe as describeEvent} from '../../source/ui/hooks/use-timeline.js';
import {handWrittenPool} from '../helpers/pool-events.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

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

let terminal: Terminal | undefined;

afterEach(() => {
	terminal?.unmount();
	terminal = undefined;
});

test("the pool panel's last failure shows a child's error name and message without their escapes", async () => {
	// Given a pool whose task failed with escapes in the error's name and message
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.queued(1);
	p.started(1, 1);
	p.failed(1, 1, {name: evilName, message: 'boom\u001b[31m'});

	// When the panel shows it, then the escape sequences are gone and the words remain
	terminal = renderTerminal(<PoolPanel pools={p.snapshot().pools} now={1000} width={119} />);
	const frame = await terminal.waitForFrame((text) => text.includes('✗ map'));
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be there.
	expect(frame).not.toMatch(/[\u0007\u001B]\]0;PWNED/);
	expect(frame).toContain('on PoolWorker-1: Error?]0;PWNED??[2J: boom');
});
