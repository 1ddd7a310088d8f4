import {setFlagsFromString} from 'node:v8';

// V8 compiles a function with its optimizing compiler (TurboFan, on threads of its own) once the
// function has run its interrupt budget of bytecode: 66 KB by default, made for code that runs
// often. A dashboard at rest runs most of its code once a second, so in its first minutes V8
// compiled one function after another, each for a frame a second: as much CPU again as the
// frames themselves (bench: 0.6–0.8 % of a core of the 2 % it took, just started). Ten times the
// budget keeps that code in V8's baseline tiers at rest, while what runs hot (a flood of values,
// the keys) still reaches the budget within a few frames and is optimized as before.
const interruptBudget = 10 * 67_584;

/** Sets V8's interrupt budget for a dashboard: for the CLI's dashboards only, never a program's. */
export function frugalJit(): void {
	setFlagsFromString(`--interrupt-budget=${interruptBudget}`);
}
