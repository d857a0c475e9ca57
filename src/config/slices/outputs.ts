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
};
