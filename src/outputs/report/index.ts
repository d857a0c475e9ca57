export { buildReport, headlineOf, ReportBuilder, type ReportOptions } from './build.js';
export { writeReport, headlineText, stopModesText } from './write.js';
export { renderHtml } from './html.js';
export { runSensitivity, sensitivityVariants, type SensitivityVariant, type SignalsConfig } from './sensitivity.js';
export { sanitizeText, escapeHtml } from './sanitize.js';
export type * from './types.js';
export { compareStopModes, stopModeRow, withStopMode, type RiskConfig } from './stop-modes.js';
