/**
 * A Kysely query built and compiled once, then run with new values. Building a query is most of the cost
 * of a small read (about 35 µs for the registration facts, against 20 µs for SQLite to answer), and the
 * desk's lookup runs a dozen: the hot reads are written once here instead of on every keystroke.
 *
 * The builder receives stand-ins for its parameters; each must reach SQL as a value (a comparison, a
 * limit, `sql` template interpolation), never be computed on in JavaScript. Compiling checks that every
 * stand-in the builder read became a parameter and none leaked into the SQL text. Lists go in as JSON:
 * `inJson(p.ids)` with `ids: JSON.stringify([...])`, so one SQL text serves any number of ids. Reads only: the
 * builder and the runner get a ReadTx, so a read method can run them and a write cannot be precompiled.
 */
import { type Compilable, type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { type Engine, engineOf } from './engine';
import type { ReadTx } from './read-tx';

type Param = string | number | null;
const STAND_IN = '\u0000salesdesk-param:';

/** `column IN (…)` over a JSON array passed as one parameter (SQLite's json_each). */
export const inJson = (list: Param): RawBuilder<any> => sql`(SELECT value FROM json_each(${list}))`;

interface Template<O> {
  compiled: CompiledQuery<O>;
  /** for each parameter of the compiled query: the name of the caller's value, or null for a constant */
  slots: (string | null)[];
}

function compileTemplate<P extends Record<string, Param>, O>(db: ReadTx, build: (db: ReadTx, p: P) => Compilable<O>): Template<O> {
  const read = new Set<string>();
  const standIns = new Proxy({} as P, {
    get: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      read.add(key);
      return `${STAND_IN}${key}`;
    },
  });
  const compiled = build(db, standIns).compile();
  const slots = compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(STAND_IN) ? v.slice(STAND_IN.length) : null));
  const used = new Set(slots.filter((s): s is string => s !== null));
  const lost = [...read].filter((k) => !used.has(k));
  if (compiled.sql.includes(STAND_IN) || lost.length) {
    throw new Error(`precompiled query: ${lost.join(', ') || 'a parameter'} must reach SQL as a value (${compiled.sql.slice(0, 120)})`);
  }
  return { compiled, slots };
}

export interface Precompiled<P, O> {
  all(tx: ReadTx, params: P): Promise<O[]>;
  first(tx: ReadTx, params: P): Promise<O | undefined>;
}

export function precompiled<P extends Record<string, Param>, O>(build: (db: ReadTx, p: P) => Compilable<O>): Precompiled<P, O> {
  // One template per engine: SQLite's `?` text sent to PostgreSQL is a syntax error, and one process may hold
  // both (an office imported into the group, the benchmark side by side, the tests).
  const templates = new Map<Engine, Template<O>>();
  const all = async (tx: ReadTx, params: P): Promise<O[]> => {
    const engine = engineOf(tx);
    let template = templates.get(engine);
    if (!template) templates.set(engine, (template = compileTemplate(tx, build)));
    const { compiled, slots } = template;
    const parameters = compiled.parameters.map((v, i) => {
      const slot = slots[i];
      return slot == null ? v : params[slot];
    });
    return (await tx.executeQuery<O>({ ...compiled, parameters })).rows;
  };
  return { all, first: async (tx, params) => (await all(tx, params))[0] };
}
