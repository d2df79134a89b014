/**
 * Frozen in time. Sign-in with a PIN (R-SEC-1): a per-person scrypt hash and salt, the count of wrong
 * tries and the lock that five wrong tries set. Mutable by design (a PIN changes); who changed it and when
 * is in the audit log.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_credentials')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
