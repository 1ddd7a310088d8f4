// The public API: what `import … from 'procdash'` gives.
export type {WorkerDeath} from './core/errors.js';
export {
	DaemonError,
	LockReleaseError,
	PoolStateError,
	PoolTerminatedError,
	ProcessLimitError,
	ProcessStateError,
	RemoteError,
	WorkerDiedError,
} from './core/errors.js';
export type {
	Actor,
	BusEvent,
	DeadlockLink,
	ErrorInfo,
	EventMap,
	EventOf,
	EventType,
	GroupLeader,
	ProcessKind,
	ProcessStats,
} from './core/events.js';
export {EventBus} from './core/events.js';
export type {ForkOptions} from './core/fork.js';
export {fork} from './core/fork.js';
export type {TaskTarget} from './core/ipc.js';
export type {Member, OrchestratorOptions, StopOutcome} from './core/orchestrator.js';
export {createOrchestrator, defaultOrchestrator, Orchestrator} from './core/orchestrator.js';
export {Pool} from './core/pool.js';
export type {PoolEnding, PoolEventMap, ReplacementReason} from './core/pool-events.js';
export type {ApplyOptions, MapOptions, PoolBackend, PoolOptions} from './core/pool-options.js';
export type {PoolState} from './core/pool-scheduler.js';
export type {ProcessOptions} from './core/process.js';
export {Process} from './core/process.js';
export type {ProcessInfo, ThreadInfo} from './core/runtime/current.js';
export {currentProcess, currentThread, parentProcess} from './core/runtime/current.js';
export {SharedArray} from './core/shared/array.js';
export type {AcquireOptions} from './core/shared/lock.js';
export {Lock} from './core/shared/lock.js';
export type {SharedOptions} from './core/shared/options.js';
export type {Scalar, Typecode} from './core/shared/typecodes.js';
export {Value} from './core/shared/value.js';
export type {DescendantRow, ProcessRow, ProcessState, Snapshot} from './core/snapshot.js';
export {emptySnapshot, fold, reduce} from './core/snapshot.js';
export type {PoolHistory} from './core/snapshot-pool-history.js';
export {
	averageTasksPerSecond,
	depthSeries,
	queueHistory,
	tasksPerSecond,
} from './core/snapshot-pool-history.js';
export type {
	PoolFailure,
	PoolRow,
	PoolWorkerRow,
	PoolWorkerState,
} from './core/snapshot-pools.js';
export {SnapshotStore} from './core/store.js';
export {task} from './core/task.js';
export {Thread} from './core/thread.js';
export type {ThreadOptions} from './core/thread-options.js';
