/**
 * Registers walk-ins in a loop until killed, printing "saved <visitId>" only after each commit returned.
 * Usage: node --import tsx tests/support/crash-worker.ts DB_PATH START_LOCAL_TIME
 */
import { writeSync } from 'node:fs';
import { openApp } from '../../src/app';
import { ManualClock } from '../../src/domain/clock';

const [dbPath, startAt] = process.argv.slice(2);
const clock = new ManualClock(new Date(startAt!));
const app = await openApp({ dbPath: dbPath!, clock });
// Receptions the previous, killed, worker left open are finished first: otherwise every consultant ends up
// receiving, walk-ins only wait, and no round has a save to check.
const today = (await app.dispatch({ staffId: 'mgr' }, 'roster.today', {})).result;
if (today.ok) {
  const open = (today.value as { queue: { id: string; receiving: { visitId: number }[] }[] }).queue.flatMap((e) =>
    e.receiving.map((r) => ({ consultant: e.id, visit: r.visitId })),
  );
  for (const o of open) await app.dispatch({ staffId: o.consultant }, 'desk.finish', { visit: o.visit });
}
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  clock.set(new Date(clock.now().getTime() + 1000));
  // one number per simulated second: a new customer every time, across rounds too (each starts an hour later)
  const phone = `135${String((clock.now().getTime() / 1000) % 1e8).padStart(8, '0')}`;
  const w = (await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: `客户${i}`, phone } })).result as any;
  if (!w.ok) {
    writeSync(2, `walk-in failed: ${w.error.message}\n`);
    continue;
  }
  writeSync(1, `saved ${w.value.visitId}\n`);
  if (w.value.receivedBy) await app.dispatch({ staffId: w.value.receivedBy.id }, 'desk.finish', { visit: w.value.visitId });
}
