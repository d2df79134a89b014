/**
 * The desktop app's core process (an Electron utilityProcess, bundled to dist-electron/core.cjs): the
 * database and the services run here, so a slow statement, the start-up check of a large file or a
 * backup never freezes a window. main.ts relays each window's calls to it (src/core/protocol).
 */
import { startCore } from '../src/core';
import { serveCore } from '../src/core/protocol';

/** Electron's parentPort: messages arrive wrapped as { data }. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** `start` is startCore; a test hands in one that wraps it (tests/electron/held-core.ts), the app never does. */
export function runCoreProcess(parentPort: ParentPortLike, start: typeof startCore = startCore): void {
  serveCore({ post: (m) => parentPort.postMessage(m), onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)) }, start);
}

// Only inside a utilityProcess is there a parentPort; tests import this file and call runCoreProcess themselves.
const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) runCoreProcess(parentPort);
