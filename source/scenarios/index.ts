import {asyncCommands} from './async-commands.js';
import {barrier} from './barrier.js';
import {daemon} from './daemon.js';
import {deadlock} from './deadlock.js';
import {event} from './event.js';
import {exitCodes} from './exit-codes.js';
import {fork} from './fork.js';
import {joinTimeout} from './join-timeout.js';
import {lockCounter} from './lock-counter.js';
import {parallel} from './parallel.js';
import {pipe} from './pipe.js';
import {pool} from './pool.js';
import {poolCrash} from './pool-crash.js';
import {producerConsumer} from './producer-consumer.js';
import {race} from './race.js';
import type {Scenario} from './scenario.js';
import {semaphore} from './semaphore.js';
import {threads} from './threads.js';
import {tour} from './tour.js';

export type {PlayOptions, Scenario, ScenarioOutcome} from './scenario.js';

/** Every preset, in the order the menu and `procdash list` show them. */
export const scenarios: readonly Scenario[] = [
	tour,
	parallel,
	joinTimeout,
	daemon,
	fork,
	exitCodes,
	asyncCommands,
	lockCounter,
	race,
	threads,
	deadlock,
	pool,
	poolCrash,
	producerConsumer,
	pipe,
	barrier,
	semaphore,
	event,
];

/** The preset called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
	return scenarios.find((scenario) => scenario.name === name);
}
