import React, { useLayoutEffect, useRef } from 'react';
import { Static, Text } from 'ink';
import type { Tone } from '../columns.js';
import { formatSignalLine } from '../lines.js';
import { truncateToWidth } from '../../../domain/text.js';
import type { PanelLine, RecentItem } from '../state.js';
import { Toned } from './tone.js';

function lineTone(line: PanelLine): Tone {
  switch (line.type) {
    case 'ignition': return 'cyan';
    case 'confirmation': return 'green';
    case 'fade': return 'yellow';
    case 'rejected': return 'red';
    case 'outcome': return line.result === 'SL' ? 'red' : line.result === 'TIMEOUT' ? 'yellow' : 'green';
  }
}

/**
 * Append-only panel of signal lines above the table (Ink `<Static>`: written once, then left in the
 * scrollback). The state keeps only the latest lines, so each batch of new lines gets its own `<Static>`
 * (keyed by its first sequence number) and lines already written are never passed again.
 */
export function RecentPanel({ recent, width }: { recent: readonly RecentItem[]; width: number }): React.JSX.Element {
  const written = useRef(0);
  const batchKey = useRef(0);
  const fresh = recent.filter((r) => r.seq > written.current);
  const last = fresh.length > 0 ? fresh[fresh.length - 1].seq : written.current;
  if (fresh.length > 0 && batchKey.current <= written.current) batchKey.current = fresh[0].seq;
  useLayoutEffect(() => {
    written.current = Math.max(written.current, last);
  });
  return (
    <Static key={batchKey.current} items={fresh}>
      {(item) => (
        <Text key={item.seq} wrap="truncate">
          <Toned tone={lineTone(item.line)}>{truncateToWidth(formatSignalLine(item.line), Math.max(10, width - 1))}</Toned>
        </Text>
      )}
    </Static>
  );
}
