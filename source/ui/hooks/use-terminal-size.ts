import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/** The terminal's size, from Ink's stdout, updated when it is resized. */
export type TerminalSize = {readonly columns: number; readonly rows: number};

/** Columns and rows of the terminal Ink renders to; 80×24 when the stream does not say. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize({columns: stdout.columns || 80, rows: stdout.rows || 24});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
