/**
 * Token symbols and names are attacker-controlled. For display they lose terminal escape sequences and
 * control characters (C0, DEL, C1, bidi overrides) and are cut to `max` characters; HTML escaping
 * happens separately, at rendering.
 */
export function sanitizeText(s: string | null | undefined, max = 32): string | null {
  if (s === null || s === undefined) return null;
  const clean = s
    // CSI / OSC escape sequences, then any remaining control or bidi-control character.
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();
  const chars = Array.from(clean);
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : clean;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
