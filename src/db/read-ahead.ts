/**
 * Reads sent ahead in one round trip (PostgreSQL): a service that knows which reads its next steps will make — the
 * desk's verdict, once the number has found its customer, reads that customer's links, registrations, switches,
 * referrals and company record one after another — says so first: `readAhead(tx, (r) => …)` runs those steps on a
 * rehearsal Kysely that answers every query with no rows and notes the SQL and values asked; the noted reads go to
 * the server as one multi-statement query; each answer waits on the transaction's connection and is handed to the
 * first identical query (same text, same values) the real steps then send. A step that asks something else (a
 * customer with links asks about more records) goes to the server as before, so a wrong guess costs time, never a
 * wrong answer; a write in between drops every answer waiting (src/db/postgres.ts).
 *
 * The reads run in the same transaction as the steps would, a moment earlier: under REPEATABLE READ the same
 * snapshot; under a write's READ COMMITTED, after the write lock, so no write of the app comes between. A SAVEPOINT
 * keeps a failing read from aborting the transaction. SQLite answers in microseconds in-process: there the hint
 * is not even rehearsed.
 */
import { inlined } from './inline-sql';
import { aheadKey, onlyReads, txConnectionOf } from './postgres';
import { attachReferenceCache, detachReferenceCache, referenceCacheOf } from './reference-cache';
import { PostgresTransactionCache } from './reference-cache-postgres';
import type { ReadTx } from './read-tx';

export { inlined };

export async function readAhead(tx: ReadTx, steps: (rehearsal: ReadTx) => Promise<unknown>): Promise<void> {
  const c = txConnectionOf(tx);
  // writes waiting for the COMMIT go first with the next statement: nothing is read ahead of them
  if (!c || c.trace.pathChanged || c.later.length) return;
  const noted: { sql: string; parameters: readonly unknown[] }[] = [];
  c.recording = noted;
  const cache = referenceCacheOf(tx as never);
  if (cache instanceof PostgresTransactionCache) attachReferenceCache(c.recorder, cache.peek());
  try {
    await steps(c.recorder);
  } catch {
    // a rehearsal that trips over its empty answers has noted what it asked until then
  } finally {
    c.recording = null;
    detachReferenceCache(c.recorder);
  }
  const seen = new Set<string>();
  const reads: { key: string; text: string }[] = [];
  for (const q of noted) {
    const key = aheadKey(q.sql, q.parameters);
    if (seen.has(key) || c.ahead.has(key) || !onlyReads(q.sql)) continue;
    const text = inlined(q.sql, q.parameters);
    if (text === null) continue;
    seen.add(key);
    reads.push({ key, text });
  }
  // one read alone gains nothing by going first
  if (reads.length < 2) return;
  const writesBefore = c.trace.writes;
  try {
    const results = (await c.client.query(
      `SAVEPOINT salesdesk_ahead; ${reads.map((r) => r.text).join('; ')}; RELEASE SAVEPOINT salesdesk_ahead`,
    )) as unknown as unknown[];
    if (c.trace.writes !== writesBefore) return;
    reads.forEach((r, i) => c.ahead.set(r.key, results[i + 1]));
  } catch {
    await c.client.query('ROLLBACK TO SAVEPOINT salesdesk_ahead; RELEASE SAVEPOINT salesdesk_ahead');
  }
}
