import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';

const bundle = new URL('../../source/ui/bundle.js', import.meta.url);

test('the dashboard bundle holds Ink and React, but imports the core from dist: one copy of each class', () => {
	const code = readFileSync(bundle, 'utf8');
	expect(code).toContain('node_modules/ink/build/output.js');
	expect(code).toContain('node_modules/react-reconciler/');
	expect(code).toMatch(/^import \{ SnapshotStore \} from "\.\.\/core\/snapshot\/index\.js";$/m);
	expect(code).toMatch(/^import \{ runScenario \} from "\.\.\/scenarios\/run\.js";$/m);
	// No class of the core is defined inside it
	expect(code).not.toMatch(/\bclass (SnapshotStore|EventBus|Process|Orchestrator)\b/);
	// React's production build only
	expect(code).not.toContain('react-reconciler.development');
});

test('the bundle loads and gives the dashboard', async () => {
	const {runDashboard, runReplayDashboard} = (await import(
		bundle.href
	)) as typeof import('../../source/ui/dashboard.js');
	expect(typeof runDashboard).toBe('function');
	expect(typeof runReplayDashboard).toBe('function');
});
