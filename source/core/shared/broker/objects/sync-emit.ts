import type {Actor, SyncEventMap, SyncKind, SyncState} from '../../../events/index.js';
import type {ObjectContext} from './object.js';

type SyncType = Exclude<
	{
		[K in keyof SyncEventMap]: K extends `queue:${string}` | `pipe:${string}` | `managed:${string}`
			? never
			: K;
	}[keyof SyncEventMap],
	never
>;

/** Emits a sync event of the object `context` names, with its whole state and `extra`. */
export function emitSync<K extends SyncType>(
	context: ObjectContext,
	type: K,
	kind: SyncKind,
	state: SyncState,
	extra: Omit<SyncEventMap[K], 'id' | 'name' | 'kind' | 'state'>,
	at?: number,
): void {
	const payload = {id: context.id, name: context.name, kind, state, ...extra};
	(context.bus.emit as (type: string, payload: object, at?: number) => void)(type, payload, at);
}

/** The holders of a counted object (an RLock's owner, a semaphore's permits) as events carry them. */
export function holdersOf(counts: ReadonlyMap<number, {actor: Actor; count: number}>) {
	return [...counts.values()].map(({actor, count}) => ({
		id: actor.id,
		name: actor.name,
		pid: actor.pid,
		count,
	}));
}
