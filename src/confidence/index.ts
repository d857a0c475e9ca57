export { confidenceFor, calibrationFromConfig, confidenceHook } from './hook.js';
export { FEATURE_NAMES, WEIGHTED_FEATURE_NAMES, SHAPE_FEATURE_NAMES, type ConfidenceConfig, type FeatureName } from './config.js';
export { computeFeatures } from './features.js';
export { rawScore, NORMALISERS } from './score.js';
export {
  loadCalibration, parseCalibration, calibratedP, CalibrationError, CALIBRATION_VERSION, CALIBRATION_VERSIONS,
  type Calibration, type CalibrationModel, type CalibrationCurve, type CalibrationMetrics, type SamplePeriod,
} from './calibration.js';
export { fitCalibration, timeSplit, evaluate, type Sample, type FitConfig, type FitOptions, type TimeSplit } from './fit.js';
export { fitLogistic, predictLogistic, logOdds, type LogisticModel, type LogisticSpec, type ModelTerm, type FeatureTransform } from './logistic.js';
export { fitModelSet, modelScore, KIND_FEATURE, type ModelSet, type ModelSpec } from './model.js';
export { fitModelCalibration, crossValidatedAuc, outOfFoldScores, MODEL_FOLDS } from './fit-model.js';
export { DEFAULT_MODEL_SPEC } from './model-spec.js';
export { screenFeatures } from './model.js';
export { expandingFolds, purgedFolds, timeBlocks } from './folds.js';
export { isotonicFit, toStepFunction, predictStep, type IsotonicBlock, type StepFunction } from './isotonic.js';
export * from './metrics.js';
export { SampleCollector, collectSamples, isSuccess, type SampleSet } from './samples.js';
export { runCalibrate, readLogFile, type CalibrateOptions, type CalibrateResult } from './run-calibrate.js';
