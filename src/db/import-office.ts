/**
 * Moving one sales office's SQLite file into an office group's PostgreSQL database (issue 16 item 5): every
 * table copied in one transaction, in the order its references need, with the ids it had; then, before the
 * transaction commits, the row counts per table compared, the rows read back compared with the file's, and the
 * site's ledger chain verified as PostgreSQL's triggers made it (src/db/ledger-postgres.ts). The file's own
 * chain is verified first with the office's key (src/db/ledger.ts), and every site's chain in the group before
 * anything is added. Anything that does not hold rolls it all back.
 *
 * Where it goes (issue 16 item 4, sites): the site of that name (or `code`) when it is there and holds no office
 * yet — the home site of an empty group, or one made by `salesdesk site add`; otherwise, when the group already
 * holds offices, a new site: its schema (site_<code>), its row in office_group.sites and every migration are made
 * in the import's own transaction, so a failed import leaves no schema and no site behind.
 *
 * The import is recorded in the site's audit log (method `office.import`, the site's name, the counts, both
 * chains' heads): insert-only and chained like every fact, so the record cannot be removed to import twice. A
 * second import under a name any site's record holds is refused, and so is an import into a site with facts.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { inspectDatabase } from './backup';
import { markEngine } from './engine';
import { FACT_TABLES, MUTABLE_TABLES } from './ledger';
import { withLedgerKey } from './ledger-key';
import { verifyPostgresLedger } from './ledger-postgres';
import { migrateNewSiteWithin, SCHEMA_VERSION } from './migrate';
import { OFFICE_TABLES } from './office-tables';
import { openDatabase } from './open';
import type { Database } from './schema';
import { takeWriteLock } from './transaction';
import { DataSafetyError, problem } from './problems';
import { createSiteWithin, HOME_SITE, schemaOfSite, SITE_CODE, verifyEverySite } from './sites';
import { nameInitials } from '../domain/names';

/** What is copied, in this order: each table after those its rows refer to. */
export const IMPORTED_TABLES = OFFICE_TABLES;
/** Not copied: the file's own ledger (the group's triggers chain every copied row anew), SQLite's counters, the cache counter. */
const NOT_IMPORTED = new Set(['ledger_chain', 'ledger_tables', 'ledger_key', 'reference_versions', 'sqlite_sequence']);
/** Tables whose id the group's identity sequences must continue after. */
const WITH_ID = new Set<string>([...FACT_TABLES, 'customers']);

for (const t of [...FACT_TABLES, ...Object.keys(MUTABLE_TABLES)]) {
  if (!(IMPORTED_TABLES as readonly string[]).includes(t)) throw new Error(`import-office: chained table ${t} is not imported`);
}

/** The record's method in the audit log: a second import under the same site name finds it. */
export const IMPORT_METHOD = 'office.import';
const BATCH = 500;
/** Held for the import's transaction: two imports at once take turns, the second then finds the first. */
const IMPORT_LOCK = 7166211;

export interface ImportProgress {
  table: string;
  /** 1-based position among IMPORTED_TABLES */
  index: number;
  of: number;
  /** rows of this table copied so far, and in all */
  copied: number;
  rows: number;
}

export interface ImportReport {
  site: string;
  /** the site it went into: its code and schema; isNew: made by this import */
  code: string;
  schema: string;
  isNew: boolean;
  file: string;
  at: string;
  counts: Record<string, number>;
  source: { ledgerRows: number; ledgerHead: string };
  /** the group's chain after the import and its record */
  group: { ledgerRows: number; ledgerHead: string };
}

export interface ImportOptions {
  /** the office's SQLite file */
  file: string;
  /** the office's ledger key (its salesdesk.key); null: none found, the file cannot be verified */
  sourceKey: Buffer | null;
  /** the group database, migrated, its connections carrying the group's ledger key (src/db/postgres.ts) */
  db: Kysely<Database>;
  groupKey: Buffer;
  site: string;
  /** the new site's code (it names the schema) when the group already holds offices; default: the name's initials */
  code?: string;
  now: Date;
  progress?: (p: ImportProgress) => void;
}

/** A value as both engines give it back to the app: instants as the ISO text the app writes. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const normal = (v: unknown) =>
  typeof v === 'string' && ISO_INSTANT.test(v) ? new Date(v).toISOString() : typeof v === 'bigint' ? Number(v) : v;

/** A table's rows as an order-free digest: the same rows give the same digest whichever engine they were read from. */
function digestOf(rows: Iterable<Record<string, unknown>>, columns: string[]): string {
  const lines: string[] = [];
  for (const r of rows) lines.push(JSON.stringify(columns.map((c) => normal(r[c]))));
  lines.sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
}

const detailOf = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 200);

export async function importOffice(opts: ImportOptions): Promise<ImportReport> {
  const site = opts.site.trim();
  if (site === '' || [...site].length > 60) throw new DataSafetyError('import_site_invalid');
  const file = basename(opts.file);

  // 1. The office's file, on its own: a Salesdesk database at this version whose chain verifies with its key.
  if (!opts.sourceKey) throw new DataSafetyError('import_source_unsound', { file }, [problem('key_missing')]);
  const inspected = withLedgerKey(opts.sourceKey, () => inspectDatabase(opts.file));
  if (!inspected.ok) throw new DataSafetyError('import_source_unsound', { file }, inspected.problems);
  const source = openDatabase(opts.file, { readonly: true, ledgerKey: opts.sourceKey });
  try {
    const version = source.raw.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) throw new DataSafetyError('import_source_version', { file, version, supported: SCHEMA_VERSION });
    const tables = (source.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter(
      (t) => !NOT_IMPORTED.has(t),
    );
    const unknown = tables.find((t) => !(IMPORTED_TABLES as readonly string[]).includes(t));
    if (unknown) throw new DataSafetyError('import_unknown_table', { table: unknown });

    // 2. The group's database as it is: every site's chain must verify before anything is added to it.
    const before = await verifyEverySite(opts.db, opts.groupKey);
    if (!before.ok)
      throw new DataSafetyError(
        'import_group_unsound',
        {},
        before.problems.map((p) => problem(p.code, p.params)),
      );

    return await opts.db.connection().execute(async (conn) => {
      const trx = conn as Kysely<any>;
      markEngine(trx, 'postgres');
      await sql`BEGIN ISOLATION LEVEL READ COMMITTED`.execute(trx);
      try {
        await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
        const target = await targetSite(trx, site, opts.code);
        if (target.isNew) {
          // the site and its schema, at the newest version, all in this transaction: a failure below takes them back
          await createSiteWithin(trx, { code: target.code, name: site, now: opts.now });
        }
        // an existing site not named yet (the home site of an empty group) takes the import's name
        else await sql`UPDATE office_group.sites SET name = ${site} WHERE code = ${target.code} AND name IS NULL`.execute(trx);
        // from here on the statements see the site's tables (as its app connections do), until the transaction ends
        await sql`SELECT set_config('search_path', ${`"${target.schema}", "office_group"`}, true)`.execute(trx);
        if (target.isNew) await migrateNewSiteWithin(trx);
        else await takeWriteLock(trx);
        for (const t of ['staff', 'customers', ...FACT_TABLES]) {
          const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(trx)).rows[0]?.n ?? 0);
          if (n > 0) throw new DataSafetyError('import_group_not_empty', { site: target.code, table: t, rows: n });
        }
        const report = await copyInto(trx, source, target, site, file, inspected, opts);
        await sql`COMMIT`.execute(trx);
        return report;
      } catch (e) {
        await sql`ROLLBACK`.execute(trx).catch(() => undefined);
        throw e;
      }
    });
  } finally {
    await source.close();
  }
}

interface Target {
  code: string;
  schema: string;
  isNew: boolean;
}

/**
 * Where an import of `name` goes. Refused: a name some site's import record already holds (import_site_done); a
 * code that is not SITE_CODE. The site named so (or coded `code`) when there; else the home site while it holds no
 * office (the first import into a group); else a new site, its code `code` or the name's initials (东湖项目 → dhxm,
 * dhxm2 … when taken).
 */
async function targetSite(trx: Kysely<any>, name: string, code: string | undefined): Promise<Target> {
  const sites = (
    await sql<{ code: string; name: string | null; schema: string }>`
      SELECT code, name, schema_name AS schema FROM office_group.sites ORDER BY id`.execute(trx)
  ).rows;
  for (const s of sites) {
    const done = await sql<{ at: string }>`SELECT at FROM ${sql.table(`${s.schema}.audit_log`)}
      WHERE method = ${IMPORT_METHOD} AND (detail::jsonb)->>'site' = ${name} ORDER BY id LIMIT 1`.execute(trx);
    if (done.rows[0]) throw new DataSafetyError('import_site_done', { site: name, importedAt: done.rows[0].at });
  }
  if (code !== undefined && (!SITE_CODE.test(code) || code !== code.trim()))
    throw new DataSafetyError('site_code_invalid', { code: code.slice(0, 40) });
  const named = sites.find((s) => (code !== undefined ? s.code === code : s.name?.trim() === name));
  if (named) return { code: named.code, schema: named.schema, isNew: false };
  if (code === undefined) {
    const home = sites.find((s) => s.code === HOME_SITE);
    if (home && !(await holdsOffice(trx, home.schema))) return { code: home.code, schema: home.schema, isNew: false };
  }
  const taken = new Set(sites.map((s) => s.code));
  let chosen = code;
  if (chosen === undefined) {
    const initials = nameInitials(name).replace(/[^a-z0-9_]/g, '');
    const base = SITE_CODE.test(initials) && initials !== HOME_SITE ? initials.slice(0, 27) : 'site';
    chosen = base;
    for (let n = 2; taken.has(chosen); n++) chosen = `${base}${n}`;
  }
  return { code: chosen, schema: schemaOfSite(chosen), isNew: true };
}

/** Whether a site's schema holds an office: staff, customers or any fact. */
async function holdsOffice(trx: Kysely<any>, schema: string): Promise<boolean> {
  for (const t of ['staff', 'customers', ...FACT_TABLES]) {
    const r = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(`${schema}.${t}`)} LIMIT 1`.execute(trx);
    if (r.rows[0]) return true;
  }
  return false;
}

/** 3–5: the copy into the site whose schema the connection now sees, its checks, and the record. */
async function copyInto(
  trx: Kysely<any>,
  source: ReturnType<typeof openDatabase>,
  target: Target,
  site: string,
  file: string,
  inspected: { ledgerRows: number; ledgerHead: string },
  opts: ImportOptions,
): Promise<ImportReport> {
  // 3. Copy, table by table, with the ids the office had.
  const counts: Record<string, number> = {};
  const digests = new Map<string, { columns: string[]; digest: string }>();
  for (const [i, table] of IMPORTED_TABLES.entries()) {
    const columns = source.raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    const rows = source.raw.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[];
    counts[table] = rows.length;
    digests.set(table, { columns, digest: digestOf(rows, columns) });
    const report = (copied: number) => opts.progress?.({ table, index: i + 1, of: IMPORTED_TABLES.length, copied, rows: rows.length });
    report(0);
    try {
      if (table === 'grade_labels') {
        // the site starts with the default labels: the office's own replace them
        const grades = rows.map((r) => String(r.grade));
        if (grades.length) await trx.deleteFrom('grade_labels').where('grade', 'not in', grades).execute();
        else await trx.deleteFrom('grade_labels').execute();
      }
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        const insert = trx.insertInto(table).values(batch);
        if (table === 'grade_labels')
          await insert
            .onConflict((oc) =>
              oc
                .column('grade')
                .doUpdateSet((eb) => Object.fromEntries(columns.filter((c) => c !== 'grade').map((c) => [c, eb.ref(`excluded.${c}`)]))),
            )
            .execute();
        else await insert.execute();
        report(Math.min(at + BATCH, rows.length));
      }
    } catch (e) {
      if (e instanceof DataSafetyError) throw e;
      throw new DataSafetyError('import_copy_failed', { table, detail: detailOf(e) });
    }
    if (WITH_ID.has(table) && rows.length) {
      // the sequence of this site's table (the schema the connection sees), never another site's
      await sql`SELECT setval(pg_get_serial_sequence(format('%I.%I', current_schema(), ${table}::text), 'id'),
        (SELECT max(id) FROM ${sql.table(table)}))`.execute(trx);
    }
  }

  // 4. What the site now holds, checked before it commits: counts, the rows themselves, the chain.
  for (const table of IMPORTED_TABLES) {
    const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]?.n ?? 0);
    if (n !== counts[table]) throw new DataSafetyError('import_counts_differ', { table, source: counts[table]!, group: n });
    const { columns, digest } = digests.get(table)!;
    const back = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(trx);
    if (digestOf(back.rows, columns) !== digest) throw new DataSafetyError('import_rows_differ', { table });
  }
  const copied = await verifyPostgresLedger(trx, opts.groupKey);
  if (!copied.ok)
    throw new DataSafetyError(
      'import_group_unsound',
      {},
      copied.problems.map((p) => problem(p.code, p.params)),
    );

  // 5. The record: the site's name, what came, both chains' heads.
  const record = {
    site,
    code: target.code,
    file,
    counts,
    sourceLedgerRows: inspected.ledgerRows,
    sourceLedgerHead: inspected.ledgerHead,
    groupLedgerHead: copied.head,
  };
  await trx
    .insertInto('audit_log')
    .values({ at: opts.now.toISOString(), actor_id: null, method: IMPORT_METHOD, detail: JSON.stringify(record) })
    .execute();
  const after = await verifyPostgresLedger(trx, opts.groupKey);
  if (!after.ok)
    throw new DataSafetyError(
      'import_group_unsound',
      {},
      after.problems.map((p) => problem(p.code, p.params)),
    );
  return {
    site,
    code: target.code,
    schema: target.schema,
    isNew: target.isNew,
    file,
    at: opts.now.toISOString(),
    counts,
    source: { ledgerRows: inspected.ledgerRows, ledgerHead: inspected.ledgerHead },
    group: { ledgerRows: after.rows, ledgerHead: after.head },
  };
}
