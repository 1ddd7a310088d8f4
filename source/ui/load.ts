import {existsSync} from 'node:fs';

// How the dashboard is loaded, by the CLI and by showDashboard alike: nothing here imports Ink
// until asked to.

/** The dashboard's entry points. */
export type Dashboard = typeof import('./dashboard.js');

// The dashboard as `npm run build` bundles it, with Ink and React in one file (several times
// faster to load); from source (tsx), where there is no bundle, as modules.
export async function loadDashboard(): Promise<Dashboard> {
	const bundle = new URL('./bundle.js', import.meta.url);
	if (existsSync(bundle)) return (await import(bundle.href)) as Dashboard;
	return import('./dashboard.js');
}

// Ink decides at import time, from CI=…, to draw only a last frame. A person at a real terminal
// wants the live dashboard whatever their environment says, so hide CI from Ink's check alone.
// Ink's colours (chalk) know FORCE_COLOR but not NO_COLOR (no-color.org): NO_COLOR becomes
// FORCE_COLOR=0 for that same check. The children still get the environment as it was.
// React, its reconciler and its scheduler pick their build at import time from NODE_ENV: the
// development build renders several times slower (most of an idle dashboard's CPU), so the
// import sees 'production'. The children still get the environment as it was.
export async function importInk<T>(load: () => Promise<T>): Promise<T> {
	const saved = {
		CI: process.env.CI,
		CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION,
		FORCE_COLOR: process.env.FORCE_COLOR,
		NODE_ENV: process.env.NODE_ENV,
	};
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
	process.env.NODE_ENV = 'production';
	try {
		return await load();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}
