/**
 * A second desk in its own process, on the same database file: registers walk-ins and finishes each
 * reception as the receiving consultant. Prints one JSON line with what it saw at the end.
 * Usage: node --import tsx tests/support/desk-worker.ts DB_PATH PREFIX COUNT LOCAL_TIME WINDOW
 *
 * Synchronised by messages, never by the clock (see desk-protocol.ts): it prints `ready` once the database
 * is open and starts at the line `go` on stdin. After each served customer it prints `did N`. The parent
 * relays the other side's progress as `peer N`; this desk never gets more than WINDOW customers ahead of
 * its peer, so the two sides' writes interleave whatever the machine's speed.
 */
import { createInterface } from 'node:readline';
import { openApp } from '../../src/app';
import { ManualClock } from '../../src/domain/clock';

const [dbPath, prefix, countText, at, windowText] = process.argv.slice(2);
const window = Number(windowText);
let peer = 0;
let started = false;
let wake: (() => void) | null = null;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'go') started = true;
  const m = /^peer (\d+)$/.exec(line);
  if (m) peer = Math.max(peer, Number(m[1]));
  wake?.();
});
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((r) => (wake = r));
  wake = null;
};

const app = await openApp({ dbPath: dbPath!, clock: new ManualClock(new Date(at!)) });
process.stdout.write('ready\n');
await until(() => started);
const received: string[] = [];
const errors: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  await until(() => i < peer + window);
  const phone = `1${prefix}${String(i).padStart(10 - prefix!.length, '0')}`;
  const w = (await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: `客户${prefix}${i}`, phone } })).result;
  if (!w.ok) {
    errors.push(`${w.error.code}: ${w.error.message}`);
  } else {
    const v = w.value as { visitId: number | null; receivedBy: { id: string } | null };
    if (!v.receivedBy || v.visitId === null) {
      errors.push('waiting');
    } else {
      received.push(v.receivedBy.id);
      const f = (await app.dispatch({ staffId: v.receivedBy.id }, 'desk.finish', { visit: v.visitId })).result;
      if (!f.ok) errors.push(`finish ${f.error.code}: ${f.error.message}`);
    }
  }
  process.stdout.write(`did ${i + 1}\n`);
}
await app.close();
process.stdout.write(`${JSON.stringify({ received, errors })}\n`);
process.exit(0);
