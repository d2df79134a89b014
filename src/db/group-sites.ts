/**
 * The office group's sites, as the group's reads see them (issue 16 item 4: a group role reads every site's
 * statements, disputes and dashboards). The services ask `eachSite(tx, fn)`: `fn` runs once per site, inside the
 * caller's own read transaction, with that site's tables in view — on PostgreSQL `SET LOCAL search_path` to the
 * site's schema, then the group's shared one, restored after — so the same queries answer for each site as for
 * the site's own screens, and the whole group is read in one snapshot (REPEATABLE READ).
 *
 * A single office's SQLite file is one site, and so is a group database without sites listed (before its first
 * site is added, issue 16 item 4): the database itself, under the code 'main', with no name of its own.
 */
import { HOME_SITE } from '../domain/group';
import { sql } from 'kysely';
import { engineOf } from './engine';
import type { ReadTx } from './read-tx';

/** A site of the office group: its code (what a drill-down names) and its name; null: the office has not named itself. */
export interface SiteRef {
  readonly code: string;
  readonly name: string | null;
}

/** The code of the one site a single office is (its SQLite file, or a group database without sites). */
export const ONE_SITE_CODE = HOME_SITE;

interface ListedSite extends SiteRef {
  /** where its tables live (PostgreSQL); null: the database as it is */
  readonly schema: string | null;
}

const ONE_SITE: ListedSite = { code: ONE_SITE_CODE, name: null, schema: null };

/** The group's sites in the order they were added (the group's shared schema `office_group.sites`), or the one site. */
async function listed(tx: ReadTx): Promise<ListedSite[]> {
  if (engineOf(tx) !== 'postgres') return [ONE_SITE];
  const there = await sql<{ t: string | null }>`SELECT to_regclass('office_group.sites')::text AS t`.execute(tx);
  if (!there.rows[0]?.t) return [ONE_SITE];
  const rows = await sql<{ code: string; name: string; schema_name: string }>`
    SELECT code, name, schema_name FROM office_group.sites ORDER BY id`.execute(tx);
  return rows.rows.length ? rows.rows.map((r) => ({ code: r.code, name: r.name, schema: r.schema_name })) : [ONE_SITE];
}

/** The site whose tables this transaction sees (its schema is the current one), or null: a single office's file. */
export async function siteHere(tx: ReadTx): Promise<SiteRef | null> {
  if (engineOf(tx) !== 'postgres') return null;
  const here = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(tx)).rows[0]?.schema;
  const site = (await listed(tx)).find((s) => s.schema === here);
  return site ? { code: site.code, name: site.name } : null;
}

/** The sites of the group, in the order a group screen lists them. */
export async function groupSites(tx: ReadTx): Promise<SiteRef[]> {
  return (await listed(tx)).map(({ code, name }) => ({ code, name }));
}

/**
 * Runs `fn` for each site (or only the one whose code is `only`), each with that site's tables in view, and
 * returns each site with what `fn` answered, in the sites' order. `only` naming no site: an empty list.
 */
export async function eachSite<T>(
  tx: ReadTx,
  fn: (site: SiteRef, tx: ReadTx) => Promise<T>,
  only?: string,
): Promise<{ site: SiteRef; value: T }[]> {
  const sites = (await listed(tx)).filter((s) => only === undefined || s.code === only);
  const out: { site: SiteRef; value: T }[] = [];
  if (sites.every((s) => s.schema === null)) {
    for (const { code, name } of sites) out.push({ site: { code, name }, value: await fn({ code, name }, tx) });
    return out;
  }
  const before = (await sql<{ path: string }>`SELECT current_setting('search_path') AS path`.execute(tx)).rows[0]!.path;
  for (const { code, name, schema } of sites) {
    // the schema names come from the group's own table; quoted as identifiers all the same
    const path = `"${schema!.replace(/"/g, '""')}", "office_group"`;
    await sql`SELECT set_config('search_path', ${path}, true)`.execute(tx);
    out.push({ site: { code, name }, value: await fn({ code, name }, tx) });
  }
  // back to the caller's site (a failure above aborts the transaction, which ends the setting with it)
  await sql`SELECT set_config('search_path', ${before}, true)`.execute(tx);
  return out;
}
