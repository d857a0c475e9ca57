import type { SchemaSlice } from '../spec.js';

export const outputsSlice: SchemaSlice = {
  'log.path': { type: 'string', description: 'JSONL signal log path; `-` writes to stdout (default cache/signals.jsonl)' },
  'log.types': {
    type: 'string[]',
    values: ['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss', 'status', 'dropped', 'bad_data'],
    description: 'Line types written to the JSONL log (default: all)',
  },
  'store.path': { type: 'string', description: 'SQLite store path (default cache/scanner.db)' },
  'replay.progress': { type: 'boolean', description: 'Progress bar on stderr during replay when stderr is a TTY (default true)' },
  'replay.windowEnd': {
    type: 'enum', values: ['series', 'clock'],
    description: 'File replays: a window or outcome horizon past its own series\' last data stays open at end of data (series), or the shared clock closes it (clock) (default series)',
  },
};
