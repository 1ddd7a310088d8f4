import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {reportVariable} from '../core/report/protocol.js';
import {ReportReceiver} from '../core/report/receiver.js';
import {findReportingRoot} from '../core/report/tree.js';

/** The report channel of one procdash run: one listening socket, in a directory of its own. */
export type ReportChannel = {
	/** The socket's absolute path: what `PROCDASH_REPORT` names. */
	readonly socketPath: string;
	/** Folds in the reports of the commands `orchestrator` starts, and gives them the channel. */
	readonly attach: (orchestrator: Orchestrator) => void;
	/** A command's environment, with the channel named in it. */
	readonly commandEnv: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
	/** Closes every connection and the socket, and removes its directory. */
	readonly close: () => Promise<void>;
};

/**
 * Opens the report channel (docs/watch-your-program.md#the-report-channel): a Unix socket in a
 * directory only this user can enter (mkdtemp makes it 0700), removed when procdash stops —
 * however it stops, short of SIGKILL.
 */
export async function openReportChannel(): Promise<ReportChannel> {
	const directory = mkdtempSync(path.join(tmpdir(), 'procdash-'));
	const socketPath = path.join(directory, 'report.sock');
	const removeDirectory = () => rmSync(directory, {recursive: true, force: true});
	process.once('exit', removeDirectory);
	const orchestrators = new Set<Orchestrator>();
	const receiver = new ReportReceiver((pid) => findReportingRoot(pid, orchestrators));
	const sockets = new Set<Socket>();
	const server = createServer((socket) => {
		const connection = receiver.connection({close: () => socket.destroy()});
		if (!connection) {
			socket.destroy();
			return;
		}
		sockets.add(socket);
		socket.on('data', (chunk: Buffer) => connection.receive(chunk));
		socket.on('error', () => socket.destroy());
		socket.on('close', () => {
			sockets.delete(socket);
			connection.ended();
		});
	});
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(socketPath, () => resolve());
		});
	} catch (error) {
		removeDirectory();
		process.off('exit', removeDirectory);
		throw error;
	}
	// The socket is there for the commands; it does not keep procdash running.
	server.unref();
	return {
		socketPath,
		attach: (orchestrator) => orchestrators.add(orchestrator),
		commandEnv: (env) => {
			const reporting = {...env, [reportVariable]: socketPath};
			// python: pythonInstrumentEnv(env) joins here
			return reporting;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			removeDirectory();
			process.off('exit', removeDirectory);
		},
	};
}
