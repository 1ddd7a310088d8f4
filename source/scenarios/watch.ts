import type {EventBus, EventOf, EventType} from '../core/events/index.js';

/**
 * Collects the events of `types` about the object `id` from now on, for a preset to check what
 * the broker saw; `stop()` ends the watch and returns them.
 */
export function watchObject<K extends EventType>(
	bus: EventBus,
	id: number,
	types: readonly K[],
): {stop: () => EventOf<K>[]} {
	const seen: EventOf<K>[] = [];
	const wanted = new Set<EventType>(types);
	const unsubscribe = bus.subscribe((event) => {
		if (wanted.has(event.type) && 'id' in event && event.id === id)
			seen.push(event as unknown as EventOf<K>);
	});
	return {
		stop() {
			unsubscribe();
			return seen;
		},
	};
}
