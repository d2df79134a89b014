/**
 * An office group's database on PostgreSQL (issue 16): `SALESDESK_DATABASE_URL=postgres://…`. The services see the
 * same Kysely<Database> as on SQLite; what differs lives here and in src/db/transaction.ts, migrate.ts and
 * migrations/postgres: the pool, the types as the app reads them, the ledger key on every connection.
 *
 * Values come back as they do from SQLite: bigint (ids, cents) as a JavaScript number (cents stay far below
 * 2^53), timestamptz as the ISO instant the app wrote (`…Z`, the connection's time zone is UTC), date as
 * `yyyy-MM-dd`. The office's own time zone is the app's (src/domain/time officeDay), as on SQLite.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { GROUP_SCHEMA, HOME_SCHEMA, markEngine, markSchemas, SCHEMA_NAME } from './engine';
import { inlined } from './inline-sql';
import { PostgresReferenceStore, REFERENCE_TABLES, type TransactionTrace } from './reference-cache-postgres';
import type { Database } from './schema';

const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;

/** PostgreSQL's `2026-03-02 09:00:00.123+00` as the app's `2026-03-02T09:00:00.123Z`. */
export const isoFromTimestamptz = (text: string): string => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    if (oid === TIMESTAMPTZ) return isoFromTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  /** the office group's ledger key (src/db/ledger-key); without one, nothing chained can be written */
  ledgerKey: Buffer | null;
  /** connections per app server */
  max?: number;
}

export interface PostgresHandle {
  engine: 'postgres';
  /** the home site's schema (public): the group's first office, and every one-site group */
  db: Kysely<Database>;
  pool: pg.Pool;
  /**
   * The same pool seen from one site's schema (src/db/sites.ts): every statement on it, in a transaction or not,
   * runs with `search_path` = that schema, then the group's shared one. One Kysely per schema, kept.
   */
  inSchema(schema: string): Kysely<Database>;
  close(): Promise<void>;
}

/** The search_path each pooled client was last given: a client changes schema only when another site's call takes it. */
const pathOf = new WeakMap<pg.PoolClient, string>();

/**
 * One pooled connection lent to one transaction at a time (src/db/transaction.ts): its client, for the statements the
 * transaction itself sends (BEGIN with what goes with it in one round trip, COMMIT), and a Kysely of its own over it
 * that traces every statement the transaction's code sends — whether it wrote, whether it changed the search_path.
 */
export interface PostgresTxConnection {
  client: pg.PoolClient;
  db: Kysely<Database>;
  trace: TransactionTrace & { writes: number };
  /** reads sent ahead (src/db/read-ahead.ts), by SQL text and values, each answered once, until the next write */
  ahead: Map<string, unknown>;
  /** a Kysely that answers every query with no rows and notes what was asked (the read-ahead's rehearsal) */
  recorder: Kysely<Database>;
  /** where the recorder notes, while a rehearsal runs */
  recording: { sql: string; parameters: readonly unknown[] }[] | null;
  /** writes nothing in the transaction reads back, sent with the next statement or with COMMIT (writeAtCommit) */
  later: string[];
}

/**
 * A write whose row nothing in the transaction reads back (the audit row of a call): on PostgreSQL it waits on the
 * connection and goes to the server in the same round trip as the COMMIT, or before the transaction's next statement
 * if one comes; its failure fails the COMMIT and rolls the whole transaction back, as if it had failed at once.
 * False where it cannot wait (SQLite, no transaction of ours, a value with no literal): then the caller runs it.
 */
export function writeAtCommit(tx: object, query: { sql: string; parameters: readonly unknown[] }): boolean {
  const c = byDb.get(tx);
  if (!c) return false;
  const text = inlined(query.sql, query.parameters);
  if (text === null) return false;
  c.later.push(text);
  c.trace.wrote = true;
  c.trace.writes++;
  if (REFERENCE_TABLES.test(text)) c.trace.referenceWrites++;
  c.ahead.clear();
  return true;
}

/** Sends the writes waiting for COMMIT now (before a statement the transaction sends past its Kysely). */
export async function flushLater(c: PostgresTxConnection): Promise<void> {
  if (c.later.length) await c.client.query(c.later.splice(0).join('; '));
}

/** The key a read is kept under while it waits to be asked. */
export const aheadKey = (text: string, values: readonly unknown[] | undefined): string => `${text}\u0000${JSON.stringify(values ?? [])}`;

const byDb = new WeakMap<object, PostgresTxConnection>();

/** The pooled connection a transaction's Kysely runs on (src/db/transaction.ts), or undefined (SQLite, or no transaction). */
export const txConnectionOf = (tx: object): PostgresTxConnection | undefined => byDb.get(tx);

/** A site's way to a pooled connection for a transaction, and the site's reference cache (src/db/reference-cache-postgres.ts). */
export interface PostgresSource {
  take(): Promise<PostgresTxConnection>;
  store: PostgresReferenceStore;
}

const sources = new WeakMap<object, PostgresSource>();

/** The transaction source of a site's Kysely made by openPostgres; undefined for any other. */
export const postgresSourceOf = (db: object): PostgresSource | undefined => sources.get(db);

/** A statement that only reads: SELECT or WITH, naming no write and no function that writes. */
const READS = /^\s*(select|with)\b/i;
const WRITES = /\b(insert|update|delete|merge|nextval|setval|pg_notify|sd_chain|lo_\w+)\b/i;
const PATH = /search_path/i;
/** The one judgement of a statement as a read: the trace's (did the transaction write?) and the read-ahead's (may it go first?). */
export const onlyReads = (text: string): boolean => READS.test(text) && !WRITES.test(text);

const txConnections = new WeakMap<pg.PoolClient, PostgresTxConnection>();

function txConnection(client: pg.PoolClient): PostgresTxConnection {
  let c = txConnections.get(client);
  if (c) return c;
  const trace = { wrote: false, pathChanged: false, statements: 0, writes: 0, referenceWrites: 0 };
  const ahead = new Map<string, unknown>();
  const traced = {
    query(...args: unknown[]) {
      const q = args[0];
      const text = typeof q === 'string' ? q : String((q as { text?: unknown } | null)?.text ?? '');
      if (ahead.size) {
        const key = aheadKey(text, args[1] as unknown[] | undefined);
        if (ahead.has(key)) {
          const answer = ahead.get(key);
          ahead.delete(key);
          return Promise.resolve(answer);
        }
      }
      trace.statements++;
      if (!onlyReads(text)) {
        trace.wrote = true;
        trace.writes++;
        if (REFERENCE_TABLES.test(text)) trace.referenceWrites++;
        ahead.clear();
      }
      if (PATH.test(text)) {
        trace.pathChanged = true;
        ahead.clear();
      }
      const send = () => (client.query as (...a: unknown[]) => unknown)(...args);
      return c!.later.length ? flushLater(c!).then(send) : send();
    },
    // the transaction gives the client back to the pool itself, after its COMMIT
    release() {},
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => traced, end: async () => undefined } as never }),
  });
  markEngine(db, 'postgres');
  const noted = {
    query(text: string, values: unknown[]) {
      c!.recording?.push({ sql: text, parameters: values ?? [] });
      return Promise.resolve({ command: 'SELECT', rowCount: 0, rows: [] });
    },
    release() {},
  };
  const recorder = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => noted, end: async () => undefined } as never }),
  });
  markEngine(recorder, 'postgres');
  c = { client, db, trace, ahead, recorder, recording: null, later: [] };
  txConnections.set(client, c);
  byDb.set(db, c);
  return c;
}

/**
 * A pool for Kysely that hands out the shared pool's clients with `search_path` set to `schema` and then the group's
 * schema (never another site's). Only the home one ends the real pool.
 */
function poolInSchema(pool: pg.Pool, schema: string, owner: boolean) {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a site's schema: ${schema}`);
  const path = `"${schema}", "${GROUP_SCHEMA}"`;
  const pooled = {
    async connect() {
      const client = await pool.connect();
      if (pathOf.get(client) !== path) {
        try {
          await client.query(`SET search_path TO ${path}`);
        } catch (e) {
          client.release(e as Error);
          throw e;
        }
        pathOf.set(client, path);
      }
      return client;
    },
    end: owner ? () => pool.end() : async () => undefined,
  };
  const source: PostgresSource = {
    store: new PostgresReferenceStore(),
    async take() {
      const c = txConnection(await pooled.connect());
      Object.assign(c.trace, { wrote: false, pathChanged: false, statements: 0, writes: 0, referenceWrites: 0 });
      c.ahead.clear();
      c.recording = null;
      c.later.length = 0;
      return c;
    },
  };
  return { pooled, source };
}

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

export function openPostgres(url: string, options: PostgresOptions): PostgresHandle {
  const settings = ['-c TimeZone=UTC', '-c client_encoding=UTF8'];
  if (options.ledgerKey) settings.push(`-c salesdesk.ledger_key=${options.ledgerKey.toString('hex')}`);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, options: settings.join(' ') });
  // An idle connection the server ended (a restart, a failover) must not end the app: the pool replaces it.
  pool.on('error', () => undefined);
  const home = poolInSchema(pool, HOME_SCHEMA, true);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: home.pooled }) });
  markEngine(db, 'postgres');
  sources.set(db, home.source);
  const schemas = new Map<string, Kysely<Database>>([[HOME_SCHEMA, db]]);
  const inSchema = (schema: string): Kysely<Database> => {
    let k = schemas.get(schema);
    if (!k) {
      const site = poolInSchema(pool, schema, false);
      k = new Kysely<Database>({ dialect: new PostgresDialect({ pool: site.pooled }) });
      markEngine(k, 'postgres');
      sources.set(k, site.source);
      markSchemas(k, inSchema);
      schemas.set(schema, k);
    }
    return k;
  };
  markSchemas(db, inSchema);
  return {
    engine: 'postgres',
    db,
    pool,
    inSchema,
    close: () => db.destroy(),
  };
}

/** A URL with another database name on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * A new, empty database beside the one `url` names (a replay, a test, a backup's check), and how to drop it.
 * The role needs CREATEDB. `template` copies a prepared database instead of starting empty.
 */
export async function scratchDatabase(
  url: string,
  prefix = 'salesdesk_scratch',
  template?: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(url, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return { url: withDatabase(url, name), name, drop: () => onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
