// Secrets never reach logs, errors or the JSONL log. Every secret value the config holds is registered
// here when the config loads, and every text that leaves the process through a log goes through redact().

const secrets = new Set<string>();
const MASK = '***';

/** Remembers a secret so that redact() masks it wherever it appears. Short values are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Query parameter names whose values are credentials (RPC providers put keys in the URL). */
const KEYLIKE_PARAM = /([?&](?:api[-_]?key|x-api-key|key|token|access[-_]?token|auth|secret)=)[^&#\s"']+/gi;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi;
/** RPC providers also put the key in the path (`https://host/v2/<key>`); long opaque path segments are masked. */
const OPAQUE_PATH_SEGMENT = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s"']+(?:\/[^/\s"'?#]*)*?\/)([A-Za-z0-9_-]{24,})(?=[/?#\s"']|$)/g;

/** Masks credentials in a URL: user info, key-like query parameters and long opaque path segments. */
export function maskUrl(url: string): string {
  return url.replace(USERINFO, `$1${MASK}@`).replace(KEYLIKE_PARAM, `$1${MASK}`).replace(OPAQUE_PATH_SEGMENT, `$1${MASK}`);
}

/** Returns `text` with every registered secret and every credential-looking URL part masked. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(MASK);
  }
  return maskUrl(out);
}

/** For tests: forget registered secrets. */
export function clearSecrets(): void {
  secrets.clear();
}
