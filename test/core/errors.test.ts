import {expect, test} from 'vitest';
import {UsageError} from '../../source/cli/args.js';
import {ConfigError} from '../../source/config/types.js';
import {CommandLineError} from '../../source/core/process/command-line.js';
import {
	DaemonError,
	InputError,
	LockReleaseError,
	PoolBrokenError,
	PoolStateError,
	PoolTerminatedError,
	ProcdashError,
	ProcessLimitError,
	ProcessStateError,
	RemoteError,
	SpawnError,
	TaskLoadError,
	WorkerDiedError,
} from '../../source/index.js';
import {RecordingError} from '../../source/recording/recorder.js';

const death = {
	worker: 'PoolWorker-1',
	pid: 1,
	exitcode: -9,
	signal: 'SIGKILL' as const,
	taskId: 1,
	call: 'map(tasks.js#square)',
	items: [0, 0] as const,
};

test('every error procdash throws is a ProcdashError with a fixed name', () => {
	const errors: [Error, string][] = [
		[new ProcessStateError('x'), 'ProcessStateError'],
		[new DaemonError(), 'DaemonError'],
		[new PoolStateError('x'), 'PoolStateError'],
		[new PoolTerminatedError('x'), 'PoolTerminatedError'],
		[new WorkerDiedError(death), 'WorkerDiedError'],
		[new ProcessLimitError('x'), 'ProcessLimitError'],
		[new LockReleaseError('x'), 'LockReleaseError'],
		[new RemoteError({name: 'ValueError', message: 'x'}), 'ValueError'],
		[new TaskLoadError('x'), 'TaskLoadError'],
		[new SpawnError('x', {code: 'ENOENT'}), 'SpawnError'],
		[new PoolBrokenError('x'), 'PoolBrokenError'],
		[new InputError('x'), 'InputError'],
		[new UsageError('x'), 'UsageError'],
		[new ConfigError(['f.yaml:1:1: x']), 'ConfigError'],
		[new RecordingError('x'), 'RecordingError'],
		[new CommandLineError('x'), 'CommandLineError'],
	];
	for (const [error, name] of errors) {
		expect(error).toBeInstanceOf(ProcdashError);
		expect(error.name).toBe(name);
	}
});

test('the errors a user of the command meets are InputErrors that carry their exit code', () => {
	for (const error of [
		new UsageError('x'),
		new ConfigError(['f.yaml:1:1: x']),
		new RecordingError('x'),
		new CommandLineError('x'),
	]) {
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).exitcode).toBe(2);
	}
	// A scenario file's problems start with their place; the others get the command's name.
	expect(new ConfigError(['f.yaml:1:1: x']).located).toBe(true);
	expect(new UsageError('x').located).toBe(false);
	expect(new InputError('x', {exitcode: 3}).exitcode).toBe(3);
	// Errors of the library are not the command's to print.
	expect(new PoolStateError('x')).not.toBeInstanceOf(InputError);
});
