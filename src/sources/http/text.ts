// Token names and symbols are chosen by whoever mints the token: strip terminal escapes and control
// characters at the edge so nothing downstream can be tricked into rendering them.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Inert version of an untrusted display string: no escapes, no control or bidi characters, at most `max` chars. */
export function inertText(v: string | null, max = 64): string | null {
  if (v === null) return null;
  const clean = v.replace(ESCAPES, '').replace(CONTROLS, '').trim();
  return clean === '' ? null : [...clean].slice(0, max).join('');
}
