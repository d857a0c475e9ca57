import React, { memo, useContext } from 'react';
import { Box, Text } from 'ink';
import { GAP, headerCells, MARKER_WIDTH, rowCells, type Column } from '../columns.js';
import type { TableRow } from '../state.js';
import { ColorContext, Toned } from './tone.js';

const SPACER = ' '.repeat(GAP);

interface RowProps { row: TableRow; columns: readonly Column[]; now: number; selected: boolean }

// Memoised: a row re-renders only when its data, the columns, the second, or the selection change.
const Row = memo(function Row({ row, columns, now, selected }: RowProps): React.JSX.Element {
  const color = useContext(ColorContext);
  const cells = rowCells(row, columns, now);
  return (
    <Text wrap="truncate" inverse={selected && color}>
      {selected ? '> ' : ' '.repeat(MARKER_WIDTH)}
      {cells.map((c, i) => (
        <React.Fragment key={columns[i].id}>
          {i > 0 ? SPACER : ''}
          <Toned tone={selected && color ? null : c.tone}>{c.text}</Toned>
        </React.Fragment>
      ))}
    </Text>
  );
});

/** Picks the first row shown so the selection stays visible and the window moves as little as possible. */
export function windowStart(prevStart: number, selectedIndex: number, height: number, total: number): number {
  if (height <= 0) return 0;
  let start = Math.min(prevStart, Math.max(0, total - height));
  if (selectedIndex < start) start = selectedIndex;
  if (selectedIndex >= start + height) start = selectedIndex - height + 1;
  return Math.max(0, start);
}

export interface RowsProps {
  rows: Readonly<Record<string, TableRow>>;
  keys: readonly string[];
  start: number;
  height: number;
  selectedKey: string | null;
  columns: readonly Column[];
  now: number;
}

/** The column titles and the visible slice of rows. */
export function Rows(props: RowsProps): React.JSX.Element {
  const { rows, keys, start, height, selectedKey, columns, now } = props;
  const shown = keys.slice(start, start + Math.max(0, height));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {' '.repeat(MARKER_WIDTH)}
        <Toned tone={null} bold>{headerCells(columns).join(SPACER)}</Toned>
      </Text>
      {shown.length === 0 ? <Toned tone="gray">  no signals yet</Toned> : null}
      {shown.map((k) => (
        <Row key={k} row={rows[k]} columns={columns} now={now} selected={k === selectedKey} />
      ))}
    </Box>
  );
}
