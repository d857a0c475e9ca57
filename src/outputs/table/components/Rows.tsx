import React, { memo, useContext } from 'react';
import { Box, Text } from 'ink';
import { GAP, headerCells, MARKER_WIDTH, rowCells, type Cell, type Column, type Tone } from '../columns.js';
import type { TableRow } from '../state.js';
import { ColorContext, Toned } from './tone.js';

const SPACER = ' '.repeat(GAP);

interface RowProps { row: TableRow; columns: readonly Column[]; now: number; selected: boolean }

/** Joins cells into runs of one tone, so a row is a few styled segments rather than one per cell. */
export function toneRuns(cells: readonly Cell[], gap: string, colored: boolean): Array<{ text: string; tone: Tone | null }> {
  const runs: Array<{ text: string; tone: Tone | null }> = [];
  cells.forEach((c, i) => {
    const tone = colored ? c.tone : null;
    const text = (i > 0 ? gap : '') + c.text;
    const last = runs[runs.length - 1];
    if (last && last.tone === tone) last.text += text;
    else runs.push({ text, tone });
  });
  return runs;
}

// Memoised: a row re-renders only when its data, the columns, the second, or the selection change.
const Row = memo(function Row({ row, columns, now, selected }: RowProps): React.JSX.Element {
  const color = useContext(ColorContext);
  const runs = toneRuns(rowCells(row, columns, now), SPACER, color && !selected);
  return (
    <Text wrap="truncate" inverse={selected && color}>
      {selected ? '> ' : ' '.repeat(MARKER_WIDTH)}
      {runs.map((r, i) => (r.tone ? <Toned key={i} tone={r.tone}>{r.text}</Toned> : r.text))}
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
  /** Shown when no row is visible. Default `no signals yet`. */
  emptyText?: string;
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
      {shown.length === 0 ? <Toned tone="gray">{`  ${props.emptyText ?? 'no signals yet'}`}</Toned> : null}
      {shown.map((k) => (
        <Row key={k} row={rows[k]} columns={columns} now={now} selected={k === selectedKey} />
      ))}
    </Box>
  );
}
