/**
 * Migration 0010: the desk's likely matches (R-OWN-8) — the newest 20 customers with a name or its pinyin,
 * with their phone — answered from covering indexes walked backwards, replacing (name) and (name_key).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, indexesOf, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

// the desk's namesakes question, in the shape src/db/queries/desk.ts asks it
const NAMESAKES = `SELECT * FROM (SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name = ? AND phone_key != ? ORDER BY id DESC LIMIT 20) AS by_name
  UNION SELECT * FROM (SELECT id, name, phone, phone_key FROM customers WHERE name_key = ? AND phone_key != ? ORDER BY id DESC LIMIT 20) AS by_pinyin) ORDER BY id DESC LIMIT 20`;

describe('migration 0010: namesake covering indexes', () => {
  it('the same namesakes are found before and after, from the index alone, and the replaced indexes are gone', async () => {
    d = await databaseAt(9);
    d.raw.exec(SEED_STAFF);
    const insert = d.raw.prepare(
      "INSERT INTO customers (name, phone, phone_key, name_key, name_initials, created_at, created_by) VALUES (?, ?, ?, ?, ?, '2026-03-02T10:00:00.000+08:00', 'qian')",
    );
    for (let i = 0; i < 25; i++)
      insert.run(
        i % 5 === 0 ? '王玮' : '王伟',
        `1380000${String(i).padStart(4, '0')}`,
        `1380000${String(i).padStart(4, '0')}`,
        'wangwei',
        'ww',
      );
    insert.run('李娜', '13900000000', '13900000000', 'lina', 'ln');
    const ask = () => d.raw.prepare(NAMESAKES).all('王伟', '13800000024', 'wangwei', '13800000024') as { id: number }[];
    const before = ask();
    expect(planOf(d.raw, NAMESAKES)).toMatch(/SEARCH customers USING INDEX customers_name \(name=\?\)/);
    expect(before.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));
    await d.to(10);
    expect(ask()).toEqual(before);
    const plan = planOf(d.raw, NAMESAKES);
    expect(plan).toContain('COVERING INDEX customers_name_newest (name=?)');
    expect(plan).toContain('COVERING INDEX customers_name_key_newest (name_key=?)');
    // no namesake's phone read from the table any more, as it was through (name) and (name_key)
    expect(plan).not.toMatch(/SEARCH customers USING INDEX/);
    expect(indexesOf(d.raw, 'customers')).toEqual([
      'customers_name_initials',
      'customers_name_key_newest',
      'customers_name_newest',
      'customers_phone_key',
    ]);
  });
});
