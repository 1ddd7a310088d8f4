import {joinTimeout} from './join-timeout.js';
import {parallel} from './parallel.js';
import {pool} from './pool.js';
import {poolCrash} from './pool-crash.js';
import type {Scenario} from './scenario.js';

export type {Scenario, ScenarioOutcome} from './scenario.js';

/** Every preset, in the order the menu and `procdash list` show them. */
export const scenarios: readonly Scenario[] = [parallel, joinTimeout, pool, poolCrash];

/** The preset called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
	return scenarios.find((scenario) => scenario.name === name);
}
