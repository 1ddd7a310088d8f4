import {Box, Text} from 'ink';
import type {ManagedRow, SharedSnapshot} from '../../core/snapshot/index.js';
import {cell, nameColumnWidth, truncate} from '../format.js';
import {Sparkline} from './Sparkline.js';

type Props = {
	/** Values and arrays to show. */
	readonly shared: SharedSnapshot;
	/** A Manager's dicts, lists and namespaces, shown after the arrays. */
	readonly managed?: readonly ManagedRow[];
	readonly width: number;
	/** Lines available for rows, not counting the title. */
	readonly height: number;
};

/**
 * The Shared panel: each value with its current value and a sparkline; arrays compact; a
 * Manager's objects with their size and last change.
 */
export function SharedPanel({shared, managed = [], width, height}: Props) {
	const {values, arrays} = shared;
	if (values.length === 0 && arrays.length === 0 && managed.length === 0) {
		return (
			<Text dimColor>
				<Text bold>Shared</Text> none
			</Text>
		);
	}
	// In a short terminal the panel may be its title alone, which then says how many it hides.
	const rows = Math.max(0, height);
	const shownValues = values.slice(0, rows);
	const shownArrays = arrays.slice(0, Math.max(0, rows - shownValues.length));
	const shownManaged = managed.slice(
		0,
		Math.max(0, rows - shownValues.length - shownArrays.length),
	);
	const nameWidth = nameColumnWidth(
		[
			...shownValues.map((row) => row.name),
			...shownArrays.map((row) => `${row.name}[${row.values.length}]`),
			...shownManaged.map((row) => row.name),
		],
		16,
		width,
	);
	const valueWidth = 14;
	const sparkWidth = Math.min(30, Math.max(8, width - nameWidth - valueWidth - 24));
	const shown = shownValues.length + shownArrays.length + shownManaged.length;
	const hidden = values.length + arrays.length + managed.length - shown;
	return (
		<Box flexDirection="column" width={width}>
			<Text>
				<Text bold>Shared</Text>
				{hidden > 0 && (
					<Text dimColor>
						{' '}
						· {shown} of {shown + hidden} shown
					</Text>
				)}
			</Text>
			{shownValues.map((row) => (
				<Text key={`v${row.id}`} wrap="truncate">
					{'  '}
					{cell(row.name, nameWidth)} <Text dimColor>{row.typecode}</Text>{' '}
					<Text bold>{cell(String(row.value), valueWidth, 'right')}</Text>{' '}
					<Sparkline points={row.history} width={sparkWidth} color="cyan" />{' '}
					<Text dimColor>
						{row.lastBy ? truncate(`by ${row.lastBy}`, Math.max(20, nameWidth + 3)) : ''}
					</Text>
				</Text>
			))}
			{shownArrays.map((row) => (
				<Text key={`a${row.id}`} wrap="truncate">
					{'  '}
					{cell(`${row.name}[${row.values.length}]`, nameWidth)}{' '}
					<Text dimColor>{row.typecode}</Text>{' '}
					{truncate(`[${row.values.join(', ')}]`, Math.max(10, width - nameWidth - 6))}
				</Text>
			))}
			{shownManaged.map((row) => (
				<Text key={`m${row.id}`} wrap="truncate">
					{'  '}
					{cell(row.name, nameWidth)} <Text dimColor>{row.kind}</Text> {managedSize(row)}
					<Text dimColor>{row.last ? ` · ${row.last.op} by ${row.last.by}` : ''}</Text>
				</Text>
			))}
		</Box>
	);
}

// What a Manager's object holds, one and many.
const sizeUnits = {
	dict: ['entry', 'entries'],
	list: ['item', 'items'],
	namespace: ['field', 'fields'],
} as const;

function managedSize(row: ManagedRow): string {
	const [one, many] = sizeUnits[row.kind];
	return `${row.size} ${row.size === 1 ? one : many}`;
}
