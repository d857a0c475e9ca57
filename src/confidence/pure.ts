import type { Confidence, SignalContext } from '../domain/index.js';

/**
 * Confidence hooks known to be pure functions of their context (confidenceHook() makes them): calling one
 * changes nothing outside it, so the engine's JIT warm-up (run/engine-warm.ts) may call it on made-up signals
 * and compile the scoring code before the first real signal. Any other hook (a caller's wrapper that counts,
 * logs or caches) is never called by the warm-up.
 */
const pure = new WeakSet<(ctx: SignalContext) => Confidence>();

export function markPureConfidence<F extends (ctx: SignalContext) => Confidence>(hook: F): F {
  pure.add(hook);
  return hook;
}

export const isPureConfidence = (hook: ((ctx: SignalContext) => Confidence) | undefined): boolean => hook !== undefined && pure.has(hook);
