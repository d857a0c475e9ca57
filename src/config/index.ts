export { ConfigError, type FieldSpec, type SchemaSlice } from './spec.js';
export { schema, specFor } from './schema.js';
export { loadConfig, printableConfig, envNameFor, PACKAGE_ROOT, type Config, type LoadOptions } from './load.js';
export { redact, registerSecret, maskUrl } from './secrets.js';
