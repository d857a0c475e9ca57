import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReplayInputError } from './errors.js';
import { SUPPORTED_EXTENSIONS } from './formats.js';

/** A file to read, and whether it was named directly (unknown layouts are errors) or found in a folder (skipped). */
export interface InputFile {
  path: string;
  fromFolder: boolean;
}

/**
 * Expands paths to files: paths in the order given, folders walked recursively in sorted order,
 * keeping supported extensions only; a file named twice is read once.
 */
export async function expandInputPaths(paths: string[]): Promise<InputFile[]> {
  if (paths.length === 0) throw new ReplayInputError('(none)', null, 'no input files or folders given');
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, fromFolder: boolean) => {
    const key = resolve(path);
    if (!seen.has(key)) { seen.add(key); out.push({ path, fromFolder }); }
  };
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info === null) throw new ReplayInputError(p, null, 'no such file or folder');
    if (info.isDirectory()) {
      const found = await walk(p);
      if (found.length === 0) throw new ReplayInputError(p, null, `folder holds no readable files (${SUPPORTED_EXTENSIONS.join(', ')})`);
      for (const f of found) add(f, true);
    } else add(p, false);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Code-unit order, not locale order, so every machine reads files in the same order.
  const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: string[] = [];
  for (const name of names) {
    const entry = entries.find((e) => e.name === name)!;
    const p = join(dir, name);
    if (entry.isDirectory()) files.push(...(await walk(p)));
    else if (SUPPORTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))) files.push(p);
  }
  return files;
}
