#!/usr/bin/env node
// Prints the README config table from the schema and config/default.json (run after `npm run build`).
import { readFileSync } from 'node:fs';
const { schema, envNameFor } = await import('../dist/src/config/index.js');
const defaults = JSON.parse(readFileSync('config/default.json', 'utf8'));
const get = (o, k) => k.split('.').reduce((a, p) => a?.[p], o);
console.log('| key | default | env | description |\n|---|---|---|---|');
for (const [key, spec] of Object.entries(schema)) {
  const d = get(defaults, key);
  const shown = spec.secret ? '""' : JSON.stringify(d);
  const env = spec.env ? `\`${spec.env}\`` : `\`${envNameFor(key)}\``;
  console.log(`| \`${key}\` | \`${shown.replace(/\|/g, '\\|')}\` | ${env} | ${spec.description.replace(/\|/g, '\\|')} |`);
}
