import React from 'react';
import { render } from 'ink';
import { TableApp } from './components/App.js';
import type { TableStore } from './store.js';

export interface MountOptions {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  maxFps: number;
  color: boolean;
}

/** Mounts the Ink app on a terminal; resolves `exited` when it unmounts (q, Ctrl+C or `unmount()`). */
export function mountTable(store: TableStore, o: MountOptions): { exited: Promise<void>; unmount(): void } {
  const instance = render(React.createElement(TableApp, { store, color: o.color, onQuit: () => undefined }), {
    stdout: o.stdout,
    stdin: o.stdin,
    maxFps: o.maxFps,
    // Ink 6.8's line-diffing mode left stale lines in tmux when the frame changed height (detail pane
    // open/close), so frames are rewritten whole; Ink wraps them in synchronized updates where the
    // terminal supports it, and rows that did not change are not re-rendered by React (memo).
    incrementalRendering: false,
    exitOnCtrlC: true,
    patchConsole: true,
  });
  return { exited: instance.waitUntilExit().then(() => undefined, () => undefined), unmount: () => instance.unmount() };
}
