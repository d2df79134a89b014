/**
 * Migration 0012: the chain gets a key (HMAC, key outside the file) and covers the mutable tables that decide
 * who may do what and who is paid. tests/integration/tamper.test.ts checks a migrated chain with verifyLedger
 * and that a broken unkeyed chain is refused; here each link, first entry and trigger is recomputed in JS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, columnsOf, databaseAt, hmacOf, rowHash, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

type Entry = { seq: number; table_name: string; row_id: number; row_key: string | null; row_hash: string; chain_hash: string };
const entries = (at: AtVersion) => at.raw.prepare('SELECT * FROM ledger_chain ORDER BY seq').all() as Entry[];
const rows = (at: AtVersion, table: string) => at.raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];

/** the mutable tables in the order the migration gives them first entries, each row's key as stored */
const MUTABLE: [string, (r: Record<string, unknown>) => string, (r: Record<string, unknown>) => number][] = [
  ['staff', (r) => String(r.id), () => 0],
  ['staff_roles', (r) => JSON.stringify([r.staff_id, r.role]), () => 0],
  ['staff_credentials', (r) => String(r.staff_id), () => 0],
  ['customers', (r) => String(r.id), (r) => Number(r.id)],
  ['grade_labels', (r) => String(r.grade), () => 0],
];

async function seededAt11(key?: Buffer | null): Promise<AtVersion> {
  const at = await databaseAt(11, key);
  at.raw.exec(`${SEED_STAFF}
    INSERT INTO staff_credentials (staff_id, pin_hash, salt, failed_attempts, updated_at) VALUES ('zhang', 'h1', 's1', 1, '2026-03-01T09:00:00.000+08:00');
    INSERT INTO customers (name, phone, phone_key, created_at, created_by, name_key, name_initials) VALUES ('周杰', '13800000001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian', 'zhoujie', 'zj'), ('王伟', '', '', '2026-03-02T11:00:00.000+08:00', 'qian', 'wangwei', 'ww');
    INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-02T10:00:00.000+08:00', 'qian', 'desk.walkIn', '{}'), ('2026-03-02T11:00:00.000+08:00', 'dir', 'staff.add', '{}');
    INSERT INTO follow_ups (customer_id, consultant_id, day, channel, content, at) VALUES (1, 'zhang', '2026-03-03', 'phone', '回访', '2026-03-03T15:00:00.000+08:00');
  `);
  return at;
}

describe('migration 0012: keyed ledger', () => {
  it('appends a first entry for each existing row of the mutable tables and re-keys every link with the HMAC', async () => {
    d = await seededAt11();
    const facts = entries(d).map(({ table_name, row_id, row_hash }) => ({ table_name, row_id, row_key: null as string | null, row_hash }));
    expect(facts.map((f) => f.table_name)).toEqual(['audit_log', 'audit_log', 'follow_ups']);
    const firsts = MUTABLE.flatMap(([t, key, rowId]) =>
      rows(d, t)
        .map((r) => ({ table_name: t, row_id: rowId(r), row_key: key(r), row_hash: rowHash(t, r) }))
        .sort((a, b) => (a.row_key < b.row_key ? -1 : 1)),
    );
    expect(firsts).toHaveLength(3 + 3 + 1 + 2 + 4);
    await d.to(12);
    let prev = '';
    expect(entries(d)).toEqual(
      [...facts, ...firsts].map((e, i) => {
        prev = hmacOf(d.key, `${prev}|${e.table_name}|${e.row_key ?? e.row_id}|${e.row_hash}`);
        return { seq: i + 1, ...e, chain_hash: prev };
      }),
    );
    expect(d.raw.prepare('SELECT id, check_hash FROM ledger_key').all()).toEqual([
      { id: 1, check_hash: hmacOf(d.key, 'salesdesk ledger key check') },
    ]);
    for (const [t] of MUTABLE)
      expect(JSON.parse(d.raw.prepare('SELECT columns FROM ledger_tables WHERE table_name = ?').pluck().get(t) as string), t).toEqual(
        columnsOf(d.raw, t),
      );
    for (const op of ['UPDATE ledger_key SET check_hash = check_hash', 'DELETE FROM ledger_key'])
      expect(() => d.raw.exec(op), op).toThrow(/ledger_key is insert-only/);
    expect(() => d.raw.exec("UPDATE ledger_chain SET row_key = 'x'")).toThrow(/ledger_chain is insert-only/);
  });

  it('afterwards a fact, a change, a key change and a delete each append keyed entries', async () => {
    d = await seededAt11();
    await d.to(12);
    const before = entries(d);
    d.raw.exec(`
      INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-04T09:00:00.000+08:00', 'dir', 'staff.update', '{}');
      UPDATE staff SET name = '张三丰' WHERE id = 'zhang';
      UPDATE grade_labels SET grade = 'S' WHERE grade = 'A';
      DELETE FROM staff_roles WHERE staff_id = 'qian';
    `);
    const at = (table: string, where: string) => d.raw.prepare(`SELECT * FROM ${table} WHERE ${where}`).get() as Record<string, unknown>;
    const expected = [
      { table_name: 'audit_log', row_id: 3, row_key: null, row_hash: rowHash('audit_log', at('audit_log', 'id = 3')) },
      { table_name: 'staff', row_id: 0, row_key: 'zhang', row_hash: rowHash('staff', at('staff', "id = 'zhang'")) },
      { table_name: 'grade_labels', row_id: 0, row_key: 'A', row_hash: 'deleted' },
      { table_name: 'grade_labels', row_id: 0, row_key: 'S', row_hash: rowHash('grade_labels', at('grade_labels', "grade = 'S'")) },
      { table_name: 'staff_roles', row_id: 0, row_key: '["qian","reception"]', row_hash: 'deleted' },
    ];
    let prev = before.at(-1)!.chain_hash;
    expect(entries(d).slice(before.length)).toEqual(
      expected.map((e, i) => {
        prev = hmacOf(d.key, `${prev}|${e.table_name}|${e.row_key ?? e.row_id}|${e.row_hash}`);
        return { seq: before.length + i + 1, ...e, chain_hash: prev };
      }),
    );
  });

  it('without a key the migration is refused and the file stays at 11, chain unkeyed', async () => {
    d = await seededAt11(null);
    const chain = entries(d);
    await expect(d.to(12)).rejects.toThrow(/没有账本密钥/);
    await expect(d.to(12)).rejects.toMatchObject({ code: 'invalid_state', reason: 'ledger_key_missing' });
    expect(await d.version()).toBe(11);
    expect(columnsOf(d.raw, 'ledger_chain')).not.toContain('row_key');
    expect(entries(d)).toEqual(chain);
  });
});
