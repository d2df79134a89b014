/**
 * The raw side on SQLite: bench/raw-desk.ts's operations run on better-sqlite3 prepared statements,
 * synchronously (each statement answered as it is asked, no promise in between), as a minimal program would.
 * What only SQLite has: a list parameter goes in as JSON (json_each), a new row's id is lastInsertRowid, a
 * write is one BEGIN IMMEDIATE transaction, and today's queue is kept while SQLite reports the file unchanged
 * (data_version and this connection's total_changes), exactly as the services keep it (src/db/reference-cache).
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  type Dialect,
  type LoadedRoster,
  type Op,
  type Params,
  RawDeskOps,
  type RawSide,
  rawSide,
  rosterOf,
  type StatementName,
  STATEMENTS,
  statementText,
  type Step,
} from './raw-desk';

export { answerOf, factsOf, history, type RawSide, type RawVerdict, type RegRow, Unsupported } from './raw-desk';

const SQLITE: Dialect = { anyOf: (param) => `IN (SELECT value FROM json_each(${param}))`, returningId: '' };

/** Lists as JSON for json_each; everything else as given (the object itself when it holds no list). */
const bind = (params: Params): Params => {
  let out = params;
  for (const k in params) if (Array.isArray(params[k])) out = { ...out, [k]: JSON.stringify(params[k]) };
  return out;
};

export function openRawDesk(db: BetterSqlite3.Database): RawSide {
  const s = Object.fromEntries(
    (Object.keys(STATEMENTS) as StatementName[]).map((name) => [name, db.prepare(statementText(name, SQLITE))]),
  ) as Record<StatementName, BetterSqlite3.Statement>;
  const generation = db.prepare('SELECT (SELECT data_version FROM pragma_data_version()) AS dv, total_changes() AS tc');
  let kept: { generation: string; roster: LoadedRoster } | null = null;
  // `written`: this transaction has already written, so nothing is kept
  const today = (day: string, written: boolean) => {
    const { dv, tc } = generation.get() as { dv: number; tc: number };
    const key = `${dv}:${tc}:${day}`;
    if (!written && kept?.generation === key) return kept.roster;
    const r = s.roster.get({ day }) as { id: number; state: string } | undefined;
    if (!r) return undefined;
    const loaded = rosterOf(r);
    if (!written) kept = { generation: key, roster: loaded };
    return loaded;
  };
  const exec = (o: Op): unknown => {
    if (o.op === 'today') return today(o.day, o.written);
    const st = s[o.name];
    if (o.op === 'rows') return st.all(bind(o.params));
    const info = st.run(bind(o.params));
    return o.op === 'insert' ? info.lastInsertRowid : undefined;
  };
  const read = <T>(g: Step<T>): T => {
    let r = g.next();
    while (!r.done) r = g.next(exec(r.value));
    return r.value;
  };
  const write = <T>(g: Step<T>): T => db.transaction(() => read(g)).immediate();
  return rawSide(read(RawDeskOps.load()), read, write);
}
