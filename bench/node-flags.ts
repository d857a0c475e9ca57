import { readFileSync } from 'node:fs';

/**
 * The node flags an npm script starts the CLI with (`exec node <flags> dist/src/cli.js <command>` in package.json),
 * so a bench measures a command as users start it: `replay` (scripts.replay), `scan` (scripts.start).
 */
export function scriptNodeFlags(packageJson: string, script: string, command: string): string[] {
  const text = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: Record<string, string> }).scripts?.[script] ?? '';
  const m = new RegExp(`\\bnode((?:\\s+--\\S+)*)\\s+dist/src/cli\\.js\\s+${command}\\b`).exec(text);
  if (!m) throw new Error(`package.json: scripts.${script} is not "exec node [flags] dist/src/cli.js ${command}": ${text}`);
  return m[1].trim().split(/\s+/).filter((f) => f !== '');
}
