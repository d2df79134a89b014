/**
 * Sites (售楼处 / 项目) of an office group on PostgreSQL (issue 16 item 4). Each site keeps the whole office table
 * set — staff, policy versions, roster, customers, visits, deals, audit log, its own ledger chain — in a schema of
 * its own: the home site (the group's first office) in `public`, every other in `site_<code>`. The shared schema
 * `office_group` (migrations/postgres/group.ts) lists the sites, and links one person's accounts at several sites:
 * each site has its own staff, and `people` / `site_staff` say which of them are one person (staff.addFromSite,
 * src/services/site-staff.ts), who then has one PIN (src/db/writes/site-staff.ts atEveryAccount). group_roles is not
 * used: a group director is a staff role at each site.
 *
 * A site is a property of the connection, never of a query: the Kysely of a site (siteDb) runs every statement
 * with `search_path` = its schema, then office_group (src/db/postgres.ts), so services and queries are the same
 * for one site as for a single office's SQLite file — which is one site, the home one, and has no list.
 */
import { createHash } from 'node:crypto';
import { HOME_SITE } from '../domain/group';
import { type Kysely, sql } from 'kysely';
import { engineOf, HOME_SCHEMA, schemaOpenerOf } from './engine';
import type { LedgerReport } from './ledger';
import { verifyPostgresLedger } from './ledger-postgres';
import { migrateToLatest } from './migrate';
import { DataSafetyError } from './problems';
import type { Database } from './schema';
import { inTransaction } from './transaction';

/** A site's code: short, lower-case Latin letters, digits and _ (it names the schema); its name is the office's words. */
export const SITE_CODE = /^[a-z][a-z0-9_]{0,29}$/;
export { HOME_SITE };

export interface Site {
  id: number;
  code: string;
  /** null: the home site not named yet (a group's first office, as a single office has no name of its own) */
  name: string | null;
  /** the schema its tables live in */
  schema: string;
  createdAt: string;
}

export const schemaOfSite = (code: string): string => (code === HOME_SITE ? HOME_SCHEMA : `site_${code}`);

/** The group's sites, home first; a single office's file (SQLite) has none to list. */
export async function listSites(db: Kysely<any>): Promise<Site[]> {
  if (engineOf(db) !== 'postgres') return [];
  const r = await sql<{ id: number; code: string; name: string | null; schema: string; created_at: string }>`
    SELECT id, code, name, schema_name AS schema, created_at FROM office_group.sites ORDER BY id`.execute(db);
  return r.rows.map((s) => ({ id: Number(s.id), code: s.code, name: s.name, schema: s.schema, createdAt: s.created_at }));
}

/** The same database seen from one site's schema; `db` is any Kysely of the group's pool (the home one, another site's). */
export function siteDb(db: Kysely<any>, site: Pick<Site, 'schema'>): Kysely<Database> {
  const open = schemaOpenerOf(db);
  if (!open) throw new Error('siteDb: only an office group on PostgreSQL has sites');
  return open(site.schema) as Kysely<Database>;
}

const nameOk = (name: string) => name.trim() !== '' && [...name.trim()].length <= 60;

/**
 * A new site: its schema and its row in one transaction, then every migration applied to its schema (each in its
 * own transaction, as for the home site). Refused: a code that is not SITE_CODE, a name empty or over 60
 * characters, a code or schema already there.
 */
export async function addSite(db: Kysely<any>, input: { code: string; name: string; now: Date }): Promise<Site> {
  if (engineOf(db) !== 'postgres') throw new DataSafetyError('site_needs_group');
  const code = input.code.trim();
  if (!SITE_CODE.test(code) || code === HOME_SITE) throw new DataSafetyError('site_code_invalid', { code: code.slice(0, 40) });
  if (!nameOk(input.name)) throw new DataSafetyError('site_name_invalid');
  await migrateToLatest(db); // the shared schema first, so the sites table is there
  const schema = schemaOfSite(code);
  const site = await inTransaction(db as Kysely<Database>, 'write', async (tx) => {
    const t = tx as Kysely<any>;
    const there = await sql<{ code: string }>`SELECT code FROM office_group.sites WHERE code = ${code} OR schema_name = ${schema}`.execute(
      t,
    );
    if (there.rows[0]) throw new DataSafetyError('site_exists', { code });
    return createSiteWithin(t, { code, name: input.name.trim(), now: input.now });
  });
  await migrateToLatest(siteDb(db, site));
  return site;
}

/** The office's own name for a site (the home site starts as 'main'). */
/**
 * The site's schema and its row in office_group.sites, inside the caller's transaction (addSite's; an import's, which
 * then migrates the schema in the same transaction); the caller has checked the code is free.
 */
export async function createSiteWithin(t: Kysely<any>, input: { code: string; name: string; now: Date }): Promise<Site> {
  const schema = schemaOfSite(input.code);
  await sql.raw(`CREATE SCHEMA "${schema}"`).execute(t);
  const row = await sql<{ id: number; created_at: string }>`INSERT INTO office_group.sites (code, name, schema_name, created_at)
    VALUES (${input.code}, ${input.name}, ${schema}, ${input.now.toISOString()}) RETURNING id, created_at`.execute(t);
  return { id: Number(row.rows[0]!.id), code: input.code, name: input.name, schema, createdAt: row.rows[0]!.created_at };
}

export async function renameSite(db: Kysely<any>, code: string, name: string): Promise<Site> {
  if (!nameOk(name)) throw new DataSafetyError('site_name_invalid');
  const r = await sql`UPDATE office_group.sites SET name = ${name.trim()} WHERE code = ${code}`.execute(db);
  if (!Number(r.numAffectedRows ?? 0)) throw new DataSafetyError('site_unknown', { code: code.slice(0, 40) });
  return (await listSites(db)).find((s) => s.code === code)!;
}

/**
 * The ledger of every site, each verified in its own schema with the group's key, as one report: ok only if every
 * site's is; rows summed; the head one hash over every site's code and head (a single site's own head when the
 * group has one), so a backup's manifest pins every chain. Each problem names its site (params.site).
 */
export async function verifyEverySite(
  db: Kysely<any>,
  key: Buffer | null,
): Promise<LedgerReport & { sites: Record<string, LedgerReport> }> {
  const sites = await listSites(db).catch(() => [] as Site[]);
  if (sites.length <= 1) {
    const one = await verifyPostgresLedger(db, key);
    return { ...one, sites: { [sites[0]?.code ?? HOME_SITE]: one } };
  }
  const reports: Record<string, LedgerReport> = {};
  for (const s of sites) reports[s.code] = await verifyPostgresLedger(siteDb(db, s), key);
  const all = Object.entries(reports);
  const head = createHash('sha256')
    .update(all.map(([code, r]) => `${code}:${r.head}`).join('|'))
    .digest('hex');
  return {
    ok: all.every(([, r]) => r.ok),
    rows: all.reduce((n, [, r]) => n + r.rows, 0),
    head,
    problems: all.flatMap(([code, r]) => r.problems.map((p) => ({ ...p, params: { ...(p.params ?? {}), site: code } }))),
    sites: reports,
  };
}
