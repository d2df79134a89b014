/**
 * Migration 0009: a counter SQLite moves on any change to staff, roles or policy, so the app may keep them
 * in memory. tests/integration/caches.test.ts ('reference versions (migration 0009)') migrates a file at 8
 * and checks inserts and an update move it; this adds what that leaves out: rows already there, deletes and
 * role changes, and a refused change to policy (insert-only) that must not move it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0009: reference versions', () => {
  it('existing staff and roles stay, the counter starts at 0, and every committed change to them moves it', async () => {
    d = await databaseAt(8);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES ('2026-01-05T00:00:00.000+08:00', '{}', 'dir', '2026-01-05T09:00:00.000+08:00');`);
    await d.to(9);
    const version = () => d.raw.prepare("SELECT version FROM reference_versions WHERE name = 'reference'").pluck().get();
    expect(version()).toBe(0);
    expect(d.raw.prepare('SELECT staff_id, role FROM staff_roles ORDER BY staff_id').all()).toEqual([
      { staff_id: 'dir', role: 'admin' },
      { staff_id: 'qian', role: 'reception' },
      { staff_id: 'zhang', role: 'consultant' },
    ]);
    d.raw.exec("UPDATE staff_roles SET role = 'manager' WHERE staff_id = 'zhang'");
    expect(version()).toBe(1);
    d.raw.exec("DELETE FROM staff_roles WHERE staff_id = 'qian'");
    expect(version()).toBe(2);
    d.raw.exec("DELETE FROM staff WHERE id = 'qian'");
    expect(version()).toBe(3);
    expect(() => d.raw.exec('UPDATE policy_versions SET params = \'{"x":1}\'')).toThrow(/insert-only/);
    expect(version()).toBe(3);
  });
});
