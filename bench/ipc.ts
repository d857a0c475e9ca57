import type { ChildProcess } from 'node:child_process';

/** The next IPC message of a forked bench fake that carries `key` (the fakes announce their url, then results). */
export function nextMessage<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise<T>((resolve) => {
    const on = (m: unknown) => {
      if (typeof m === 'object' && m !== null && key in m) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
  });
}
