/** Type of a config value. Arrays are given on the command line and in env as comma-separated lists. */
export type FieldType = 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'string[]' | 'number[]';

/** Schema entry for one config key (a dotted path such as `signals.ignition.minChangePct`). */
export interface FieldSpec {
  type: FieldType;
  /** One line for `--help`, the README config table and error messages. Say the unit. */
  description: string;
  min?: number;
  max?: number;
  /** Allowed values for `enum`, or for each element of `string[]` when set. */
  values?: readonly string[];
  minItems?: number;
  maxItems?: number;
  /** Masked in `--print-config`, never logged. */
  secret?: boolean;
  /** Well-known environment variable that sets this key (besides the generic PUMP_SCANNER_* form). */
  env?: string;
  /**
   * The value is a URL (http, https, ws or wss; each element for lists); credentials in it (user info,
   * key-like query parameters) are masked.
   */
  url?: boolean;
  /** Each element is a Solana address (base58 of 32 bytes), checked when the config loads. */
  address?: boolean;
  /**
   * A string key's own rule: what is wrong with a value, or null. `expected` says what is accepted (error
   * messages) and `invalid` holds values it refuses (the hardening sweep tries them).
   */
  check?: { problem: (value: string) => string | null; expected: string; invalid: readonly string[]; /** Mask credentials as in URLs. */ masked?: boolean };
}

/** A slice of the schema: full dotted key -> spec. One file per area under `slices/`. */
export type SchemaSlice = Record<string, FieldSpec>;

/** Stable error for any bad setting, whatever layer it came from. The CLI exits 2 on it. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
