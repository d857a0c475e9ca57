import type { FieldSpec } from '../../src/config/spec.js';

// Wrong values derived from a key's spec, so the sweep covers every key the schema will ever hold.

/** Raw strings (as a flag or an environment variable gives them) that the key must refuse. */
export function wrongRaw(spec: FieldSpec): string[] {
  const out: string[] = [];
  const range = () => {
    if (spec.min !== undefined) out.push(String(spec.min - 1));
    if (spec.max !== undefined) out.push(String(spec.max + 1));
  };
  switch (spec.type) {
    case 'number':
      out.push('abc', 'NaN', 'Infinity', '');
      range();
      break;
    case 'integer':
      out.push('abc', '1e400', '');
      range();
      // Not whole, and inside the range where one exists, so only integer-ness is wrong.
      out.push(String((spec.min ?? 0) + 0.5));
      break;
    case 'boolean':
      out.push('maybe', '2', '');
      break;
    case 'enum':
      out.push('not-a-value', spec.values![0].toUpperCase() + 'x');
      break;
    case 'number[]': {
      const n = spec.minItems ?? 1;
      const ok = Array.from({ length: n }, (_, i) => String((spec.min ?? 0) + i + 1));
      out.push(ok.map(() => 'a').join(','));
      if (spec.minItems !== undefined && spec.minItems > 0) out.push(ok.slice(1).join(','));
      if (spec.maxItems !== undefined) out.push([...ok, ...ok].slice(0, spec.maxItems + 1).join(','));
      if (spec.min !== undefined) out.push([String(spec.min - 1), ...ok.slice(1)].join(','));
      break;
    }
    case 'string[]':
      if (spec.values) out.push('bogus', `${spec.values[0]},bogus`);
      if (spec.url) out.push('not a url', 'ftp://example.com/x');
      if (spec.address) out.push('abc', '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pum0', '1111111111111111111111111111111111111111111');
      break;
    case 'string':
      if (spec.url) out.push('not a url', 'ftp://example.com/x', '');
      if (spec.secret) out.push('two words', 'key\nwith-newline');
      if (spec.check) out.push(...spec.check.invalid);
      break;
  }
  return out;
}

/** A JSON value of the wrong type for the key (what a config file could hold). */
export function wrongJson(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return '12';
    case 'boolean':
      return 'yes';
    case 'string':
    case 'enum':
      return 42;
    case 'string[]':
      return 'x';
    case 'number[]':
      return ['a'];
  }
}

/** The key's default as a flag would spell it (lists comma-joined): a control that must be accepted. */
export function rawOf(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Nested object holding `value` at the dotted `key` (the shape of a config file). */
export function nested(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<string, unknown>;
}
