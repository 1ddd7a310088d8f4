import {useEffect, useState} from 'react';
import type {EventBus} from '../../core/events.js';

/** The bus's clock (ms since it started), refreshed every `intervalMs` for uptimes and countdowns. */
export function useClock(bus: EventBus, intervalMs = 1000): number {
	const [now, setNow] = useState(() => bus.elapsed());
	useEffect(() => {
		const timer = setInterval(() => setNow(bus.elapsed()), intervalMs);
		return () => clearInterval(timer);
	}, [bus, intervalMs]);
	return now;
}
