/** Migration 0011: a session names the credential version it was opened under, so a PIN reset or deactivation ends it everywhere. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0011: session epoch', () => {
  it('existing credentials start at epoch 0 with everything else as it was; the epoch then moves', async () => {
    d = await databaseAt(10);
    d.raw.exec(`${SEED_STAFF}
      INSERT INTO staff_credentials (staff_id, pin_hash, salt, failed_attempts, locked_until, updated_at) VALUES ('zhang', 'h1', 's1', 2, NULL, '2026-03-01T09:00:00.000+08:00'), ('dir', 'h2', 's2', 5, '2026-03-01T09:15:00.000+08:00', '2026-03-01T09:00:00.000+08:00');
    `);
    await d.to(11);
    expect(d.raw.prepare('SELECT * FROM staff_credentials ORDER BY staff_id').all()).toEqual([
      {
        staff_id: 'dir',
        pin_hash: 'h2',
        salt: 's2',
        failed_attempts: 5,
        locked_until: '2026-03-01T09:15:00.000+08:00',
        updated_at: '2026-03-01T09:00:00.000+08:00',
        session_epoch: 0,
      },
      {
        staff_id: 'zhang',
        pin_hash: 'h1',
        salt: 's1',
        failed_attempts: 2,
        locked_until: null,
        updated_at: '2026-03-01T09:00:00.000+08:00',
        session_epoch: 0,
      },
    ]);
    d.raw.exec("UPDATE staff_credentials SET session_epoch = session_epoch + 1 WHERE staff_id = 'zhang'");
    expect(d.raw.prepare("SELECT session_epoch FROM staff_credentials WHERE staff_id = 'zhang'").pluck().get()).toBe(1);
    expect(() =>
      d.raw.exec(
        "INSERT INTO staff_credentials (staff_id, pin_hash, salt, updated_at, session_epoch) VALUES ('qian', 'h', 's', 'x', NULL)",
      ),
    ).toThrow(/NOT NULL/);
  });
});
