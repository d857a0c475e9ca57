import type { FieldSpec, SchemaSlice } from './spec.js';
import { inputSlice, riskSlice, signalsSlice } from './slices/signals.js';
import { gatesSlice } from './slices/gates.js';
import { sourcesSlice } from './slices/sources.js';
import { outputsSlice } from './slices/outputs.js';
import { storeSlice } from './slices/store.js';
import { streamSlice } from './slices/stream.js';
import { confidenceSlice } from './slices/confidence.js';
import { scanSlice } from './slices/scan.js';
import { busSlice } from './slices/bus.js';

// One schema for every setting. Each area keeps its keys in its own slice file; add a slice here.
const slices: SchemaSlice[] = [signalsSlice, riskSlice, inputSlice, gatesSlice, sourcesSlice, outputsSlice, storeSlice, streamSlice, confidenceSlice, scanSlice, busSlice];

export const schema: Readonly<Record<string, FieldSpec>> = Object.freeze(Object.assign({}, ...slices));

export function specFor(key: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
}
