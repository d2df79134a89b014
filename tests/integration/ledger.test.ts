import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { fillDemo } from '../../src/cli/demo';
import { verifyLedger } from '../../src/db/ledger';
import { openDatabase } from '../../src/db/open';
import { ManualClock } from '../../src/domain/clock';

let dir: string;
let pristine: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salesdesk-ledger-'));
  pristine = join(dir, 'office.sqlite');
  const first = new Date('2026-03-02T08:00:00');
  const clock = new ManualClock(first);
  const app = await openApp({ dbPath: pristine, clock });
  await fillDemo(app, clock, first, 3);
  await app.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A copy of the office's file, edited the way someone with a SQLite tool would: triggers dropped first,
 * and put back afterwards so the schema check (tests/integration/tamper.test.ts) sees nothing.
 */
function tampered(name: string, edit: (raw: BetterSqlite3.Database) => void): string {
  const path = join(dir, `${name}.sqlite`);
  const src = new BetterSqlite3(pristine);
  src.pragma('wal_checkpoint(TRUNCATE)');
  src.close();
  const copy = new BetterSqlite3(pristine, { readonly: true });
  copy.exec(`VACUUM INTO '${path}'`);
  copy.close();
  const raw = new BetterSqlite3(path);
  const triggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const { name: trigger } of triggers) raw.exec(`DROP TRIGGER "${trigger}"`);
  edit(raw);
  for (const { sql } of triggers) raw.exec(sql);
  raw.close();
  return path;
}

const verify = (path: string) => {
  const h = openDatabase(path);
  try {
    return verifyLedger(h.raw);
  } finally {
    h.raw.close();
  }
};

describe('tamper-evident ledger (salesdesk verify)', () => {
  it('an untouched office verifies, every fact row chained', () => {
    const r = verify(pristine);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const h = openDatabase(pristine);
    const facts = (
      h.raw
        .prepare(
          'SELECT sum(n) s FROM (SELECT count(*) n FROM visits UNION ALL SELECT count(*) FROM registrations UNION ALL SELECT count(*) FROM audit_log)',
        )
        .get() as { s: number }
    ).s;
    h.raw.close();
    expect(r.rows).toBeGreaterThan(facts); // rosters, roster events, decisions… too
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names a visit whose consultant was changed with another tool', () => {
    const path = tampered('changed', (raw) => raw.prepare("UPDATE visits SET consultant_id = 'c02' WHERE id = 5").run());
    const r = verify(path);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: 'changed', table: 'visits', rowId: 5 });
    expect(r.problems[0]).toMatchObject({ code: 'row_changed', params: { row: 'visits #5' } });
  });

  it('names a deleted registration decision and a row slipped in without the app', () => {
    const deleted = verify(tampered('deleted', (raw) => raw.prepare('DELETE FROM registration_decisions WHERE id = 3').run()));
    expect(deleted.problems[0]).toMatchObject({ kind: 'deleted', table: 'registration_decisions', rowId: 3 });
    const added = verify(
      tampered('added', (raw) =>
        raw
          .prepare("INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-05T00:00:00.000Z', 'dir', 'deal.close', '{}')")
          .run(),
      ),
    );
    expect(added.problems).toEqual([expect.objectContaining({ kind: 'unchained', table: 'audit_log' })]);
  });

  it('a changed row whose ledger entry was also rewritten still breaks the chain at that entry', () => {
    const path = tampered('rewritten', (raw) => {
      raw.function('sd_sha256', (s: unknown) => createHash('sha256').update(String(s)).digest('hex'));
      raw.prepare('UPDATE deals SET commission = commission + 100000 WHERE id = (SELECT min(id) FROM deals)').run();
      const cols = JSON.parse(
        (raw.prepare("SELECT columns FROM ledger_tables WHERE table_name = 'deals'").get() as { columns: string }).columns,
      ) as string[];
      const h = (
        raw
          .prepare(
            `SELECT sd_sha256('deals|' || json_object(${cols.map((c) => `'${c}', "${c}"`).join(', ')})) h FROM deals WHERE id = (SELECT min(id) FROM deals)`,
          )
          .get() as { h: string }
      ).h;
      raw.prepare("UPDATE ledger_chain SET row_hash = ? WHERE table_name = 'deals' AND row_id = (SELECT min(id) FROM deals)").run(h);
    });
    const r = verify(path);
    expect(r.problems[0]).toMatchObject({ kind: 'chain_broken', table: 'deals' });
  });
});
