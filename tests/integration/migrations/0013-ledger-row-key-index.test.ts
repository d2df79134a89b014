/** Migration 0013: the latest chain entry of one row of a mutable table, found without reading the chain (src/db/ledger-guard). */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

// the guard's question, as src/db/ledger-guard.ts asks it before trusting a person's rows
const LATEST = "SELECT max(seq) FROM ledger_chain WHERE table_name = 'staff_roles' AND row_key = ?";

describe('migration 0013: ledger row key index', () => {
  it('the latest entry of a staff row is found through the partial row-key index, and is the newest one', async () => {
    d = await databaseAt(12);
    d.raw.exec(SEED_STAFF);
    expect(planOf(d.raw, LATEST)).not.toContain('ledger_chain_row_key');
    await d.to(13);
    expect(planOf(d.raw, LATEST)).toContain('USING COVERING INDEX ledger_chain_row_key (table_name=? AND row_key=?)');
    d.raw.exec("DELETE FROM staff_roles WHERE staff_id = 'zhang'; INSERT INTO staff_roles VALUES ('zhang', 'consultant')");
    const key = JSON.stringify(['zhang', 'consultant']);
    const newest = d.raw.prepare('SELECT max(seq) FROM ledger_chain').pluck().get();
    expect(d.raw.prepare(LATEST).pluck().get(key)).toBe(newest);
  });
});
