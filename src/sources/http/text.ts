import { sanitizeText } from '../../domain/text.js';

// Token names and symbols are chosen by whoever mints the token: they are made inert at the edge with
// the project's one sanitiser, so nothing downstream can be tricked into rendering them.

/** Inert version of an untrusted display string (at most `max` columns), or null when nothing is left. */
export function inertText(v: unknown, max = 64): string | null {
  if (typeof v !== 'string') return null;
  const clean = sanitizeText(v, max);
  return clean === '' ? null : clean;
}
