/**
 * The raw side on PostgreSQL: bench/raw-desk.ts's operations run as raw `pg` statements on one connection of
 * its own (named statements, so each is parsed and planned once per connection, as a minimal program would),
 * awaiting each reply. The connection is opened by the app's own src/db/postgres openPostgres, so it carries
 * the same settings: the office group's ledger key as `salesdesk.ledger_key` (the chain triggers need it for
 * every write), UTC, and the same value types.
 *
 * What differs from the SQLite side, and why: a list parameter is an array (= ANY), a new row's id comes back
 * by RETURNING; there is no cheap "has anything changed" on a server several app servers write to (SQLite's
 * data_version), so today's queue is read every time, as the services read it on PostgreSQL; a write takes the
 * site's write lock (src/db/transaction WRITE_LOCK_SQL) as the services do, so two desks cannot assign
 * the same queue head.
 */
import type pg from 'pg';
import { WRITE_LOCK_SQL } from '../src/db/transaction';
import * as desk from './raw-desk';

const POSTGRES: desk.Dialect = { anyOf: (param) => `= ANY(${param}::bigint[])`, returningId: ' RETURNING id' };

/** A statement with its `@name` parameters as $1, $2… in order of first use, and that order. */
function positional(text: string): { text: string; names: string[] } {
  const names: string[] = [];
  const out = text.replace(/@(\w+)/g, (_, n: string) => {
    if (!names.includes(n)) names.push(n);
    return `$${names.indexOf(n) + 1}`;
  });
  return { text: out, names };
}

const PREPARED = new Map<desk.StatementName, { text: string; names: string[] }>();
const prepared = (name: desk.StatementName) => {
  let p = PREPARED.get(name);
  if (!p) PREPARED.set(name, (p = positional(desk.statementText(name, POSTGRES))));
  return p;
};

export interface RawDeskPostgres extends desk.RawSide {
  /** One round trip on this connection: the loopback network's (and the server's) floor under every statement. */
  ping(): Promise<number>;
  close(): void;
}

/** Takes one connection of `pool` for itself (released by close()); staff names and policy read once, as on SQLite. */
export async function openRawDeskPostgres(pool: pg.Pool): Promise<RawDeskPostgres> {
  const c = await pool.connect();
  const q = async (name: desk.StatementName, params: desk.Params) => {
    const { text, names } = prepared(name);
    const values = names.map((n) => {
      if (!(n in params)) throw new Error(`${name}: no value for @${n}`);
      return params[n];
    });
    return (await c.query({ name, text, values })).rows;
  };
  const exec = async (o: desk.Op): Promise<unknown> => {
    if (o.op === 'today') {
      const r = (await q('roster', { day: o.day }))[0] as { id: number; state: string } | undefined;
      return r && desk.rosterOf(r);
    }
    const found = await q(o.name, o.params);
    return o.op === 'insert' ? (found[0] as { id: number }).id : o.op === 'rows' ? found : undefined;
  };
  const read = async <T>(g: desk.Step<T>): Promise<T> => {
    let r = g.next();
    while (!r.done) r = g.next(await exec(r.value));
    return r.value;
  };
  const write = async <T>(g: desk.Step<T>): Promise<T> => {
    await c.query('BEGIN');
    try {
      await c.query({ name: 'lock', text: WRITE_LOCK_SQL });
      const out = await read(g);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };
  try {
    return {
      ...desk.rawSide(await read(desk.RawDeskOps.load()), read, write),
      ping: async () => (await c.query<{ one: number }>({ name: 'one', text: 'SELECT 1 AS one' })).rows[0]!.one,
      close: () => c.release(),
    };
  } catch (e) {
    c.release();
    throw e;
  }
}
