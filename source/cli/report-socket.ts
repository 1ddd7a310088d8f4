import {lstatSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {createConnection, createServer, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {reportVariable} from '../core/report/protocol.js';
import {pythonInstrumentEnv} from '../core/report/python-path.js';
import {ReportReceiver} from '../core/report/receiver.js';
import {findReportingRoot} from '../core/report/tree.js';

const prefix = 'procdash-report-';
const socketName = 'report.sock';

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
	sweepStaleChannels();
	const directory = mkdtempSync(path.join(tmpdir(), prefix));
	const socketPath = path.join(directory, socketName);
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
			// A Python command finds procdash's reporter on its path; any other ignores it.
			return pythonInstrumentEnv({...env, [reportVariable]: socketPath});
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			removeDirectory();
			process.off('exit', removeDirectory);
		},
	};
}

/**
 * Removes the channels of procdash runs that ended without removing theirs (SIGKILL, which no
 * handler sees): a directory of ours whose socket no longer answers. In the background; whatever
 * fails is left as it was.
 */
function sweepStaleChannels(): void {
	let names: string[];
	try {
		names = readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));
	} catch {
		return;
	}
	for (const name of names) {
		const directory = path.join(tmpdir(), name);
		const socketPath = path.join(directory, socketName);
		try {
			// Only this user's sockets: another user's directory is not ours to look into.
			const stat = lstatSync(socketPath);
			if (!stat.isSocket() || stat.uid !== process.getuid?.()) continue;
		} catch {
			continue;
		}
		// Answered at once either way (a Unix socket's connect does not wait for an accept).
		const probe = createConnection(socketPath);
		probe.once('connect', () => probe.destroy());
		probe.once('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ECONNREFUSED') rmSync(directory, {recursive: true, force: true});
		});
	}
}
