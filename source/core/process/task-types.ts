// What the compiler knows of a task from its function's type: the arguments a Process, a Thread
// or a pool call must give it, and what it resolves to. A task made without a type (TaskFunction)
// takes anything and gives `unknown`, as it always has.
import type {TaskFunction} from '../ipc/messages.js';

// True for TaskFunction itself (a task made without a type), false for any real signature.
type IsUntyped<F extends TaskFunction> = [TaskFunction] extends [F] ? true : false;

/** The arguments of `F`: a Process's or Thread's `args`, `apply()`'s, a `starmap()` item. */
export type TaskArgs<F extends TaskFunction> =
	IsUntyped<F> extends true
		? readonly unknown[]
		: F extends (...args: infer A) => unknown
			? Readonly<A>
			: never;

/** A `map()` or `imap()` item of `F`: its one argument (never when it needs more than one). */
export type TaskItem<F extends TaskFunction> =
	IsUntyped<F> extends true ? unknown : F extends (item: infer A) => unknown ? A : never;

/** What a call of `F` resolves to: its return value, awaited. */
export type TaskResult<F extends TaskFunction> =
	IsUntyped<F> extends true
		? unknown
		: F extends (...args: never[]) => infer R
			? Awaited<R>
			: never;

/** The names of the functions a module of type `M` exports. */
export type TaskExports<M> = {
	[K in keyof M]: M[K] extends TaskFunction ? K : never;
}[keyof M] &
	string;

/** A `starmap()` item of `F`: its arguments (any iterable of anything for an untyped task). */
export type StarmapItem<F extends TaskFunction> =
	IsUntyped<F> extends true ? Iterable<unknown> : TaskArgs<F>;

// The default of a call's explicit result type: none was given.
declare const notGiven: unique symbol;

/** What a call's result type is when the caller gives none. */
export type NotGiven = typeof notGiven;

/**
 * What a call that says its own result type `R` (`pool.map<number>(…)`, as before tasks had
 * types) adds to its target's type: nothing when `R` was given and the task is untyped (or its
 * type was not inferred, as when `R` is written out), never otherwise — so that the signature
 * taking it serves only such calls, and a typed task's arguments are always checked, even when
 * the result is assigned to a declared type.
 */
export type Unchecked<R, F extends TaskFunction> = ([R] extends [NotGiven] ? never : unknown) &
	(IsUntyped<F> extends true ? unknown : never);
