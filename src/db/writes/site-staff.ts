/** The links of one person's accounts at several sites of an office group (src/db/queries/site-staff.ts), PostgreSQL only. */
import { type Kysely, sql } from 'kysely';
import type { Account } from '../queries/site-staff';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

/** Held by every change of links until its transaction ends: two sites adding the same person take turns. */
const LINKS_LOCK = 7166213;

export async function lockLinks(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LINKS_LOCK})`.execute(tx);
}

/** The person (made when new) and their accounts at these sites, by code. */
export async function linkAccounts(
  tx: Tx,
  person: { id: string; name: string },
  accounts: readonly { code: string; staffId: string }[],
  now: Date,
): Promise<void> {
  await sql`INSERT INTO office_group.people (id, name, created_at) VALUES (${person.id}, ${person.name}, ${iso(now)})
    ON CONFLICT (id) DO NOTHING`.execute(tx);
  for (const a of accounts)
    await sql`INSERT INTO office_group.site_staff (person_id, site_id, staff_id)
      SELECT ${person.id}, id, ${a.staffId} FROM office_group.sites WHERE code = ${a.code}
      ON CONFLICT (site_id, staff_id) DO NOTHING`.execute(tx);
}

/**
 * `write` once for each account, in the group's site order, each with that site's tables in view (its search_path,
 * so its own ledger chain and triggers take the row), the caller's site back in view after. Always the same order:
 * two transactions writing two people's accounts take the sites' chain locks one way round, never crosswise.
 */
export async function atEveryAccount(
  tx: Tx,
  accounts: readonly Account[],
  write: (tx: Tx, staffId: string) => Promise<void>,
): Promise<void> {
  if (accounts.every((a) => a.schema === null)) {
    for (const a of accounts) await write(tx, a.staffId);
    return;
  }
  const before = (await sql<{ path: string }>`SELECT current_setting('search_path') AS path`.execute(tx)).rows[0]!.path;
  try {
    for (const a of accounts) {
      await sql`SELECT set_config('search_path', ${`"${a.schema!.replace(/"/g, '""')}", "office_group"`}, true)`.execute(tx);
      await write(tx, a.staffId);
    }
  } finally {
    await sql`SELECT set_config('search_path', ${before}, true)`.execute(tx).catch(() => undefined);
  }
}
