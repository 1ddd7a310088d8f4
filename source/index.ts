// The public API: what `import … from 'procdash'` gives.
export {
	DaemonError,
	LockReleaseError,
	ProcessLimitError,
	ProcessStateError,
	RemoteError,
} from './core/errors.js';
export type {
	Actor,
	BusEvent,
	DeadlockLink,
	ErrorInfo,
	EventMap,
	EventOf,
	EventType,
	ProcessKind,
	ProcessStats,
} from './core/events.js';
export {EventBus} from './core/events.js';
export type {ForkOptions} from './core/fork.js';
export {fork} from './core/fork.js';
export type {TaskTarget} from './core/ipc.js';
export type {OrchestratorOptions, StopOutcome} from './core/orchestrator.js';
export {createOrchestrator, defaultOrchestrator, Orchestrator} from './core/orchestrator.js';
export type {ProcessOptions} from './core/process.js';
export {Process} from './core/process.js';
export type {ProcessInfo} from './core/runtime/current.js';
export {currentProcess, parentProcess} from './core/runtime/current.js';
export {SharedArray} from './core/shared/array.js';
export type {AcquireOptions} from './core/shared/lock.js';
export {Lock} from './core/shared/lock.js';
export type {SharedOptions} from './core/shared/options.js';
export type {Scalar, Typecode} from './core/shared/typecodes.js';
export {Value} from './core/shared/value.js';
export type {DescendantRow, ProcessRow, ProcessState, Snapshot} from './core/snapshot.js';
export {emptySnapshot, fold, reduce} from './core/snapshot.js';
export {SnapshotStore} from './core/store.js';
export {task} from './core/task.js';
