// Validation of the `model` block of a version-2 calibration file: every check names what is wrong.
import type { LogisticModel } from './logistic.js';

const TRANSFORMS = ['none', 'log1p', 'logReturn'];
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkLogistic(m: unknown, where: string, fail: (why: string) => never): void {
  const model = m as Partial<LogisticModel> | null;
  if (!model || typeof model !== 'object') fail(`${where} is missing`);
  const { intercept, terms } = model as LogisticModel;
  if (!finite(intercept)) fail(`${where}.intercept is not a finite number`);
  if (!Array.isArray(terms)) fail(`${where}.terms is not an array`);
  terms.forEach((t, i) => {
    const at = `${where}.terms[${i}]`;
    if (!t || typeof t !== 'object' || typeof t.name !== 'string' || t.name === '') fail(`${at} has no name`);
    if (!TRANSFORMS.includes(t.transform)) fail(`${at} (${t.name}) has unknown transform ${JSON.stringify(t.transform)}`);
    for (const k of ['lo', 'hi', 'mean', 'sd', 'coef'] as const) if (!finite(t[k])) fail(`${at} (${t.name}).${k} is not a finite number`);
    if (t.lo > t.hi || t.sd < 0) fail(`${at} (${t.name}) has lo > hi or a negative sd`);
    if (t.missingCoef !== null && !finite(t.missingCoef)) fail(`${at} (${t.name}).missingCoef is neither null nor a finite number`);
  });
}

/** Throws through `fail` unless `m` is a well-formed CalibrationModel. */
export function checkModel(m: unknown, fail: (why: string) => never): void {
  const model = m as { type?: unknown; features?: unknown; models?: Record<string, unknown> } | null | undefined;
  if (!model || typeof model !== 'object') fail('a version 2 file needs a model');
  if (model.type !== 'logistic_l2') fail(`unknown model type ${JSON.stringify(model.type)}`);
  if (!Array.isArray(model.features) || !model.features.every((f) => typeof f === 'string')) fail('model.features is not a list of names');
  if (!model.models || typeof model.models !== 'object') fail('model.models is missing');
  checkLogistic(model.models.all, 'model.models.all', fail);
  for (const k of ['ignition', 'confirmation']) if (model.models[k] !== undefined) checkLogistic(model.models[k], `model.models.${k}`, fail);
}
