/**
 * The same synthetic office on PostgreSQL: the generated SQLite file (bench/generate.ts) copied into a new
 * database that the app's own migrations made, so both engines answer over the same rows.
 *
 * As on SQLite, the per-row triggers would cost most of the load (each chained row: a jsonb row hash, an
 * HMAC, a lookup of the chain's head), so for the load the copied tables' triggers are disabled (the table
 * owner may; no superuser needed) and the big tables' secondary indexes dropped. Then `ledger_chain` is
 * built the way the triggers chain (migrations/postgres/0013_baseline: sd_row_hash's text of each row, computed
 * by the server; each link the HMAC over the one before with the office group's key, table by table in row
 * order, after the links the migrations made), the indexes recreated from their own definitions, the
 * identity sequences moved past the copied ids, the triggers enabled again, and every table vacuumed and
 * analysed, as an office group's database would be after its autovacuum.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { hmac } from '../src/db/ledger-key';
import { OFFICE_TABLES } from '../src/db/office-tables';
import type { Progress } from './generate';

/**
 * Parents before children (foreign keys stay checked during the load): the office's copy order, shared with
 * import-office. grade_labels is left as the migrations made it, as the generated file has the same defaults.
 */
const ORDER = OFFICE_TABLES.filter((t) => t !== 'grade_labels');
const BIG = ['customers', 'visits', 'visit_events', 'registrations', 'registration_decisions', 'roster_events', 'deals'];
const BATCH = 10_000;

export interface LoadSummary {
  seconds: number;
  rows: Record<string, number>;
  chained: number;
  ledger: string;
  /** seconds per phase: copy, chain, indexes, vacuum */
  phases: Record<string, number>;
}

export async function loadIntoPostgres(
  sqlite: BetterSqlite3.Database,
  pool: pg.Pool,
  key: Buffer,
  progress: Progress = () => {},
): Promise<LoadSummary> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };
  const c = await pool.connect();
  try {
    const q = async <T = Record<string, unknown>>(text: string, values?: unknown[]) => (await c.query(text, values)).rows as T[];
    const tables = ORDER.filter((t) => (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n > 0);
    for (const t of tables) {
      const [{ n }] = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`)) as [{ n: number }];
      if (n > 0) throw new Error(`${t} already has ${n} rows on PostgreSQL: the office is loaded into an empty, migrated database`);
    }
    const indexes = await q<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'",
      [BIG],
    );
    for (const i of indexes) await q(`DROP INDEX "${i.indexname}"`);
    for (const t of tables) await q(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);

    const rows: Record<string, number> = {};
    const total = tables.reduce((s, t) => s + (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n, 0);
    let done = 0;
    for (const t of tables) {
      const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[])
        .map((n) => `"${n}"`)
        .join(', ');
      const insert = `INSERT INTO "${t}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${t}", $1::json)`;
      let batch: unknown[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await q(insert, [JSON.stringify(batch)]);
        done += batch.length;
        rows[t] = (rows[t] ?? 0) + batch.length;
        batch = [];
        progress('postgres', done, total, t);
      };
      await q('BEGIN');
      for (const r of sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate()) {
        batch.push(r);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await q('COMMIT');
    }

    phase('copy');
    const chained = await chain(q, tables, key, progress);
    phase('chain');
    for (const [k, i] of indexes.entries()) {
      progress('pg index', k, indexes.length, i.indexname);
      await q(i.indexdef);
    }
    phase('indexes');
    for (const t of tables) {
      const identity = await q<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [`"${t}"`]).catch(() => [
        { seq: null },
      ]);
      if (identity[0]?.seq) await q(`SELECT setval($1, (SELECT max(id) FROM "${t}"))`, [identity[0].seq]);
      await q(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
    }
    for (const t of [...tables, 'ledger_chain']) await q(`VACUUM ANALYZE "${t}"`);
    phase('vacuum');
    return {
      phases,
      seconds: (performance.now() - started) / 1000,
      rows,
      chained,
      ledger: `PostgreSQL: triggers disabled for the load; ledger_chain built for ${chained.toLocaleString('en')} rows with sd_row_hash's text and the group's key (table by table, in row order); triggers and indexes restored`,
    };
  } finally {
    c.release();
  }
}

/** Every copied row into the chain, after the links the migrations made, as sd_chain would link them. */
async function chain(
  q: <T>(text: string, values?: unknown[]) => Promise<T[]>,
  loaded: string[],
  key: Buffer,
  progress: Progress,
): Promise<number> {
  const tables = (await q<{ table_name: string }>('SELECT table_name FROM ledger_tables ORDER BY table_name'))
    .map((t) => t.table_name)
    .filter((t) => loaded.includes(t));
  let prev = (await q<{ chain_hash: string }>('SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1'))[0]?.chain_hash ?? '';
  const insert = `INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash)
    SELECT $1, r, k, h, c FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(r, k, h, c, o) ORDER BY o`;
  let done = 0;
  for (const t of tables) {
    const hasId =
      (
        await q<{ n: number }>(
          "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'id' AND data_type = 'bigint'",
          [t],
        )
      )[0]!.n > 0;
    // sd_row_hash's own expression, set-based: the row as jsonb without the columns ledger_tables does not list
    // (sd_row_hash rebuilds the object key by key and reads ledger_tables for every row; the same text, slower).
    const excluded = (
      await q<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name NOT IN (SELECT jsonb_array_elements_text(columns::jsonb) FROM ledger_tables WHERE table_name = $1)",
        [t],
      )
    ).map((c) => `'${c.column_name}'`);
    const jsonb = excluded.length ? `(to_jsonb(x) - ARRAY[${excluded.join(', ')}]::text[])` : 'to_jsonb(x)';
    const row = `sd_row_id('${t}', to_jsonb(x)) AS rid, sd_row_key('${t}', to_jsonb(x)) AS rkey, encode(sha256(convert_to('${t}|' || ${jsonb}::text, 'UTF8')), 'hex') AS h`;
    const pages = hasId
      ? async function* () {
          for (let last = 0; ;) {
            const rows = await q<{ id: number; rid: number; rkey: string | null; h: string }>(
              `SELECT x.id, ${row} FROM "${t}" x WHERE x.id > $1 ORDER BY x.id LIMIT 20000`,
              [last],
            );
            if (!rows.length) return;
            yield rows;
            last = rows[rows.length - 1]!.id;
          }
        }
      : async function* () {
          yield await q<{ rid: number; rkey: string | null; h: string }>(`SELECT ${row} FROM "${t}" x ORDER BY 2`);
        };
    for await (const rows of pages()) {
      const links = rows.map((r) => (prev = hmac(key, `${prev}|${t}|${r.rkey ?? String(r.rid)}|${r.h}`)));
      await q(insert, [t, rows.map((r) => r.rid), rows.map((r) => r.rkey), rows.map((r) => r.h), links]);
      done += rows.length;
      progress('pg chain', done, done, t);
    }
  }
  return done;
}
