/**
 * The parent's side of tests/support/desk-worker.ts: start a desk process, wait until it is ready, start it,
 * tell it the other side's progress, and wait for its progress — barriers instead of start times and sleeps,
 * so a test of two desks means the same on an idle machine and on a busy one.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface DeskRun {
  received: string[];
  errors: string[];
}

export interface DeskWorker {
  /** resolves once the worker has opened the database */
  ready: Promise<void>;
  go(): void;
  /** the other side has served this many customers: the worker may run up to its window ahead of that */
  peer(done: number): void;
  /** how many customers the worker has served so far */
  readonly done: number;
  /** resolves once the worker has served at least n customers (or has ended) */
  reached(n: number): Promise<void>;
  onProgress(listener: (done: number) => void): void;
  result: Promise<DeskRun>;
}

export function startDeskWorker(opts: { dbPath: string; prefix: string; count: number; at: string; window: number }): DeskWorker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/desk-worker.ts', opts.dbPath, opts.prefix, String(opts.count), opts.at, String(opts.window)],
    {
      env: process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let done = 0;
  let ended = false;
  let last = '';
  let err = '';
  const listeners: ((done: number) => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const settle = () => {
    for (const w of waiters.filter((w) => ended || done >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') return markReady();
    const m = /^did (\d+)$/.exec(line);
    if (m) {
      done = Number(m[1]);
      for (const l of listeners) l(done);
      return settle();
    }
    last = line;
  });
  child.stderr.on('data', (d) => (err += d));
  child.stdin.on('error', () => undefined); // a message to a worker that has just ended is moot
  const send = (line: string) => {
    if (!ended) child.stdin.write(`${line}\n`);
  };
  const result = new Promise<DeskRun>((resolve, reject) => {
    // 'close', not 'exit': every line the worker printed has been read by then
    child.on('close', (code) => {
      ended = true;
      settle();
      markReady();
      if (code === 0) resolve(JSON.parse(last) as DeskRun);
      else reject(new Error(`desk worker ${opts.prefix} exited ${code}: ${err}`));
    });
  });
  return {
    ready,
    go: () => send('go'),
    peer: (n) => send(`peer ${n}`),
    get done() {
      return done;
    },
    reached: (n) =>
      new Promise<void>((resolve) => {
        waiters.push({ n, resolve });
        settle();
      }),
    onProgress: (l) => listeners.push(l),
    result,
  };
}
