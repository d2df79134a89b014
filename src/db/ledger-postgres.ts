/**
 * Verifies an office group's ledger on PostgreSQL (migrations/postgres/0013_baseline), in the same three layers
 * and with the same verdicts as SQLite's verifyLedger (src/db/ledger.ts):
 *
 * 1. the schema: a known version, every ledger table, every chain and guard trigger on its table, enabled, of
 *    its kind and calling the baseline's function, the functions themselves as the baseline wrote them, and no
 *    table outside both the chain and the derived list;
 * 2. the chain: each row's key and hash by the functions the PL/pgSQL triggers use (sd_row_key, sd_row_hash),
 *    then ledger.ts compareChain, the comparison SQLite's check makes too;
 * 3. what is derived: the stored queue of each roster replayed (ledger.ts compareDerived).
 *
 * Each engine hashes a row in its own words (SQLite json_object text, PostgreSQL jsonb text), so a chain is
 * verified on the engine that wrote it; from the same rows both say the same thing.
 */
import { type Kysely, sql } from 'kysely';
import { keyCheck } from './ledger-key';
import {
  type ChainEntry,
  compareChain,
  compareDerived,
  FACT_TABLES,
  type LedgerReport,
  MUTABLE_TABLES,
  NOT_CHAINED,
  Problems,
} from './ledger';
import { SCHEMA_VERSION, userVersion } from './migrate';

/** Tables an office group's database has beside SQLite's: the schema version, the shared web sessions. Not facts. */
const POSTGRES_NOT_CHAINED = new Set([...NOT_CHAINED, 'salesdesk_schema', 'web_sessions']);

/**
 * The ledger's functions as PostgreSQL keeps their bodies (md5 of pg_proc.prosrc) at the newest version: one altered
 * would hash or chain otherwise. sd_chain is version 14's (its lock per site: migrations/postgres/0014_site_chain_lock).
 */
export const LEDGER_FUNCTIONS: Readonly<Record<string, string>> = {
  sd_chain: 'c00066584262b07e57b909e797ed9f1f',
  sd_hmac: '7421d93e78ea508e5ea8f22407e91981',
  sd_insert_only: '0fcad323e1372194b2cd9a15d17ae127',
  sd_ledger_fact: 'c38fdbe6c12b78e7c0a95cdcd4542f5a',
  sd_ledger_key: 'f094ee857c13778fe3153811c3088094',
  sd_ledger_mutable: '485498bba5492be5fc45f878be4a2cae',
  sd_row_hash: 'ed56acd7ef8a89b0e5ad0a7f4ddac5cf',
  sd_row_id: 'f07377a361386bb1b5df3293871af366',
  sd_row_key: 'b0000d28cf33a4c75835120d85b73e67',
};

/** sd_chain as the baseline made it (one chain lock for the whole database), in a site not yet at version 14. */
const SD_CHAIN_V13 = 'db98aef8a9ce8b2160d05c8fde4cd0e7';

// pg_trigger.tgtype bits
const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;
const GUARD = { fn: 'sd_insert_only', type: ROW | BEFORE | UPDATE | DELETE };
const FACT = { fn: 'sd_ledger_fact', type: ROW | INSERT };
const MUTABLE = { fn: 'sd_ledger_mutable', type: ROW | INSERT | UPDATE | DELETE };
/** the reference-version counter's statement triggers (not the ledger's, named so no other hides among them) */
const REFERENCE = { fn: 'sd_reference_changed', type: INSERT | UPDATE | DELETE };
const REFERENCE_TABLES = ['staff', 'staff_roles', 'policy_versions'];

interface Trigger {
  name: string;
  table: string;
  fn: string;
  type: number;
  enabled: string;
}

/** Layer 1. Returns the chained tables whose rows can be hashed, or null when the ledger cannot be read at all. */
async function checkSchema(db: Kysely<any>, out: Problems): Promise<string[] | null> {
  const version = await userVersion(db);
  const tables = new Set(
    (await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()`.execute(db)).rows.map((r) => r.t),
  );
  if (version > SCHEMA_VERSION) out.schema('version_newer', { version, supported: SCHEMA_VERSION });
  const missing = ['ledger_chain', 'ledger_tables', 'ledger_key'].filter((t) => !tables.has(t));
  if (missing.length > 0) {
    out.schema('ledger_tables_missing', { tables: missing.join(',') });
    return null;
  }
  const columnsOf = async (table: string) =>
    (
      await sql<{
        c: string;
      }>`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(
        db,
      )
    ).rows.map((r) => r.c);
  const chainCols = (await columnsOf('ledger_chain')).join(',');
  if (chainCols !== 'seq,table_name,row_id,row_hash,chain_hash,row_key')
    out.schema('chain_columns_changed', { columns: chainCols }, 'ledger_chain');

  const functions = new Map(
    (
      await sql<{
        name: string;
        body: string;
      }>`SELECT p.proname AS name, md5(p.prosrc) AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`.execute(
        db,
      )
    ).rows.map((r) => [r.name, r.body]),
  );
  for (const [name, body] of Object.entries(LEDGER_FUNCTIONS)) {
    const want = name === 'sd_chain' && version < 14 ? SD_CHAIN_V13 : body;
    if (functions.get(name) !== want) out.schema('ledger_function_changed', { function: name });
  }

  const triggers = new Map(
    (
      await sql<Trigger>`SELECT g.tgname AS name, c.relname AS table, p.proname AS fn, g.tgtype AS type, g.tgenabled AS enabled
        FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = g.tgfoid
        WHERE NOT g.tgisinternal AND n.nspname = current_schema()`.execute(db)
    ).rows.map((t) => [t.name, t]),
  );
  const expected = new Set<string>();
  const holds = (name: string, table: string, want: { fn: string; type: number }) => {
    expected.add(name);
    const t = triggers.get(name);
    return t ? t.table === table && t.fn === want.fn && Number(t.type) === want.type && t.enabled === 'O' : null;
  };

  const recorded = new Map(
    (await sql<{ table_name: string; columns: string }>`SELECT table_name, columns FROM ledger_tables`.execute(db)).rows.map((r) => [
      r.table_name,
      r.columns,
    ]),
  );
  const hashable: string[] = [];
  for (const table of [...FACT_TABLES, ...Object.keys(MUTABLE_TABLES)]) {
    if (!tables.has(table)) {
      out.schema('chained_table_missing', { table }, table);
      continue;
    }
    const actual = await columnsOf(table);
    let listed: unknown = null;
    try {
      listed = JSON.parse(recorded.get(table) ?? 'null');
    } catch {
      // a list that is not JSON records nothing
    }
    if (JSON.stringify(listed) !== JSON.stringify(actual)) out.schema('columns_unrecorded', { table }, table);
    hashable.push(table);
    const mutable = !!MUTABLE_TABLES[table];
    if (!mutable && holds(`${table}_insert_only`, table, GUARD) !== true)
      out.schema('guard_trigger_changed', { trigger: `${table}_insert_only`, table }, table);
    const ledger = holds(`${table}_ledger`, table, mutable ? MUTABLE : FACT);
    if (ledger === null) out.schema('ledger_trigger_missing', { trigger: `${table}_ledger`, table }, table);
    else if (!ledger) out.schema('ledger_trigger_changed', { trigger: `${table}_ledger`, table }, table);
  }
  for (const table of ['ledger_chain', 'ledger_key', 'ledger_tables']) {
    if (holds(`${table}_insert_only`, table, GUARD) !== true)
      out.schema('ledger_guard_changed', { trigger: `${table}_insert_only` }, table);
  }
  for (const table of REFERENCE_TABLES) holds(`${table}_reference_version`, table, REFERENCE);
  for (const [name, t] of triggers) {
    if (!expected.has(name)) out.schema('foreign_trigger', { trigger: name, table: t.table }, t.table);
  }
  for (const t of tables) {
    if (!POSTGRES_NOT_CHAINED.has(t) && !(t in MUTABLE_TABLES) && !(FACT_TABLES as readonly string[]).includes(t))
      out.schema('unknown_table', { table: t }, t);
  }
  return hashable;
}

/** Layer 2's rows: each chained row's key and hash now, by the triggers' own functions. */
async function currentRows(db: Kysely<any>, tables: string[]): Promise<Map<string, Map<string, string>>> {
  const current = new Map<string, Map<string, string>>();
  for (const table of tables) {
    const key = MUTABLE_TABLES[table] ? sql`sd_row_key(${table}, to_jsonb(t))` : sql`t.id::text`;
    const rows = await sql<{
      k: string;
      h: string;
    }>`SELECT ${key} AS k, sd_row_hash(${table}, to_jsonb(t)) AS h FROM ${sql.table(table)} t`.execute(db);
    current.set(table, new Map(rows.rows.map((r) => [r.k, r.h])));
  }
  return current;
}

/**
 * The whole check of a group database, with the group's ledger key. `db` may be a transaction (an import checks
 * what it wrote before it commits) or a scratch database a dump was restored into (a backup's check).
 */
export async function verifyPostgresLedger(db: Kysely<any>, key: Buffer | null, limit = 20): Promise<LedgerReport> {
  const out = new Problems(limit);
  const fail = (): LedgerReport => ({ ok: false, rows: 0, head: '', problems: out.list });
  const tables = await checkSchema(db, out);
  if (!tables) return fail();
  const check = (await sql<{ h: string }>`SELECT check_hash AS h FROM ledger_key WHERE id = 1`.execute(db)).rows[0]?.h ?? '';
  if (!key) {
    out.add({ kind: 'key', table: 'ledger_key', rowId: 0, seq: null, code: 'key_missing' });
    return fail();
  }
  if (check !== keyCheck(key)) {
    out.add({ kind: 'key', table: 'ledger_key', rowId: 0, seq: null, code: 'key_wrong' });
    return fail();
  }
  const current = await currentRows(db, tables);
  const chain = await sql<{
    seq: number;
    table_name: string;
    row_id: number;
    row_key: string | null;
    row_hash: string;
    chain_hash: string;
  }>`
    SELECT seq, table_name, row_id, row_key, row_hash, chain_hash FROM ledger_chain ORDER BY seq`.execute(db);
  const entries = chain.rows.map((r): ChainEntry => [Number(r.seq), r.table_name, Number(r.row_id), r.row_key, r.row_hash, r.chain_hash]);
  const { rows, head } = compareChain(key, current, entries, out);

  const events = await sql<{
    roster_id: number;
    payload: string;
  }>`SELECT roster_id, payload FROM roster_events ORDER BY roster_id, id`.execute(db);
  const stored = await sql<{
    roster_id: number;
    state: string;
    event_count: number;
  }>`SELECT roster_id, state, event_count FROM roster_state`.execute(db);
  const rosters = new Map<number, { id: number; payloads: string[]; stored: { state: string; event_count: number } | undefined }>();
  const roster = (id: number) => rosters.get(id) ?? rosters.set(id, { id, payloads: [], stored: undefined }).get(id)!;
  for (const e of events.rows) roster(Number(e.roster_id)).payloads.push(e.payload);
  for (const s of stored.rows) roster(Number(s.roster_id)).stored = { state: s.state, event_count: Number(s.event_count) };
  compareDerived(rosters.values(), out);
  return { ok: out.list.length === 0, rows, head, problems: out.list };
}
