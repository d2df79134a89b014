/**
 * Verifies the tamper-evident ledger (migrations/0005, 0007, 0012), in three layers:
 *
 * 1. the schema: a user_version this app knows, every ledger table, every chain and guard trigger exactly
 *    as the migrations made them, no table outside both the chain and the derived list;
 * 2. the chain: each link is the HMAC, with the office's key (src/db/ledger-key), of the link before, the
 *    row's table and key and the row's hash, so the public SHA-256 alone cannot extend or rewrite it; each
 *    fact row matches its one entry, each row of a mutable table (staff, roles, PINs, customers…) its
 *    latest entry, and no row is missing from the chain;
 * 3. what is derived, recomputed from the chained facts: the stored queue of each roster is replayed.
 *
 * Problems are facts (src/db/problems: a code and its params), the first one first; the renderer words them.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { emptyRoster, type RosterEvent, replayRoster } from '../domain/roster';
import { hmac, keyCheck } from './ledger-key';
import { SCHEMA_VERSION } from './migrate';
import { ledgerKeyOf } from './open';
import type { CheckCode, CheckParams } from './problems';

export interface LedgerProblem {
  /** schema: a table or trigger missing or altered; key: no key, or another office's; derived: a stored projection differs from its replay */
  kind: 'changed' | 'deleted' | 'unchained' | 'chain_broken' | 'schema' | 'key' | 'derived';
  table: string;
  rowId: number;
  seq: number | null;
  /** what is wrong (its words: the renderer's check.<code>) */
  code: CheckCode;
  params?: CheckParams;
  /** the row's key in a mutable table (a staff id, json_array(staff_id, role) …) */
  rowKey?: string;
}

export interface LedgerReport {
  ok: boolean;
  rows: number;
  /** the newest chain hash: recorded with each backup, so a chain rewritten from scratch differs from it */
  head: string;
  problems: LedgerProblem[];
}

/** The first schema version whose chain is keyed: older files cannot prove they were not rewritten. */
export const KEYED_SINCE = 12;

/** Insert-only facts, keyed by their integer id. */
export const FACT_TABLES = [
  'announcements',
  'audit_log',
  'company_clients',
  'customer_links',
  'deal_changes',
  'deals',
  'dispute_steps',
  'disputes',
  'follow_ups',
  'manager_notes',
  'phone_inquiries',
  'policy_versions',
  'referral_events',
  'referrals',
  'registration_decisions',
  'registrations',
  'roster_events',
  'rosters',
  'visit_events',
  'visits',
] as const;

/** Mutable tables that decide who may do what or who is paid: every INSERT, UPDATE and DELETE is chained. */
export const MUTABLE_TABLES: Record<string, { key: (p: string) => string; rowId: (p: string) => string }> = {
  staff: { key: (p) => `${p}"id"`, rowId: () => '0' },
  staff_roles: { key: (p) => `json_array(${p}"staff_id", ${p}"role")`, rowId: () => '0' },
  staff_credentials: { key: (p) => `${p}"staff_id"`, rowId: () => '0' },
  customers: { key: (p) => `CAST(${p}"id" AS TEXT)`, rowId: (p) => `${p}"id"` },
  grade_labels: { key: (p) => `${p}"grade"`, rowId: () => '0' },
};

/**
 * Not chained, on purpose: the ledger itself; roster_state, replayed from roster_events below;
 * reference_versions, a cache counter that decides nothing (a wrong value only makes the app re-read or
 * keep staff and roles it would verify anyway); sqlite_sequence, SQLite's own id counters.
 */
export const NOT_CHAINED = new Set([
  'ledger_chain',
  'ledger_tables',
  'ledger_key',
  'roster_state',
  'reference_versions',
  'sqlite_sequence',
]);

export const TOMBSTONE = 'deleted';
export const rowJson = (p: string, columns: string[]) => `json_object(${columns.map((c) => `'${c}', ${p}"${c}"`).join(', ')})`;
const LAST = `coalesce((SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1), '')`;
const link = (key: Buffer, prev: string, table: string, rowKey: string, rowHash: string) =>
  hmac(key, `${prev}|${table}|${rowKey}|${rowHash}`);

// The triggers exactly as migrations/0012 writes them (a migration is frozen, so it keeps its own copy).
function entry(table: string, rowId: string, storedKey: string, linkKey: string, rowHash: string, when = ''): string {
  return `INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash)
    SELECT '${table}', ${rowId}, ${storedKey}, h.row_hash, sd_hmac(${LAST} || '|${table}|' || ${linkKey} || '|' || h.row_hash)
    FROM (SELECT ${rowHash} AS row_hash) AS h${when};`;
}

export function expectedTriggers(table: string, cols: string[]): Record<string, string> {
  const m = MUTABLE_TABLES[table];
  if (!m) {
    return {
      [`${table}_ledger`]: `CREATE TRIGGER ${table}_ledger AFTER INSERT ON ${table} BEGIN
      ${entry(table, 'NEW."id"', 'NULL', 'NEW."id"', `sd_sha256('${table}|' || ${rowJson('NEW.', cols)})`)}
    END`,
    };
  }
  const row = (p: string) => entry(table, m.rowId(p), m.key(p), m.key(p), `sd_sha256('${table}|' || ${rowJson(p, cols)})`);
  const tombstone = (when = '') => entry(table, m.rowId('OLD.'), m.key('OLD.'), m.key('OLD.'), `'${TOMBSTONE}'`, when);
  return {
    [`${table}_ledger`]: `CREATE TRIGGER ${table}_ledger AFTER INSERT ON ${table} BEGIN ${row('NEW.')} END`,
    [`${table}_ledger_update`]: `CREATE TRIGGER ${table}_ledger_update AFTER UPDATE ON ${table} BEGIN
      ${tombstone(` WHERE (${m.key('OLD.')}) IS NOT (${m.key('NEW.')})`)}
      ${row('NEW.')}
    END`,
    [`${table}_ledger_delete`]: `CREATE TRIGGER ${table}_ledger_delete AFTER DELETE ON ${table} BEGIN ${tombstone()} END`,
  };
}

const normal = (s: string) => s.replace(/\s+/g, ' ').trim();
const guard = (table: string, op: string) =>
  new RegExp(
    `^CREATE TRIGGER "?${table}_no_${op.toLowerCase()}"? BEFORE ${op} ON "?${table}"? BEGIN SELECT RAISE\\(ABORT, '[^']*insert-only[^']*'\\); END$`,
    'i',
  );
/** Triggers that are the app's own but not the ledger's (migrations/0009): named, so no other may hide among them. */
const referenceTrigger = /^(staff|staff_roles|policy_versions)_(insert|update|delete)_reference_version$/;

/** The problems a check finds, the first `limit` of them: both engines' verifiers (ledger-postgres.ts) fill one. */
export class Problems {
  readonly list: LedgerProblem[] = [];
  constructor(private readonly limit: number) {}
  add(p: LedgerProblem): void {
    if (this.list.length < this.limit) this.list.push(p);
  }
  schema(code: CheckCode, params: CheckParams = {}, table = ''): void {
    this.add({ kind: 'schema', table, rowId: 0, seq: null, code, params });
  }
}

/** Layer 1. Returns the columns each chained table's hash covers, or null when the ledger cannot be read at all. */
function checkSchema(raw: BetterSqlite3.Database, out: Problems): Map<string, string[]> | null {
  const version = raw.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) out.schema('version_newer', { version, supported: SCHEMA_VERSION });
  else if (version < KEYED_SINCE) {
    out.schema('version_unkeyed', { version, keyedSince: KEYED_SINCE });
    return null;
  }
  const master = raw.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const tables = new Set(master.filter((m) => m.type === 'table').map((m) => m.name));
  const missing = ['ledger_chain', 'ledger_tables', 'ledger_key'].filter((t) => !tables.has(t));
  if (missing.length > 0) {
    out.schema('ledger_tables_missing', { tables: missing.join(',') });
    return null;
  }
  const chainCols = (raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('ledger_chain') as string[]).join(',');
  if (chainCols !== 'seq,table_name,row_id,row_hash,chain_hash,row_key')
    out.schema('chain_columns_changed', { columns: chainCols }, 'ledger_chain');

  const chained = [...FACT_TABLES, ...Object.keys(MUTABLE_TABLES)];
  const recorded = new Map(
    (raw.prepare('SELECT table_name, columns FROM ledger_tables').all() as { table_name: string; columns: string }[]).map((r) => [
      r.table_name,
      r.columns,
    ]),
  );
  const columns = new Map<string, string[]>();
  const triggers = new Map(master.filter((m) => m.type === 'trigger').map((m) => [m.name, m]));
  const expected = new Set<string>();
  for (const table of chained) {
    if (!tables.has(table)) {
      out.schema('chained_table_missing', { table }, table);
      continue;
    }
    const actual = raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    if (recorded.get(table) !== JSON.stringify(actual)) out.schema('columns_unrecorded', { table }, table);
    columns.set(table, actual);
    const want: Record<string, string> = expectedTriggers(table, actual);
    for (const op of MUTABLE_TABLES[table] ? [] : ['UPDATE', 'DELETE']) {
      const name = `${table}_no_${op.toLowerCase()}`;
      expected.add(name);
      if (!guard(table, op).test(normal(triggers.get(name)?.sql ?? '')))
        out.schema('guard_trigger_changed', { trigger: name, table }, table);
    }
    for (const [name, sql] of Object.entries(want)) {
      expected.add(name);
      const found = triggers.get(name)?.sql;
      if (!found) out.schema('ledger_trigger_missing', { trigger: name, table }, table);
      else if (normal(found) !== normal(sql)) out.schema('ledger_trigger_changed', { trigger: name, table }, table);
    }
  }
  for (const name of ['ledger_chain_no_update', 'ledger_chain_no_delete', 'ledger_key_no_update', 'ledger_key_no_delete']) {
    expected.add(name);
    const table = name.startsWith('ledger_chain') ? 'ledger_chain' : 'ledger_key';
    if (!guard(table, name.endsWith('update') ? 'UPDATE' : 'DELETE').test(normal(triggers.get(name)?.sql ?? '')))
      out.schema('ledger_guard_changed', { trigger: name }, table);
  }
  for (const [name, t] of triggers) {
    if (!expected.has(name) && !referenceTrigger.test(name))
      out.schema('foreign_trigger', { trigger: name, table: t.tbl_name }, t.tbl_name);
  }
  for (const t of tables) {
    if (!chained.includes(t) && !NOT_CHAINED.has(t)) out.schema('unknown_table', { table: t }, t);
  }
  return columns;
}

/** One link of the chain as read from ledger_chain: seq, table_name, row_id, row_key, row_hash, chain_hash. */
export type ChainEntry = readonly [seq: number, table: string, rowId: number, rowKey: string | null, rowHash: string, chainHash: string];

/** Layer 2 on SQLite: each row's key and hash by the functions its triggers use, then the comparison both engines share. */
function checkChain(
  raw: BetterSqlite3.Database,
  key: Buffer,
  columns: Map<string, string[]>,
  out: Problems,
): { rows: number; head: string } {
  const current = new Map<string, Map<string, string>>();
  for (const [table, cols] of columns) {
    const k = MUTABLE_TABLES[table]?.key('') ?? 'CAST("id" AS TEXT)';
    const rows = raw
      .prepare(`SELECT ${k} AS k, sd_sha256(? || ${rowJson('', cols)}) AS h FROM "${table}"`)
      .raw()
      .iterate(`${table}|`) as Iterable<[string, string]>;
    current.set(table, new Map(rows));
  }
  const entries = raw
    .prepare('SELECT seq, table_name, row_id, row_key, row_hash, chain_hash FROM ledger_chain ORDER BY seq')
    .raw()
    .iterate() as Iterable<ChainEntry>;
  return compareChain(key, current, entries, out);
}

/**
 * Layer 2, the same verdict on either engine from the same rows: `current` holds each chained table's rows now
 * (key → the row's hash, as that engine's triggers compute it), `entries` the chain in order. Each link must be
 * the keyed HMAC of the one before; each fact row matches its one entry, each mutable row its latest, and no row
 * is missing from the chain. `current` is consumed.
 */
export function compareChain(
  key: Buffer,
  current: Map<string, Map<string, string>>,
  entries: Iterable<ChainEntry>,
  out: Problems,
): { rows: number; head: string } {
  // how an admin finds the row: a fact by its id, a mutable row by its key (neutral in either language)
  const named = (table: string, k: string) => (MUTABLE_TABLES[table] ? `${table} "${k}"` : `${table} #${k}`);
  const problem = (kind: LedgerProblem['kind'], table: string, k: string, seq: number | null, code: CheckCode) =>
    out.add({
      kind,
      table,
      rowId: /^\d+$/.test(k) ? Number(k) : 0,
      seq,
      code,
      params: { row: named(table, k), ...(seq === null ? {} : { seq }) },
      ...(MUTABLE_TABLES[table] ? { rowKey: k } : {}),
    });

  const latest = new Map<string, Map<string, { seq: number; rowHash: string }>>();
  let prev = '';
  let count = 0;
  for (const [seq, table, rowId, rowKey, rowHash, chainHash] of entries) {
    count++;
    const k = rowKey ?? String(rowId);
    if (link(key, prev, table, k, rowHash) !== chainHash) {
      problem('chain_broken', table, k, seq, 'chain_broken');
    }
    prev = chainHash;
    if (MUTABLE_TABLES[table]) {
      if (!latest.has(table)) latest.set(table, new Map());
      latest.get(table)!.set(k, { seq, rowHash });
      continue;
    }
    const rows = current.get(table);
    const now = rows?.get(k);
    if (now === undefined) problem('deleted', table, k, seq, 'row_deleted');
    else {
      if (now !== rowHash) problem('changed', table, k, seq, 'row_changed');
      rows!.delete(k);
    }
  }
  for (const [table, entries] of latest) {
    const rows = current.get(table) ?? new Map<string, string>();
    for (const [k, { seq, rowHash }] of entries) {
      const now = rows.get(k);
      if (rowHash === TOMBSTONE) {
        if (now !== undefined) problem('unchained', table, k, seq, 'row_reappeared');
      } else if (now === undefined) problem('deleted', table, k, seq, 'row_gone');
      else if (now !== rowHash) problem('changed', table, k, seq, 'row_altered');
      rows.delete(k);
    }
  }
  for (const [table, rows] of current) {
    for (const k of rows.keys()) problem('unchained', table, k, null, 'row_unchained');
  }
  return { rows: count, head: prev };
}

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** A roster's chained events (payloads in id order) and the queue stored for it, if any. */
export interface RosterRecord {
  id: number;
  payloads: string[];
  stored: { state: string; event_count: number } | undefined;
}

/** Layer 3 on SQLite. */
function checkDerived(raw: BetterSqlite3.Database, out: Problems): void {
  const events = raw.prepare('SELECT payload FROM roster_events WHERE roster_id = ? ORDER BY id').pluck();
  const stored = new Map(
    (
      raw.prepare('SELECT roster_id, state, event_count FROM roster_state').all() as {
        roster_id: number;
        state: string;
        event_count: number;
      }[]
    ).map((r) => [r.roster_id, r]),
  );
  const withEvents = raw.prepare('SELECT DISTINCT roster_id FROM roster_events').pluck().all() as number[];
  compareDerived(
    [...new Set([...withEvents, ...stored.keys()])].map((id) => ({ id, payloads: events.all(id) as string[], stored: stored.get(id) })),
    out,
  );
}

/** Layer 3, the same on either engine: the stored queue of every roster must be what its chained events replay to. */
export function compareDerived(rosters: Iterable<RosterRecord>, out: Problems): void {
  for (const { id, payloads, stored: s } of rosters) {
    let same: boolean;
    try {
      const replayed = replayRoster(payloads.map((p) => JSON.parse(p) as RosterEvent));
      same =
        !!s &&
        s.event_count === payloads.length &&
        canonical({ ...emptyRoster(), ...(JSON.parse(s.state) as object) }) === canonical(replayed);
    } catch {
      same = false; // events that no longer replay are as wrong as a queue that differs
    }
    if (!same)
      out.add({ kind: 'derived', table: 'roster_state', rowId: id, seq: null, code: 'roster_state_differs', params: { rosterId: id } });
  }
}

export function verifyLedger(raw: BetterSqlite3.Database, limit = 20): LedgerReport {
  const out = new Problems(limit);
  const fail = (): LedgerReport => ({ ok: false, rows: 0, head: '', problems: out.list });
  const columns = checkSchema(raw, out);
  if (!columns) return fail();
  const key = ledgerKeyOf(raw);
  const check = (raw.prepare('SELECT check_hash FROM ledger_key WHERE id = 1').pluck().get() as string | undefined) ?? '';
  if (!key) {
    out.add({ kind: 'key', table: 'ledger_key', rowId: 0, seq: null, code: 'key_missing' });
    return fail();
  }
  if (check !== keyCheck(key)) {
    out.add({ kind: 'key', table: 'ledger_key', rowId: 0, seq: null, code: 'key_wrong' });
    return fail();
  }
  const { rows, head } = checkChain(raw, key, columns, out);
  checkDerived(raw, out);
  return { ok: out.list.length === 0, rows, head, problems: out.list };
}
