/** Migration 0002: what the commission split is computed from, all insert-only (R-OWN-4, R-DIS-2), each found by customer. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, count, databaseAt, expectInsertOnly, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

const NEW_FACTS = [
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

describe('migration 0002: ownership and commission', () => {
  it('keeps the day already recorded and adds the commission facts, each refusing UPDATE and DELETE', async () => {
    d = await databaseAt(1);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO customers (name, phone, phone_key, created_at, created_by) VALUES ('周杰', '13800000001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian'), ('周妻', '13800000002', '13800000002', '2026-03-02T10:00:00.000+08:00', 'qian');
      INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (1, '2026-03-02T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 'qian');
    `);
    await d.to(2);
    expect(d.raw.prepare('SELECT name, phone_key FROM customers ORDER BY id').all()).toEqual([
      { name: '周杰', phone_key: '13800000001' },
      { name: '周妻', phone_key: '13800000002' },
    ]);
    expect(count(d.raw, 'visits')).toBe(1);
    d.raw.exec(`
      INSERT INTO phone_inquiries (customer_id, at, consultant_id, note) VALUES (1, '2026-03-01T15:00:00.000+08:00', 'zhang', '问户型');
      INSERT INTO announcements (customer_id, from_customer_id, consultant_id, expected_at, at) VALUES (2, 1, 'zhang', '2026-03-04', '2026-03-02T11:00:00.000+08:00');
      INSERT INTO customer_links (type, customer_id, other_customer_id, at, actor_id) VALUES ('household', 1, 2, '2026-03-02T11:00:00.000+08:00', 'dir');
      INSERT INTO referrals (referrer_id, customer_id, appointment, at, actor_id) VALUES ('zhang', 2, '2026-03-05T10:00', '2026-03-02T11:00:00.000+08:00', 'zhang');
      INSERT INTO referral_events (referral_id, type, visit_id, at, actor_id) VALUES (1, 'arrived', 1, '2026-03-05T10:00:00.000+08:00', 'qian');
      INSERT INTO company_clients (customer_id, introduced_by, at, actor_id) VALUES (2, '集团', '2026-03-02T11:00:00.000+08:00', 'dir');
      INSERT INTO deals (customer_id, unit, price, commission, on_spot, at, recorded_by) VALUES (1, '1-101', 200000000, 2000000, 1, '2026-03-06T10:00:00.000+08:00', 'zhang');
      INSERT INTO deal_changes (deal_id, buyer_name, at, actor_id) VALUES (1, '周妻', '2026-03-07T10:00:00.000+08:00', 'dir');
      INSERT INTO disputes (deal_id, claim, raised_by, at) VALUES (1, '首次接待是我', 'zhang', '2026-03-08T10:00:00.000+08:00');
      INSERT INTO dispute_steps (dispute_id, type, split, text, at, actor_id) VALUES (1, 'opinion', '{"zhang":10000}', '维持', '2026-03-09T10:00:00.000+08:00', 'dir');
    `);
    for (const table of NEW_FACTS) {
      expectInsertOnly(d.raw, table, (fn, label) => expect(fn, label).toThrow(/insert-only/));
      expect(count(d.raw, table), table).toBe(1);
    }
  });

  it('what protects a customer is found by customer through an index, never by scanning', async () => {
    d = await databaseAt(2);
    for (const table of ['phone_inquiries', 'announcements', 'customer_links', 'referrals', 'company_clients', 'deals']) {
      expect(planOf(d.raw, `SELECT * FROM ${table} WHERE customer_id = ?`), table).toContain(
        `USING INDEX ${table}_customer (customer_id=?)`,
      );
    }
    expect(planOf(d.raw, 'SELECT * FROM customer_links WHERE other_customer_id = ?')).toContain(
      'USING INDEX customer_links_other (other_customer_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM referral_events WHERE referral_id = ?')).toContain(
      'USING INDEX referral_events_referral (referral_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM deals WHERE at >= ? AND at < ?')).toContain('USING INDEX deals_at (at>? AND at<?)');
    expect(planOf(d.raw, 'SELECT * FROM phone_inquiries WHERE at >= ? AND at < ?')).toContain(
      'USING INDEX phone_inquiries_at (at>? AND at<?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM disputes WHERE deal_id = ?')).toContain('USING INDEX disputes_deal (deal_id=?)');
    expect(planOf(d.raw, 'SELECT * FROM dispute_steps WHERE dispute_id = ?')).toContain('USING INDEX dispute_steps_dispute (dispute_id=?)');
  });
});
