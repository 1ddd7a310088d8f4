import type {DecodedEvent} from './decode.js';

// A Python pool's worker that dies is told of by the pool's process, which does not know what the
// worker was running: the worker told that itself, in its pool:task-started. The task each worker
// of one program runs is kept here, to name it in the worker's pool:worker-died.

/** The task each reported pool worker of one program is running. */
export class RunningTasks {
	// By pool and worker (local ids): the task's local id.
	readonly #running = new Map<string, number>();

	/** `event`, with the task its worker was running when it is a death that does not say. */
	complete(event: DecodedEvent): DecodedEvent {
		switch (event.type) {
			case 'pool:task-started':
				this.#running.set(key(event.payload), event.payload.taskId);
				return event;
			case 'pool:task-done':
				if (this.#running.get(key(event.payload)) === event.payload.taskId)
					this.#running.delete(key(event.payload));
				return event;
			case 'pool:worker-died': {
				const taskId = event.payload.taskId ?? this.#running.get(key(event.payload));
				this.#running.delete(key(event.payload));
				return {type: event.type, payload: {...event.payload, taskId}};
			}
			default:
				return event;
		}
	}
}

function key({poolId, processId}: {readonly poolId: number; readonly processId: number}): string {
	return `${poolId}:${processId}`;
}
