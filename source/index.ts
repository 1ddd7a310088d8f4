// The public API: what `import … from 'procdash'` gives.
export type {AbortReason, WorkerDeath} from './core/errors.js';
export {
	AbortError,
	BrokenBarrierError,
	ConnectionClosedError,
	DaemonError,
	InputError,
	LockReleaseError,
	PoolBrokenError,
	PoolQueueFullError,
	PoolStateError,
	PoolTerminatedError,
	ProcdashError,
	ProcessLimitError,
	ProcessStateError,
	QueueClosedError,
	QueueEmptyError,
	QueueFullError,
	RemoteError,
	SpawnError,
	TaskLoadError,
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
	JsonValue,
	ManagedKind,
	PipeState,
	ProcessKind,
	ProcessStats,
	QueueKind,
	QueueState,
	SyncHolder,
	SyncKind,
	SyncState,
} from './core/events/index.js';
export {EventBus} from './core/events/index.js';
export type {PoolEnding, PoolEventMap, ReplacementReason} from './core/events/pool.js';
export type {TaskFunction, TaskTarget} from './core/ipc/messages.js';
export type {Member, OrchestratorOptions, StopOutcome} from './core/orchestrator/orchestrator.js';
export {
	createOrchestrator,
	defaultOrchestrator,
	Orchestrator,
} from './core/orchestrator/orchestrator.js';
export type {PoolState} from './core/pool/engine.js';
export type {ApplyOptions, MapOptions, PoolBackend, PoolOptions} from './core/pool/options.js';
export {Pool} from './core/pool/pool.js';
export type {ForkOptions} from './core/process/fork.js';
export {fork} from './core/process/fork.js';
export type {OutputMode} from './core/process/output.js';
export type {ProcessOptions} from './core/process/process.js';
export {Process} from './core/process/process.js';
export {task, taskModule} from './core/process/task.js';
export type {
	StarmapItem,
	TaskArgs,
	TaskExports,
	TaskItem,
	TaskResult,
} from './core/process/task-types.js';
export {Thread} from './core/process/thread.js';
export type {ThreadOptions} from './core/process/thread-options.js';
export type {ProcessInfo, ThreadInfo} from './core/runtime/current.js';
export {currentProcess, currentThread, parentProcess} from './core/runtime/current.js';
export {SharedArray} from './core/shared/array.js';
export type {AcquireOptions} from './core/shared/lock.js';
export {Lock} from './core/shared/lock.js';
export type {
	BigTypecode,
	Scalar,
	ScalarInput,
	ScalarOf,
	Typecode,
} from './core/shared/memory/typecodes.js';
export type {SharedOptions} from './core/shared/options.js';
export type {BarrierOptions} from './core/shared/sync/barrier.js';
export {Barrier} from './core/shared/sync/barrier.js';
export {Condition} from './core/shared/sync/condition.js';
export {Event} from './core/shared/sync/event.js';
export {ManagedDict, ManagedList, Namespace} from './core/shared/sync/managed.js';
export {createManager, Manager} from './core/shared/sync/manager.js';
export type {PipeOptions} from './core/shared/sync/pipe.js';
export {Connection, Pipe} from './core/shared/sync/pipe.js';
export type {QueueOptions, QueueWaitOptions} from './core/shared/sync/queue.js';
export {JoinableQueue, Queue, SimpleQueue} from './core/shared/sync/queue.js';
export {RLock} from './core/shared/sync/rlock.js';
export {BoundedSemaphore, Semaphore} from './core/shared/sync/semaphore.js';
export {Value} from './core/shared/value.js';
export type {
	DescendantRow,
	ManagedRow,
	PipeRow,
	PoolFailure,
	PoolHistory,
	PoolRow,
	PoolWorkerRow,
	PoolWorkerState,
	ProcessRow,
	ProcessState,
	QueueRow,
	Snapshot,
	SyncRow,
	SyncSnapshot,
} from './core/snapshot/index.js';
export {
	averageTasksPerSecond,
	depthSeries,
	emptySnapshot,
	fold,
	queueHistory,
	reduce,
	SnapshotStore,
	tasksPerSecond,
} from './core/snapshot/index.js';
export type {ShowDashboardOptions} from './ui/show-dashboard.js';
export {showDashboard} from './ui/show-dashboard.js';
