/**
 * One person at more than one site of an office group (issue 16 item 4): the links between a site's staff rows,
 * office_group.people and office_group.site_staff (migrations/postgres/group.ts). Plain facts, no decisions. A
 * single office's file (SQLite) is one site: nobody there is linked anywhere else.
 */
import { sql } from 'kysely';
import { engineOf } from '../engine';
import type { ReadTx } from '../read-tx';

/** One account of a person: the staff id at one site. `schema` null: the database as it is (not linked, or one site). */
export interface Account {
  schema: string | null;
  code: string | null;
  staffId: string;
  here: boolean;
}

/**
 * Every account of the person behind `staffId` here, in the group's site order (this one among them); not linked
 * (or a single office): this one alone. `lock` (a write): holds the person's row until the transaction ends, so
 * two sites' PIN checks of one person take turns and each sees the other's count (READ COMMITTED reads after it).
 */
export async function accountsOf(tx: ReadTx, staffId: string, lock = false): Promise<Account[]> {
  const alone: Account[] = [{ schema: null, code: null, staffId, here: true }];
  if (engineOf(tx) !== 'postgres') return alone;
  const rows = await sql<{ schema: string; code: string; staff_id: string; here: boolean }>`
    SELECT s.schema_name AS schema, s.code, l.staff_id, s.schema_name = current_schema() AS here
    FROM office_group.site_staff me
    JOIN office_group.sites ms ON ms.id = me.site_id AND ms.schema_name = current_schema()
    JOIN office_group.people p ON p.id = me.person_id
    JOIN office_group.site_staff l ON l.person_id = me.person_id
    JOIN office_group.sites s ON s.id = l.site_id
    WHERE me.staff_id = ${staffId}
    ORDER BY s.id
    ${lock ? sql`FOR UPDATE OF p` : sql``}`.execute(tx);
  return rows.rows.length ? rows.rows.map((r) => ({ schema: r.schema, code: r.code, staffId: r.staff_id, here: !!r.here })) : alone;
}

/** The person a staff row of a site is linked to (null: none), by the site's code. */
export async function personOf(tx: ReadTx, site: string, staffId: string): Promise<string | null> {
  if (engineOf(tx) !== 'postgres') return null;
  const r = await sql<{ person_id: string }>`SELECT l.person_id FROM office_group.site_staff l
    JOIN office_group.sites s ON s.id = l.site_id WHERE s.code = ${site} AND l.staff_id = ${staffId}`.execute(tx);
  return r.rows[0]?.person_id ?? null;
}

/**
 * Every link of the people linked at this site: for each, the person, the site's code and the staff id there, and
 * whether that link is this site's. Empty for a single office.
 */
export async function linksOfPeopleHere(tx: ReadTx): Promise<{ personId: string; code: string; staffId: string; here: boolean }[]> {
  if (engineOf(tx) !== 'postgres') return [];
  const r = await sql<{ person_id: string; code: string; staff_id: string; here: boolean }>`
    SELECT l.person_id, s.code, l.staff_id, s.schema_name = current_schema() AS here
    FROM office_group.site_staff l JOIN office_group.sites s ON s.id = l.site_id
    WHERE l.person_id IN (SELECT me.person_id FROM office_group.site_staff me
      JOIN office_group.sites ms ON ms.id = me.site_id AND ms.schema_name = current_schema())
    ORDER BY s.id, l.staff_id`.execute(tx);
  return r.rows.map((x) => ({ personId: x.person_id, code: x.code, staffId: x.staff_id, here: !!x.here }));
}
