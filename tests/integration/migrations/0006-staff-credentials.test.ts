/** Migration 0006: PIN sign-in (R-SEC-1): a per-person hash and salt, wrong tries, the lock. Mutable by design (a PIN changes). */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, count, databaseAt, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0006: staff credentials', () => {
  it('existing staff keep their rows and have no PIN yet; a PIN is set, counted and locked in place; only staff can have one', async () => {
    d = await databaseAt(5);
    d.raw.exec(SEED_STAFF);
    await d.to(6);
    expect(d.raw.prepare('SELECT id, name FROM staff ORDER BY id').all()).toEqual([
      { id: 'dir', name: '赵总' },
      { id: 'qian', name: '钱前台' },
      { id: 'zhang', name: '张三' },
    ]);
    expect(count(d.raw, 'staff_credentials')).toBe(0);
    d.raw.exec(
      "INSERT INTO staff_credentials (staff_id, pin_hash, salt, updated_at) VALUES ('zhang', 'h1', 's1', '2026-03-01T09:00:00.000+08:00')",
    );
    expect(d.raw.prepare('SELECT failed_attempts, locked_until FROM staff_credentials').get()).toEqual({
      failed_attempts: 0,
      locked_until: null,
    });
    d.raw.exec("UPDATE staff_credentials SET failed_attempts = 5, locked_until = '2026-03-01T09:15:00.000+08:00' WHERE staff_id = 'zhang'");
    d.raw.exec(
      "UPDATE staff_credentials SET pin_hash = 'h2', salt = 's2', failed_attempts = 0, locked_until = NULL WHERE staff_id = 'zhang'",
    );
    expect(d.raw.prepare('SELECT pin_hash, failed_attempts FROM staff_credentials').get()).toEqual({ pin_hash: 'h2', failed_attempts: 0 });
    expect(() =>
      d.raw.exec("INSERT INTO staff_credentials (staff_id, pin_hash, salt, updated_at) VALUES ('nobody', 'h', 's', 'x')"),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      d.raw.exec("INSERT INTO staff_credentials (staff_id, pin_hash, salt, updated_at) VALUES ('zhang', 'h', 's', 'x')"),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
