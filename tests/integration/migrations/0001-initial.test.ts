/** Migration 0001: the foundation tables; facts insert-only (R-OWN-4); the indexes the desk and the day's lists ask through. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, count, databaseAt, expectInsertOnly, planOf, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

const FACTS = [
  'policy_versions',
  'rosters',
  'roster_events',
  'visits',
  'visit_events',
  'registrations',
  'registration_decisions',
  'audit_log',
];

function seedDay(raw: AtVersion['raw']): void {
  raw.exec(`${SEED_STAFF}
    INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES ('2026-01-05T00:00:00.000+08:00', '{"protectionMonths":3}', 'dir', '2026-01-05T09:00:00.000+08:00');
    INSERT INTO rosters (day, started_at, started_by) VALUES ('2026-03-02', '2026-03-02T08:30:00.000+08:00', 'dir');
    INSERT INTO roster_events (roster_id, at, actor_id, type, payload) VALUES (1, '2026-03-02T08:30:00.000+08:00', 'dir', 'start', '{"order":["zhang"]}');
    INSERT INTO roster_state (roster_id, state, event_count) VALUES (1, '{"queue":["zhang"]}', 1);
    INSERT INTO customers (name, phone, phone_key, created_at, created_by) VALUES ('周杰', '138 0000 0001', '13800000001', '2026-03-02T10:00:00.000+08:00', 'qian');
    INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, roster_id, recorded_by) VALUES (1, '2026-03-02T10:00:00.000+08:00', 'zhang', 'roster', 'walk_in', 'zhang', 1, 'qian');
    INSERT INTO visit_events (visit_id, at, type, payload, actor_id) VALUES (1, '2026-03-02T11:00:00.000+08:00', 'finish', '{}', 'zhang');
    INSERT INTO registrations (visit_id, customer_id, consultant_id, registered_at, recorded_by, created_at) VALUES (1, 1, 'zhang', '2026-03-02T10:00:00.000+08:00', 'qian', '2026-03-02T10:00:00.000+08:00');
    INSERT INTO registration_decisions (registration_id, at, decision, actor_id) VALUES (1, '2026-03-03T09:00:00.000+08:00', 'confirmed', 'dir');
    INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-02T10:00:00.000+08:00', 'qian', 'desk.walkIn', '{}');
  `);
}

describe('migration 0001: foundation', () => {
  it('an empty file gets the tables, and every fact table refuses UPDATE and DELETE', async () => {
    d = await databaseAt(0);
    await d.to(1);
    expect(await d.version()).toBe(1);
    seedDay(d.raw);
    for (const table of FACTS) {
      expect(count(d.raw, table), table).toBe(1);
      expectInsertOnly(d.raw, table, (fn, label) => expect(fn, label).toThrow(/insert-only: records are never altered or deleted/));
      expect(count(d.raw, table), table).toBe(1);
    }
    // mutable by design: staff, roles, the roster projection, customers
    d.raw.exec(
      "UPDATE staff SET active = 0 WHERE id = 'zhang'; UPDATE roster_state SET event_count = 2; UPDATE customers SET name = '周杰伦'; DELETE FROM staff_roles WHERE role = 'reception'",
    );
    // foreign keys hold: a visit of nobody is refused
    expect(() =>
      d.raw.exec(
        "INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (99, 'x', 'zhang', 'roster', 'walk_in', 'zhang', 'qian')",
      ),
    ).toThrow(/FOREIGN KEY/);
  });

  it('the desk finds a customer by phone, their visits and registrations, and the day’s registrations through indexes', async () => {
    d = await databaseAt(1);
    seedDay(d.raw);
    expect(planOf(d.raw, 'SELECT * FROM customers WHERE phone_key = ? ORDER BY id LIMIT 1')).toContain(
      'USING INDEX customers_phone_key (phone_key=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM visits WHERE customer_id = ? ORDER BY at')).toContain(
      'USING INDEX visits_customer (customer_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM visits WHERE at >= ? AND at < ?')).toContain('USING INDEX visits_at (at>? AND at<?)');
    expect(planOf(d.raw, 'SELECT * FROM registrations WHERE customer_id = ? ORDER BY registered_at DESC')).toContain(
      'USING INDEX registrations_customer (customer_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM registrations WHERE visit_id = ?')).toContain('USING INDEX registrations_visit (visit_id=?)');
    expect(planOf(d.raw, 'SELECT * FROM registrations WHERE registered_at >= ? AND registered_at < ?')).toContain(
      'USING INDEX registrations_day (registered_at>? AND registered_at<?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM registration_decisions WHERE registration_id = ?')).toContain(
      'USING INDEX registration_decisions_reg (registration_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM rosters WHERE day = ? ORDER BY id DESC LIMIT 1')).toContain('USING INDEX rosters_day (day=?)');
    expect(planOf(d.raw, 'SELECT * FROM roster_events WHERE roster_id = ? ORDER BY id')).toContain(
      'USING INDEX roster_events_roster (roster_id=?)',
    );
    expect(planOf(d.raw, 'SELECT * FROM visit_events WHERE visit_id = ? ORDER BY id')).toContain(
      'USING INDEX visit_events_visit (visit_id=?)',
    );
  });
});
