// Candidate score models compared by bench/confidence-research.ts (cross-validation inside the fit period).
import type { LogisticSpec } from '../src/confidence/logistic.js';
import type { ModelSpec } from '../src/confidence/model.js';
import { DEFAULT_MODEL_SPEC } from '../src/confidence/model-spec.js';

const LEGACY: LogisticSpec[] = [{ name: 'volumeZ' }, { name: 'rsi' }, { name: 'smaSlope' }, { name: 'atrPercentile' }];
const SHAPE: LogisticSpec[] = [
  { name: 'atrPct', transform: 'log1p' }, { name: 'return1', transform: 'logReturn' }, { name: 'return3', transform: 'logReturn' },
  { name: 'return6', transform: 'logReturn' }, { name: 'fromHigh', transform: 'logReturn' }, { name: 'historyBars' },
  { name: 'volumeTrend' }, { name: 'closeLocation' }, { name: 'upperWick' }, { name: 'rangePct', transform: 'log1p' },
  { name: 'upBarsInRow' }, { name: 'volume5mRatio' }, { name: 'rangeToAtr', transform: 'log1p' },
  { name: 'recentRangeToAtr', transform: 'log1p' }, { name: 'ladderHistory' }, { name: 'moveToAtr', transform: 'log1p' },
];
const spec = (features: LogisticSpec[], l2: number, perKind = false): ModelSpec => ({ features, l2, perKind, minKindSamples: 40 });
const pick = (...names: string[]): LogisticSpec[] => [...LEGACY, ...SHAPE].filter((f) => names.includes(f.name));

export const CANDIDATES: Record<string, ModelSpec> = {
  shipped: DEFAULT_MODEL_SPEC,
  'legacy4 l2=1': spec(LEGACY, 1),
  'legacy4 perKind l2=1': spec(LEGACY, 1, true),
  'legacy4+atrPct l2=1': spec([...LEGACY, SHAPE[0]], 1),
  'all l2=1': spec([...LEGACY, ...SHAPE], 1),
  'all l2=10': spec([...LEGACY, ...SHAPE], 10),
  'all l2=30': spec([...LEGACY, ...SHAPE], 30),
  'all l2=100': spec([...LEGACY, ...SHAPE], 100),
  'all perKind l2=10': spec([...LEGACY, ...SHAPE], 10, true),
  'all perKind l2=30': spec([...LEGACY, ...SHAPE], 30, true),
  'shape l2=10': spec(SHAPE, 10),
  'top8 l2=10': spec(pick('rsi', 'rangeToAtr', 'return3', 'atrPct', 'volumeZ', 'smaSlope', 'atrPercentile', 'fromHigh'), 10),
  'top8 l2=30': spec(pick('rsi', 'rangeToAtr', 'return3', 'atrPct', 'volumeZ', 'smaSlope', 'atrPercentile', 'fromHigh'), 30),
  'top8 l2=100': spec(pick('rsi', 'rangeToAtr', 'return3', 'atrPct', 'volumeZ', 'smaSlope', 'atrPercentile', 'fromHigh'), 100),
  'top5 l2=30': spec(pick('rsi', 'rangeToAtr', 'return3', 'atrPct', 'volumeZ'), 30),
  'legacy4+rangeToAtr l2=30': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr'), 30),
  'all+ l2=300': spec([...LEGACY, ...SHAPE], 300),
  'screen3 l2=30': { ...spec([...LEGACY, ...SHAPE], 30), screen: 3 },
  'screen5 l2=30': { ...spec([...LEGACY, ...SHAPE], 30), screen: 5 },
  'screen5 l2=100': { ...spec([...LEGACY, ...SHAPE], 100), screen: 5 },
  'screen8 l2=30': { ...spec([...LEGACY, ...SHAPE], 30), screen: 8 },
  'screen8 l2=100': { ...spec([...LEGACY, ...SHAPE], 100), screen: 8 },
  'screen5 perKind l2=30': { ...spec([...LEGACY, ...SHAPE], 30, true), screen: 5 },
  'all l2=1000': spec([...LEGACY, ...SHAPE], 1000),
  'legacy4 l2=1000': spec(LEGACY, 1000),
  'vol: legacy4+ranges l2=100': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr'), 100),
  'vol: legacy4+ranges l2=1000': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr'), 1000),
  'vol: legacy4+ranges l2=30': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr'), 30),
  'vol: legacy4+ranges l2=300': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr'), 300),
  'vol: legacy4+ranges perKind l2=100': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr'), 100, true),
  'vol+trend l2=100': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr', 'return3', 'fromHigh', 'atrPct'), 100),
  'vol2 l2=100': spec(pick('volumeZ', 'rsi', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr'), 100),
  'vol+atrPct perKind l2=100': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr', 'atrPct'), 100, true),
  'vol+return6 perKind l2=100': spec(pick('volumeZ', 'rsi', 'smaSlope', 'atrPercentile', 'rangeToAtr', 'recentRangeToAtr', 'moveToAtr', 'return6'), 100, true),
  'score+ranges l2=10': spec([{ name: 'weightedScore' }, ...pick('rangeToAtr', 'recentRangeToAtr', 'moveToAtr')], 10),
  'score+ranges l2=100': spec([{ name: 'weightedScore' }, ...pick('rangeToAtr', 'recentRangeToAtr', 'moveToAtr')], 100),
  'score+rangeToAtr l2=10': spec([{ name: 'weightedScore' }, ...pick('rangeToAtr')], 10),
  'compact l2=10': spec(pick('volumeZ', 'rsi', 'atrPct', 'return1', 'return6', 'fromHigh', 'historyBars', 'closeLocation', 'upperWick'), 10),
};
