// The dashboard's entry point, for the CLI: `npm run build` bundles it with Ink and React into
// dist/source/ui/bundle.js (see tools/bundle-dashboard.mjs), which Node loads several times faster
// than the hundred-odd modules it is made of.
export {runDashboard} from './run-dashboard.js';
export {runProgramDashboard} from './run-program.js';
export {runReplayDashboard} from './run-replay.js';
