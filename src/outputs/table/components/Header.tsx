import React from 'react';
import { Box, Text } from 'ink';
import type { SourceState } from '../../../domain/index.js';
import type { Tone } from '../columns.js';
import { formatAge } from '../format.js';
import { sanitizeText } from '../../../domain/text.js';
import { allUnreachable, sourceCellText, summarizeSources, unreachableText, type SourceSummary } from '../sources-text.js';
import type { TableSnapshot } from '../store.js';
import { shownData } from '../state.js';
import { Toned } from './tone.js';

const STATE_LOOK: Record<SourceState, { text: string; tone: Tone }> = {
  ok: { text: 'ok', tone: 'green' },
  connecting: { text: 'connecting', tone: 'gray' },
  retrying: { text: 'retrying', tone: 'yellow' },
  rate_limited: { text: 'rate-limited', tone: 'yellow' },
  circuit_open: { text: 'circuit open', tone: 'red' },
  stale: { text: 'stale', tone: 'yellow' },
  blocked: { text: 'blocked', tone: 'red' },
  unreachable: { text: 'unreachable', tone: 'red' },
  failed: { text: 'failed', tone: 'red' },
  disabled: { text: 'disabled', tone: 'gray' },
};

function num(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

/** Pipeline figures and modes, then the health of every source (and a line in words when none connects). */
export function Header({ snap, width }: { snap: TableSnapshot; width: number }): React.JSX.Element {
  const { state, now, stats } = snap;
  const data = shownData(state);
  const tokens = stats.tokensTracked ?? data.tokensSeen.size;
  const lag = stats.newestInputLagMs ?? (data.newestTs !== null ? now - data.newestTs : null);
  const c = data.counts;
  const modes = `sort:${state.ui.sort}${state.ui.hideRejected ? '  rejected hidden' : ''}`;
  const ended = data.error ? `stream failed: ${sanitizeText(data.error, 60)}` : 'stream ended';
  const sources = summarizeSources(data.sources);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Toned tone="cyan" bold>pump-scanner</Toned>
        {state.ui.paused ? <Toned tone="yellow" bold> PAUSED</Toned> : null}
        {`  ${modes}  tokens ${tokens}  in/s ${num(stats.inputsPerSec, 1)}  lag ${lag === null ? '-' : formatAge(lag)}`}
        {`  signals ${c.signals}  rejected ${c.rejected}  near ${c.nearMisses}  dropped ${c.dropped}  bad ${c.badData}`}
        {data.ended ? <Toned tone={data.error ? 'red' : 'yellow'}>{`  ${ended}`}</Toned> : null}
      </Text>
      {allUnreachable(sources) ? (
        <Text wrap="truncate"><Toned tone="red" bold>{unreachableText(sources)}</Toned></Text>
      ) : null}
      <Text wrap="truncate">
        {sources.length === 0 ? <Toned tone="gray">no source status yet</Toned> : null}
        {sources.map((s: SourceSummary, i: number) => {
          const cell = sourceCellText(s, now);
          return (
            <React.Fragment key={s.source}>
              {i > 0 ? '  ' : ''}
              {cell.name}{' '}
              <Toned tone={(STATE_LOOK[s.state] ?? STATE_LOOK.disabled).tone}>{cell.state}</Toned>
              {cell.rest}
            </React.Fragment>
          );
        })}
      </Text>
    </Box>
  );
}
