/** Migration 0003: the pinyin of every existing customer's name (R-OWN-8 likely matches), and the kind of each registration. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, columnsOf, databaseAt, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0003: customer name key, registration kind', () => {
  it('backfills each existing customer’s pinyin and initials, surname readings included, and marks old registrations as visits', async () => {
    d = await databaseAt(2);
    d.raw.exec(SEED_STAFF);
    const insert = d.raw.prepare(
      "INSERT INTO customers (name, phone, phone_key, created_at, created_by) VALUES (?, ?, ?, '2026-03-02T10:00:00.000+08:00', 'qian')",
    );
    for (const [name, phone] of [
      ['张杰', '13800000001'],
      ['曾小贤', '13800000002'],
      ['单田芳', '13800000003'],
      ['Lily 王', '13800000004'],
    ])
      insert.run(name, phone, phone);
    d.raw.exec(`
      INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (1, '2026-03-02T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 'qian');
      INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, reason, recorded_by, created_at) VALUES (1, 1, 'zhang', '2026-03-02T10:00:00.000+08:00', NULL, 'qian', '2026-03-02T10:00:00.000+08:00');
    `);
    await d.to(3);
    expect(d.raw.prepare('SELECT name, phone, name_key, name_initials FROM customers ORDER BY id').all()).toEqual([
      { name: '张杰', phone: '13800000001', name_key: 'zhangjie', name_initials: 'zj' },
      { name: '曾小贤', phone: '13800000002', name_key: 'zengxiaoxian', name_initials: 'zxx' },
      { name: '单田芳', phone: '13800000003', name_key: 'shantianfang', name_initials: 'stf' },
      { name: 'Lily 王', phone: '13800000004', name_key: 'lilywang', name_initials: 'lw' },
    ]);
    expect(d.raw.prepare('SELECT id, kind, changes FROM registrations').all()).toEqual([{ id: 1, kind: 'visit', changes: null }]);
    expect(columnsOf(d.raw, 'registrations').slice(-2)).toEqual(['kind', 'changes']);
    // the old registration is still a fact: the new columns did not make it editable
    expect(() => d.raw.exec("UPDATE registrations SET kind = 'correction'")).toThrow(/insert-only/);
  });

  it('a name is looked up by its pinyin, and by its initials, through their indexes', async () => {
    d = await databaseAt(3);
    expect(planOf(d.raw, 'SELECT id FROM customers WHERE name_key = ?')).toContain('INDEX customers_name_key (name_key=?)');
    expect(planOf(d.raw, 'SELECT id FROM customers WHERE name_initials = ?')).toContain('INDEX customers_name_initials (name_initials=?)');
  });
});
