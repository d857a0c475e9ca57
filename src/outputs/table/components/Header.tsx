import React from 'react';
import { Box, Text } from 'ink';
import type { SourceState } from '../../../domain/index.js';
import type { Tone } from '../columns.js';
import { formatAge } from '../format.js';
import { sanitizeText } from '../../../domain/text.js';
import { summarizeSources, type SourceSummary } from '../sources.js';
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
  failed: { text: 'failed', tone: 'red' },
  disabled: { text: 'disabled', tone: 'gray' },
};

function rateText(s: SourceSummary): string {
  if (s.ratePerMin === null) return '';
  const rate = Math.round(s.ratePerMin);
  return s.budgetPerMin !== null ? ` ${rate}/${Math.round(s.budgetPerMin)}rpm` : ` ${rate}rpm`;
}

function stateText(s: SourceSummary, now: number): string {
  const look = STATE_LOOK[s.state] ?? { text: sanitizeText(s.state, 12), tone: 'gray' };
  const waitMs = s.nextAttemptAt === null ? 0 : s.nextAttemptAt - now;
  const waiting = (s.state === 'rate_limited' || s.state === 'circuit_open') && waitMs > 0;
  return waiting ? `${look.text} ${formatAge(waitMs)}` : look.text;
}

function num(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

/** Two lines: pipeline figures and modes, then the health of every source. */
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
        {`  ${modes}  tokens ${tokens}  in/s ${num(stats.inputsPerSec, 1)}  lag ${lag === null ? '-' : formatAge(lag)}${stats.chain ? `  ${sanitizeText(stats.chain, 60)}` : ''}`}
        {`  signals ${c.signals}  rejected ${c.rejected}  near ${c.nearMisses}  dropped ${c.dropped}  bad ${c.badData}`}
        {data.ended ? <Toned tone={data.error ? 'red' : 'yellow'}>{`  ${ended}`}</Toned> : null}
      </Text>
      <Text wrap="truncate">
        {sources.length === 0 ? <Toned tone="gray">no source status yet</Toned> : null}
        {sources.map((s, i) => (
          <React.Fragment key={s.source}>
            {i > 0 ? '  ' : ''}
            {sanitizeText(s.source, 16)}{' '}
            <Toned tone={(STATE_LOOK[s.state] ?? STATE_LOOK.disabled).tone}>{stateText(s, now)}</Toned>
            {rateText(s)}
          </React.Fragment>
        ))}
      </Text>
    </Box>
  );
}
