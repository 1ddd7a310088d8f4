// A chunk's outcome as it came back from another machine, made into what the pool's caller gets:
// values, or the error rebuilt as locally (its class when procdash knows it, else a RemoteError
// with its class name), with the host it ran on.
import {PoolBrokenError, rebuildError, WorkerDiedError} from '../../errors.js';
import type {ErrorInfo, JsonValue} from '../../events/index.js';
import type {PoolTask} from '../jobs.js';
import {type ChunkOutcome, isChunkOutcome} from './wire.js';

/** The worker a chunk ran on, as events name it: `host:pid` of its `procdash worker`. */
export function remoteWorker(outcome: ChunkOutcome): string {
	return `${outcome.host}:${outcome.pid}`;
}

/** What a job's return value means for its task: values, or an error for the caller. */
export function readOutcome(
	task: PoolTask,
	returnvalue: unknown,
): {readonly outcome: ChunkOutcome; readonly error?: Error} | {readonly error: Error} {
	if (!isChunkOutcome(returnvalue)) {
		return {
			error: new PoolBrokenError(
				`task ${task.id}'s job came back without a procdash outcome: is something other than procdash worker consuming the queue?`,
			),
		};
	}
	if (returnvalue.ok) return {outcome: returnvalue};
	return {outcome: returnvalue, error: remoteError(task, returnvalue.error, returnvalue.host)};
}

function remoteError(task: PoolTask, info: ErrorInfo, host: string): Error {
	const fields = info.fields ?? {};
	if (info.name === 'WorkerDiedError') {
		// The chunk was one task of the worker's own pool: its items are the whole chunk.
		const error = new WorkerDiedError({
			worker: `${String(fields.worker ?? 'PoolWorker')}@${host}`,
			pid: typeof fields.pid === 'number' ? fields.pid : undefined,
			exitcode: typeof fields.exitcode === 'number' ? fields.exitcode : null,
			signal: typeof fields.signal === 'string' ? (fields.signal as NodeJS.Signals) : null,
			taskId: task.id,
			call: `${task.job.call}(${task.job.target.module.split('/').pop()}#${task.job.target.exportName})`,
			items: [task.first, task.first + task.items.length - 1],
		});
		Object.defineProperty(error, 'host', {value: host, enumerable: true});
		return error;
	}
	const withHost: ErrorInfo = {...info, fields: {...fields, host} as Record<string, JsonValue>};
	return rebuildError(withHost);
}
