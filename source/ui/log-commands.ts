import type {CommandTargets} from './command-targets.js';
import {stepMatch} from './log-search.js';

// The keys of the log view: `/` searches (as it is typed), n / N the next and previous match.

/** n (by 1) and N (by −1) in the log: the next or previous match, scrolled to; or why there is none. */
export function stepSearch({view, dispatch, logLines}: CommandTargets, by: 1 | -1 | 0) {
	if (view.search === '') return dispatch({type: 'say', message: 'no search: / searches this log'});
	const next = stepMatch(logLines, view.search, view.matchSeq, by);
	if (!next)
		return dispatch({type: 'say', message: `no line matches '${view.search}' in this log`});
	dispatch({type: 'match', ...next});
}

/** Enter and Esc in the search prompt: keep the search (shown from its newest match) or clear it. */
export function searchPrompt(command: 'submit' | 'back', targets: CommandTargets) {
	const {dispatch, view} = targets;
	if (command === 'back') return dispatch({type: 'clear-search'});
	dispatch({type: 'apply-search'});
	if (view.draft.trim() !== '')
		stepSearch({...targets, view: {...view, search: view.draft.trim()}}, 0);
}
