/**
 * Test-only: the desktop core process (electron/core-process.ts runCoreProcess, the real src/core over the real
 * protocol) with a barrier inside one real statement, for tests/electron/core-off-main.test.ts. Nothing in the
 * production build imports this file: the barrier is a TEMP trigger and a SQL function added to the opened file's
 * connection here, never by src/ or electron/.
 *
 * The barrier: every INSERT into `staff` (setup.firstRun, inside its BEGIN IMMEDIATE write) first writes the
 * file `entered`, then blocks this process's thread synchronously until the file `release` exists. Blocked means
 * blocked: no timer, no message, no reply runs here meanwhile, as during a 0.5 s statement or a large file's
 * start-up check. It is a wait for a signal, not for time; `capMs` only ends a test that went wrong instead of
 * hanging it (the write then fails).
 *
 * Run as a child process (`node --import tsx held-core.ts`, see startRealCore) it talks over Node's IPC channel,
 * shaped as Electron's parentPort; runHeldCore can also run it in the test's own process (the negative proof).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCoreProcess, type ParentPortLike } from '../../electron/core-process';
import { startCore } from '../../src/core';

export interface Hold {
  /** folder of the two signal files */
  dir: string;
  /** ends a barrier nobody releases (a broken test), default 120 s */
  capMs?: number;
}

export const enteredFile = (dir: string) => path.join(dir, 'entered');
export const releaseFile = (dir: string) => path.join(dir, 'release');

function holdUntilReleased({ dir, capMs = 120_000 }: Hold): void {
  fs.writeFileSync(enteredFile(dir), String(process.pid));
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + capMs;
  while (!fs.existsSync(releaseFile(dir))) {
    if (Date.now() > until) throw new Error('held-core: nobody released the barrier');
    Atomics.wait(nap, 0, 0, 5); // the thread sleeps between looks at the file: nothing else runs here
  }
}

export function runHeldCore(parentPort: ParentPortLike, hold: Hold): void {
  runCoreProcess(parentPort, async (options) => {
    const core = await startCore({ ...options, backups: false, clockWatchMs: 0 });
    const raw = core.app.handle.raw;
    raw.function('salesdesk_test_hold', () => {
      holdUntilReleased(hold);
      return 0;
    });
    raw.exec('CREATE TEMP TRIGGER salesdesk_test_hold BEFORE INSERT ON main.staff BEGIN SELECT salesdesk_test_hold(); END');
    return core;
  });
}

// As a child process: Node's IPC channel stands in for Electron's parentPort (messages arrive as { data }).
if (process.send && process.env.SALESDESK_TEST_HOLD_DIR) {
  const send = process.send.bind(process);
  const parentPort: ParentPortLike = {
    postMessage: (message) => void send(message),
    on: (_event, listener) => process.on('message', (data: unknown) => listener({ data })),
  };
  process.on('disconnect', () => process.exit(0)); // the test (main) is gone
  runHeldCore(parentPort, {
    dir: process.env.SALESDESK_TEST_HOLD_DIR,
    ...(process.env.SALESDESK_TEST_HOLD_CAP_MS ? { capMs: Number(process.env.SALESDESK_TEST_HOLD_CAP_MS) } : {}),
  });
}
