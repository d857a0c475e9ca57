import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type FieldSpec } from './spec.js';
import { schema, specFor } from './schema.js';
import { maskUrl, registerSecret } from './secrets.js';
import { addressProblem } from '../domain/mint.js';

/** The merged configuration. Its shape is exactly that of config/default.json. */
export type Config = typeof import('../../config/default.json');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Root of the installed package (holds config/ and samples/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG_DIR = join(PACKAGE_ROOT, 'config');
const ENV_PREFIX = 'PUMP_SCANNER_';
/** Environment variables with the prefix that are not config keys. */
const ENV_RESERVED = new Set(['PUMP_SCANNER_CONFIG', 'PUMP_SCANNER_DEBUG']);

export interface LoadOptions {
  /** Presets from config/<name>.json applied over the defaults, in order (`replay`). */
  presets?: string[];
  /** A local JSON file with overrides. */
  file?: string | null;
  /** Environment (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** `key=value` overrides from flags, applied last. */
  sets?: Array<[key: string, value: string, origin: string]>;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJsonFile(path: string, what: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(what, `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(what, `${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new ConfigError(what, `${what} ${path} must hold a JSON object`);
  return parsed;
}

/** Flattens nested objects to dotted keys; arrays are values. */
export function flatten(obj: JsonObject, prefix = '', out: Record<string, Json> = {}): Record<string, Json> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

function unflatten(flat: Record<string, Json>): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      if (!isObject(next)) node[parts[i]] = {};
      node = node[parts[i]] as JsonObject;
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

function describeExpected(spec: FieldSpec): string {
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? ` between ${spec.min} and ${spec.max}`
      : spec.min !== undefined
        ? ` >= ${spec.min}`
        : spec.max !== undefined
          ? ` <= ${spec.max}`
          : '';
  switch (spec.type) {
    case 'number': return `a number${range}`;
    case 'integer': return `a whole number${range}`;
    case 'boolean': return 'true or false';
    case 'string': return spec.check ? spec.check.expected : spec.url ? 'an http(s) or ws(s) URL' : spec.secret ? 'a string without spaces or control characters' : 'a string';
    case 'enum': return `one of ${spec.values!.join(', ')}`;
    case 'string[]': {
      if (spec.url) return 'a list of http(s) or ws(s) URLs';
      if (spec.address) return 'a list of Solana addresses (base58, 32 bytes)';
      return `a list of strings${spec.values ? ` from ${spec.values.join(', ')}` : ''}`;
    }
    case 'number[]': {
      const n = spec.minItems !== undefined && spec.minItems === spec.maxItems ? `${spec.minItems} ` : '';
      return `a list of ${n}numbers${range}`;
    }
  }
}

function show(value: unknown, spec: FieldSpec): string {
  if (spec.secret) return '"***"';
  const text = JSON.stringify(value);
  // A URL that does not parse escapes maskUrl's patterns, so long opaque runs (keys in paths) are masked too.
  return spec.url || spec.check?.masked ? maskUrl(text).replace(/[A-Za-z0-9_-]{24,}/g, '***') : text;
}

/** Turns a string from env or a flag into the key's type, or throws ConfigError naming the key. */
export function coerce(key: string, raw: string, origin: string): Json {
  const spec = specFor(key);
  if (!spec) throw new ConfigError(key, `unknown config key ${key} (from ${origin})`);
  const bad = (): never => {
    throw new ConfigError(key, `config key ${key}: expected ${describeExpected(spec)}, got ${show(raw, spec)} (from ${origin})`);
  };
  const num = (s: string): number => {
    const t = s.trim();
    if (t === '' || !Number.isFinite(Number(t))) bad();
    return Number(t);
  };
  switch (spec.type) {
    case 'number':
    case 'integer':
      return num(raw);
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(raw.trim())) return true;
      if (/^(false|0|no|off)$/i.test(raw.trim())) return false;
      return bad();
    case 'string':
    case 'enum':
      return raw;
    case 'string[]':
      return raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim());
    case 'number[]':
      return raw.trim() === '' ? [] : raw.split(',').map(num);
  }
}

const URL_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** Why a string is not acceptable for its spec beyond its type (a URL that does not parse, a bad address), or null. */
function stringProblem(s: string, spec: FieldSpec): string | null {
  if (spec.url) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return 'not a URL';
    }
    return URL_PROTOCOLS.has(url.protocol) ? null : `protocol ${url.protocol} is not http(s) or ws(s)`;
  }
  if (spec.address) return addressProblem(s);
  if (spec.check) return spec.check.problem(s);
  // A key with a space or control character (a pasted newline) can never authenticate and breaks the header.
  if (spec.secret && /[\s\x00-\x1f\x7f]/.test(s)) return 'contains spaces or control characters';
  return null;
}

/** Checks one value against its spec; throws ConfigError naming the key and the expected value. */
export function validateValue(key: string, value: unknown, origin: string): void {
  const spec = specFor(key);
  if (!spec) throw new ConfigError(key, `unknown config key ${key} (in ${origin})`);
  const fail = (why?: string): never => {
    throw new ConfigError(key, `config key ${key}: expected ${describeExpected(spec)}, got ${show(value, spec)}${why ? ` (${why})` : ''} (in ${origin})`);
  };
  const inRange = (n: unknown, integer: boolean) =>
    typeof n === 'number' &&
    Number.isFinite(n) &&
    (!integer || Number.isInteger(n)) &&
    (spec.min === undefined || n >= spec.min) &&
    (spec.max === undefined || n <= spec.max);
  switch (spec.type) {
    case 'number':
      if (!inRange(value, false)) fail();
      return;
    case 'integer':
      if (!inRange(value, true)) fail();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
    case 'string': {
      if (typeof value !== 'string') fail();
      // An empty key means "not configured" (an unkeyed source); anything else must be well formed.
      const problem = value === '' && !spec.url && !spec.check ? null : stringProblem(value as string, spec);
      if (problem) fail(problem);
      return;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values!.includes(value)) fail();
      return;
    case 'string[]':
    case 'number[]': {
      if (!Array.isArray(value)) fail();
      const arr = value as unknown[];
      if (spec.minItems !== undefined && arr.length < spec.minItems) fail();
      if (spec.maxItems !== undefined && arr.length > spec.maxItems) fail();
      for (const el of arr) {
        if (spec.type === 'number[]' ? !inRange(el, false) : typeof el !== 'string') fail();
        if (spec.type === 'string[]' && spec.values && !spec.values.includes(el as string)) fail();
        if (spec.type === 'string[]') {
          const problem = stringProblem(el as string, spec);
          if (problem) fail(`${show(el, spec)}: ${problem}`);
        }
      }
      return;
    }
  }
}

/** Generic environment variable name of a key: signals.ignition.minChangePct -> PUMP_SCANNER_SIGNALS__IGNITION__MIN_CHANGE_PCT. */
export function envNameFor(key: string): string {
  return ENV_PREFIX + key.split('.').map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('__');
}

function overlay(flat: Record<string, Json>, layer: JsonObject, origin: string): void {
  for (const [key, value] of Object.entries(flatten(layer))) {
    if (!specFor(key)) throw new ConfigError(key, `unknown config key ${key} (in ${origin})`);
    validateValue(key, value, origin);
    flat[key] = value;
  }
}

/**
 * Builds the configuration: config/default.json <- presets <- local file <- environment <- flags.
 * Every layer is validated as it is applied, so an error names the key, the expected value and where
 * the bad value came from. Secrets are registered for redaction.
 */
export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const flat = flatten(readJsonFile(join(CONFIG_DIR, 'default.json'), 'default config'));
  for (const key of Object.keys(schema)) {
    if (!(key in flat)) throw new ConfigError(key, `config/default.json lacks ${key}`);
  }
  overlay(flat, {}, 'defaults');
  for (const [key, value] of Object.entries(flat)) validateValue(key, value, 'config/default.json');

  for (const preset of opts.presets ?? []) {
    overlay(flat, readJsonFile(join(CONFIG_DIR, `${preset}.json`), `preset ${preset}`), `config/${preset}.json`);
  }
  const file = opts.file ?? env.PUMP_SCANNER_CONFIG ?? null;
  if (file) {
    if (!existsSync(file)) throw new ConfigError('--config', `config file ${file} does not exist`);
    overlay(flat, readJsonFile(file, 'config file'), file);
  }

  const envNames = new Map<string, string>();
  for (const [key, spec] of Object.entries(schema)) {
    envNames.set(envNameFor(key), key);
    if (spec.env) envNames.set(spec.env, key);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined) continue;
    const key = envNames.get(name);
    if (!key) {
      if (name.startsWith(ENV_PREFIX) && !ENV_RESERVED.has(name)) {
        throw new ConfigError(name, `unknown environment variable ${name}: it names no config key`);
      }
      continue;
    }
    const value = coerce(key, raw, `environment ${name}`);
    validateValue(key, value, `environment ${name}`);
    flat[key] = value;
  }

  for (const [key, raw, origin] of opts.sets ?? []) {
    const value = coerce(key, raw, origin);
    validateValue(key, value, origin);
    flat[key] = value;
  }

  for (const [key, spec] of Object.entries(schema)) {
    if (spec.secret && typeof flat[key] === 'string') registerSecret(flat[key] as string);
  }
  return unflatten(flat) as unknown as Config;
}

/** The merged config as JSON with secrets masked, for --print-config. */
export function printableConfig(cfg: Config): string {
  const flat = flatten(cfg as unknown as JsonObject);
  for (const [key, value] of Object.entries(flat)) {
    const spec = specFor(key);
    if (spec?.secret) flat[key] = value === '' ? '' : '***';
    else if ((spec?.url || spec?.check?.masked) && typeof value === 'string') flat[key] = maskUrl(value);
    else if (spec?.url && Array.isArray(value)) flat[key] = value.map((v) => (typeof v === 'string' ? maskUrl(v) : v));
  }
  return JSON.stringify(unflatten(flat), null, 2);
}
