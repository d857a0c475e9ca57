import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import type { GateCheck, IgnitionLine, LogLine } from '../../../src/domain/signals.js';
import type { AlertsConfig } from '../../../src/outputs/alerts/index.js';
import { sampleAlertLine } from '../../../src/outputs/alerts/index.js';

/** The defaults of the alerts slice (config/default.json) with overrides. */
export function alertsCfg(over: Partial<AlertsConfig> = {}): AlertsConfig {
  return { ...(loadConfig({ env: {} }).alerts as AlertsConfig), ...over };
}

/** An ignition like the sample's, with its id, token, event time, p and symbol chosen. */
export function ignition(o: { id: string; mint?: string | null; pool?: string | null; ts?: number; p?: number | null; symbol?: string | null; gates?: GateCheck[] }): IgnitionLine {
  const base = sampleAlertLine(0);
  return {
    ...base, id: o.id, ts: o.ts ?? base.ts, mint: o.mint === undefined ? base.mint : o.mint, pool: o.pool === undefined ? base.pool : o.pool,
    symbol: o.symbol === undefined ? 'CBRL' : o.symbol, gates: o.gates ?? base.gates,
    confidence: { ...base.confidence, p: o.p === undefined ? base.confidence.p : o.p, calibrated: o.p !== null },
  };
}

/** The golden replay of the bundled real sample (CBRL 1m candles): real signal lines. */
export function goldenLines(): LogLine[] {
  const text = readFileSync(join(process.cwd(), 'test', 'fixtures', 'golden', 'cbrl-1m.jsonl'), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pump-alerts-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Symbols a hostile minter could choose: markup of both chat apps, mentions, links, escapes, floods. */
export const HOSTILE_SYMBOLS = [
  '@everyone',
  '<@123456789012345678>',
  '**PUMP**_now_',
  '[click](https://evil.example)',
  'https://evil.example/x',
  '<b>bold</b>&amp;',
  '</a><a href="x">',
  '\x1b[31mRED\x1b[0m',
  'a\u202eTXT',
  '`code`||spoiler||',
  '#hashtag /start @admin',
  '&lt;&#60;',
  'x'.repeat(5000),
];
