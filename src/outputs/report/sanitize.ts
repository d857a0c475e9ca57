import { sanitizeText as inert } from '../../domain/text.js';

/**
 * Token symbols and names are attacker-controlled: made inert by the shared sanitiser and cut to `max`
 * columns; null when nothing is left. HTML escaping happens separately, at rendering.
 */
export function sanitizeText(s: string | null | undefined, max = 32): string | null {
  if (s === null || s === undefined) return null;
  const out = inert(s, max);
  return out === '' ? null : out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
