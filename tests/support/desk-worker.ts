/**
 * A second desk in its own process, on the same database file: registers walk-ins and finishes each
 * reception as the receiving consultant, as fast as it can. Prints one JSON line with what it saw.
 * Usage: node --import tsx tests/support/desk-worker.ts DB_PATH PREFIX COUNT LOCAL_TIME START_AT_EPOCH_MS
 * Both desks start at START_AT and pause a millisecond between customers, as people at two desks would.
 */
import { openApp } from '../../src/app';
import { ManualClock } from '../../src/domain/clock';

const [dbPath, prefix, countText, at, startAt] = process.argv.slice(2);
const app = await openApp({ dbPath: dbPath!, clock: new ManualClock(new Date(at!)) });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
await pause(Math.max(0, Number(startAt) - Date.now()));
const received: string[] = [];
const errors: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  await pause(1);
  const phone = `1${prefix}${String(i).padStart(10 - prefix!.length, "0")}`;
  const w = (await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: `客户${prefix}${i}`, phone } })).result;
  if (!w.ok) {
    errors.push(`${w.error.code}: ${w.error.message}`);
    continue;
  }
  const v = w.value as { visitId: number | null; receivedBy: { id: string } | null };
  if (!v.receivedBy || v.visitId === null) {
    errors.push('waiting');
    continue;
  }
  received.push(v.receivedBy.id);
  const f = (await app.dispatch({ staffId: v.receivedBy.id }, 'desk.finish', { visit: v.visitId })).result;
  if (!f.ok) errors.push(`finish ${f.error.code}: ${f.error.message}`);
}
await app.close();
console.log(JSON.stringify({ received, errors }));
