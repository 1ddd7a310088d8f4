import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {
	type Subscribe,
	throttle,
	throttledStore,
} from '../../../source/ui/hooks/throttled-store.js';

// A source that changes when told to, and the number of times its throttled listener was called.
function source() {
	const listeners = new Set<() => void>();
	let value = 0;
	const subscribe: Subscribe = (listener) => {
		listeners.add(listener);
		return () => listeners.delete(listener);
	};
	return {
		subscribe,
		read: () => value,
		change(times = 1) {
			for (let time = 0; time < times; time++) {
				value++;
				for (const listener of listeners) listener();
			}
		},
		listening: () => listeners.size,
	};
}

// The clock is the test's: the throttle is checked at exact instants, with no waiting.
beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
});
afterEach(() => {
	vi.useRealTimers();
});

test('a flood of changes is told once per interval, an interval after the first change', () => {
	const changes = source();
	const onChange = vi.fn();
	throttle(changes.subscribe, 100)(onChange);

	changes.change(1000);
	vi.advanceTimersByTime(99);
	expect(onChange).not.toHaveBeenCalled();
	vi.advanceTimersByTime(1);
	expect(onChange).toHaveBeenCalledTimes(1);

	changes.change(1000);
	vi.advanceTimersByTime(100);
	expect(onChange).toHaveBeenCalledTimes(2);
	vi.advanceTimersByTime(1000);
	expect(onChange).toHaveBeenCalledTimes(2);
});

test('a change every millisecond for a second is told about 30 times at 30 a second, never more', () => {
	const changes = source();
	const onChange = vi.fn();
	throttle(changes.subscribe, 1000 / 30)(onChange);
	for (let ms = 0; ms < 1000; ms++) {
		changes.change();
		vi.advanceTimersByTime(1);
	}
	expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(29);
	expect(onChange.mock.calls.length).toBeLessThanOrEqual(30);
});

test('the store keeps the value it read when it last told, until it tells again', () => {
	const changes = source();
	const store = throttledStore(changes.subscribe, changes.read, 100);
	const onChange = vi.fn(() => store.getSnapshot());
	store.subscribe(onChange);
	expect(store.getSnapshot()).toBe(0);

	changes.change(3);
	expect(store.getSnapshot()).toBe(0);
	vi.advanceTimersByTime(100);
	expect(onChange).toHaveReturnedWith(3);
	expect(store.getSnapshot()).toBe(3);
});

test('unsubscribing stops listening and drops a tell that was waiting', () => {
	const changes = source();
	const onChange = vi.fn();
	const unsubscribe = throttle(changes.subscribe, 100)(onChange);
	changes.change();
	unsubscribe();
	vi.advanceTimersByTime(1000);
	expect(onChange).not.toHaveBeenCalled();
	expect(changes.listening()).toBe(0);
});
