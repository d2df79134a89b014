/**
 * Migration 0005: tamper evidence. Rows already in the fact tables are chained first, table by table in id
 * order; from then on each insert appends its entry; the chain itself refuses UPDATE and DELETE. Hashes
 * here are computed in JS from the rows as read back, not with the migration's SQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, columnsOf, databaseAt, expectInsertOnly, rowHash, SEED_STAFF, sha256 } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

/** the order the migration chains existing rows in */
const LEDGER = [
  'policy_versions',
  'rosters',
  'roster_events',
  'visits',
  'visit_events',
  'registrations',
  'registration_decisions',
  'audit_log',
  'phone_inquiries',
  'announcements',
  'customer_links',
  'referrals',
  'referral_events',
  'company_clients',
  'deals',
  'deal_changes',
  'disputes',
  'dispute_steps',
];

async function seededAt4(): Promise<AtVersion> {
  const at = await databaseAt(4);
  at.raw.exec(`${SEED_STAFF}
    INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES ('2026-01-05T00:00:00.000+08:00', '{"protectionMonths":3}', 'dir', '2026-01-05T09:00:00.000+08:00');
    INSERT INTO customers (name, phone, phone_key, created_at, created_by, name_key, name_initials) VALUES ('周杰', '13800000001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian', 'zhoujie', 'zj');
    INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (1, '2026-03-02T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 'qian');
    INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, recorded_by, created_at) VALUES (1, 1, 'zhang', '2026-03-02T10:00:00.000+08:00', 'qian', '2026-03-02T10:00:00.000+08:00');
    INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-02T10:00:00.000+08:00', 'qian', 'desk.walkIn', '{"visit":1}'), ('2026-03-02T10:01:00.000+08:00', NULL, 'session.signIn', '{}');
    INSERT INTO deals (customer_id, unit, price, commission, on_spot, company_mode, at, recorded_by) VALUES (1, '1-101', 200000000, 2000000, 1, NULL, '2026-03-06T10:00:00.000+08:00', 'zhang');
    INSERT INTO disputes (deal_id, claim, raised_by, at) VALUES (1, '首次接待是我', 'zhang', '2026-03-08T10:00:00.000+08:00');
    INSERT INTO dispute_steps (dispute_id, type, split, text, at, actor_id, assessment) VALUES (1, 'opinion', NULL, '维持', '2026-03-09T10:00:00.000+08:00', 'dir', '{"zhang":{"fault":0}}');
  `);
  return at;
}

const chain = (at: AtVersion) =>
  at.raw.prepare('SELECT seq, table_name, row_id, row_hash, chain_hash FROM ledger_chain ORDER BY seq').all() as {
    seq: number;
    table_name: string;
    row_id: number;
    row_hash: string;
    chain_hash: string;
  }[];

describe('migration 0005: ledger chain', () => {
  it('chains every existing fact row, table by table in id order, each link the hash of the one before and the row', async () => {
    d = await seededAt4();
    const rows = LEDGER.flatMap((t) =>
      (d.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Record<string, unknown>[]).map((r) => ({ t, r })),
    );
    expect(rows).toHaveLength(8);
    await d.to(5);
    let prev = '';
    expect(chain(d)).toEqual(
      rows.map(({ t, r }, i) => {
        const h = rowHash(t, r);
        prev = sha256(prev + h);
        return { seq: i + 1, table_name: t, row_id: r.id, row_hash: h, chain_hash: prev };
      }),
    );
    // the columns each table's hash covers are frozen as they were
    const frozen = d.raw.prepare('SELECT table_name, columns FROM ledger_tables ORDER BY table_name').all() as {
      table_name: string;
      columns: string;
    }[];
    expect(frozen.map((f) => f.table_name)).toEqual([...LEDGER].sort());
    for (const f of frozen) expect(JSON.parse(f.columns), f.table_name).toEqual(columnsOf(d.raw, f.table_name));
  });

  it('a fact inserted afterwards appends its entry to the chain, and the chain refuses UPDATE and DELETE', async () => {
    d = await seededAt4();
    await d.to(5);
    const before = chain(d);
    d.raw.exec(
      "INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-10T09:00:00.000+08:00', 'dir', 'policy.update', '{}')",
    );
    const row = d.raw.prepare('SELECT * FROM audit_log WHERE id = 3').get() as Record<string, unknown>;
    const after = chain(d);
    expect(after.slice(0, -1)).toEqual(before);
    const h = rowHash('audit_log', row);
    expect(after.at(-1)).toEqual({
      seq: before.length + 1,
      table_name: 'audit_log',
      row_id: 3,
      row_hash: h,
      chain_hash: sha256(before.at(-1)!.chain_hash + h),
    });
    // staff and customers are not facts here (0012 chains them)
    d.raw.exec("UPDATE staff SET name = '赵董' WHERE id = 'dir'");
    expect(chain(d)).toHaveLength(after.length);
    expectInsertOnly(d.raw, 'ledger_chain', (fn, label) => expect(fn, label).toThrow(/ledger_chain is insert-only/));
  });
});
