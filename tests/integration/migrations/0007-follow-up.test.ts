/**
 * Migration 0007: follow-ups and managers' notes (R-TRK-1, 2) are facts, insert-only and chained like the
 * tables of 0005; the office's grade labels start with the four defaults; each list is read through its index.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, columnsOf, databaseAt, expectInsertOnly, planOf, rowHash, SEED_STAFF, sha256 } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

const lastLink = (at: AtVersion) =>
  at.raw.prepare('SELECT table_name, row_id, row_hash, chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1').get() as {
    table_name: string;
    row_id: number;
    row_hash: string;
    chain_hash: string;
  };

describe('migration 0007: follow-up', () => {
  it('a follow-up and a note written afterwards each append their chain entry after the facts already chained; both refuse changes', async () => {
    d = await databaseAt(6);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO customers (name, phone, phone_key, created_at, created_by, name_key, name_initials) VALUES ('周杰', '13800000001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian', 'zhoujie', 'zj');
      INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-02T10:00:00.000+08:00', 'qian', 'desk.walkIn', '{}');
    `);
    const chained = lastLink(d);
    expect(chained.table_name).toBe('audit_log');
    await d.to(7);
    expect(d.raw.prepare('SELECT grade, label, updated_by FROM grade_labels ORDER BY grade').all()).toEqual([
      { grade: 'A', label: '意向强', updated_by: null },
      { grade: 'B', label: '有意向', updated_by: null },
      { grade: 'C', label: '观望', updated_by: null },
      { grade: 'D', label: '意向弱', updated_by: null },
    ]);
    for (const t of ['follow_ups', 'manager_notes']) {
      expect(JSON.parse(d.raw.prepare('SELECT columns FROM ledger_tables WHERE table_name = ?').pluck().get(t) as string), t).toEqual(
        columnsOf(d.raw, t),
      );
    }
    d.raw.exec(
      "INSERT INTO follow_ups (customer_id, consultant_id, day, channel, content, next_day, grade, at) VALUES (1, 'zhang', '2026-03-03', 'phone', '约周末看房', '2026-03-07', 'A', '2026-03-03T15:00:00.000+08:00')",
    );
    const f = d.raw.prepare('SELECT * FROM follow_ups').get() as Record<string, unknown>;
    const afterFollowUp = lastLink(d);
    expect(afterFollowUp).toEqual({
      table_name: 'follow_ups',
      row_id: 1,
      row_hash: rowHash('follow_ups', f),
      chain_hash: sha256(chained.chain_hash + rowHash('follow_ups', f)),
    });
    d.raw.exec(
      "INSERT INTO manager_notes (consultant_id, customer_id, text, at, actor_id) VALUES ('zhang', 1, '周末前再联系一次', '2026-03-04T09:00:00.000+08:00', 'dir')",
    );
    const n = d.raw.prepare('SELECT * FROM manager_notes').get() as Record<string, unknown>;
    expect(lastLink(d)).toEqual({
      table_name: 'manager_notes',
      row_id: 1,
      row_hash: rowHash('manager_notes', n),
      chain_hash: sha256(afterFollowUp.chain_hash + rowHash('manager_notes', n)),
    });
    for (const t of ['follow_ups', 'manager_notes']) expectInsertOnly(d.raw, t, (fn, label) => expect(fn, label).toThrow(/insert-only/));
    // labels are the office's to rename
    d.raw.exec("UPDATE grade_labels SET label = '热' WHERE grade = 'A'");
  });

  it('a customer’s follow-ups, a consultant’s due list and their notes are read through their indexes', async () => {
    d = await databaseAt(7);
    expect(planOf(d.raw, 'SELECT * FROM follow_ups WHERE customer_id = ? ORDER BY id DESC')).toContain(
      'USING INDEX follow_ups_customer (customer_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM follow_ups WHERE consultant_id = ? AND next_day <= ?')).toContain(
      'USING INDEX follow_ups_consultant (consultant_id=? AND next_day<?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM manager_notes WHERE consultant_id = ? ORDER BY id DESC')).toContain(
      'USING INDEX manager_notes_consultant (consultant_id=?)',
    );
  });
});
