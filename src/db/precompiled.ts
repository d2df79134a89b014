/**
 * A Kysely query built and compiled once, then run with new values. Building a query is most of the cost
 * of a small read (about 35 µs for the registration facts, against 20 µs for SQLite to answer), and the
 * desk's lookup runs a dozen: the hot reads are written once here instead of on every keystroke.
 *
 * The builder receives stand-ins for its parameters; each must reach SQL as a value (a comparison, a
 * limit, `sql` template interpolation), never be computed on in JavaScript. Compiling checks that every
 * stand-in the builder read became a parameter and none leaked into the SQL text. Lists go in as arrays through
 * `inJson(p.ids)`: two texts per query, one for a single id (`IN (?)`, which SQLite answers as `= ?`) and one for
 * any other number (a JSON array, `IN (SELECT value FROM json_each(?))`). The desk's reads nearly always ask
 * about one customer record, and there the JSON list costs SQLite several times the equality (a link or
 * company-client read: ~40 µs against ~4). Reads only: the builder and the runner get a ReadTx, so a read method
 * can run them and a write cannot be precompiled.
 */
import { type Compilable, type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { type Engine, engineOf } from './engine';
import type { ReadTx } from './read-tx';

type Value = string | number | null;
type Param = Value | readonly number[];
const STAND_IN = '\u0000salesdesk-param:';

/** While a template is compiled: the list parameters it takes as a single value, and those inJson saw. */
let compiling: { single: ReadonlySet<string>; lists: Set<string> } | null = null;

/**
 * `column IN (…)`: in a precompiled query, over a list parameter (one value, or a JSON array: see above); given
 * a JSON array text itself (a query built on each call), over that array (SQLite's json_each; PostgreSQL has a
 * json_each of ours for it, migrations/postgres/0013_baseline).
 */
export const inJson = (list: Value | readonly number[]): RawBuilder<any> => {
  const key = typeof list === 'string' && list.startsWith(STAND_IN) ? list.slice(STAND_IN.length) : null;
  if (key && compiling) {
    compiling.lists.add(key);
    if (compiling.single.has(key)) return sql`(${list})`;
  }
  return sql`(SELECT value FROM json_each(${list as Value}))`;
};

interface Template<O> {
  compiled: CompiledQuery<O>;
  /** for each parameter of the compiled query: the name of the caller's value, or null for a constant */
  slots: (string | null)[];
}

function compileTemplate<P extends Record<string, Param>, O>(
  db: ReadTx,
  build: (db: ReadTx, p: P) => Compilable<O>,
  single: ReadonlySet<string>,
  arrays: readonly string[],
): Template<O> {
  const read = new Set<string>();
  const standIns = new Proxy({} as P, {
    get: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      read.add(key);
      return `${STAND_IN}${key}`;
    },
  });
  const lists = new Set<string>();
  compiling = { single, lists };
  let compiled: CompiledQuery<O>;
  try {
    compiled = build(db, standIns).compile();
  } finally {
    compiling = null;
  }
  const notListed = arrays.filter((k) => !lists.has(k));
  if (notListed.length) throw new Error(`precompiled query: the list ${notListed.join(', ')} must reach SQL through inJson`);
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
  // both (an office imported into the group, the benchmark side by side, the tests). And per engine, one for each
  // combination of its lists holding a single id or not.
  const templates = new Map<string, Template<O>>();
  const all = async (tx: ReadTx, params: P): Promise<O[]> => {
    const engine: Engine = engineOf(tx);
    let shape: string = engine;
    let single: Set<string> | null = null;
    let arrays: string[] | null = null;
    for (const k in params) {
      const v = params[k];
      if (!Array.isArray(v)) continue;
      (arrays ??= []).push(k);
      if (v.length === 1) (single ??= new Set()).add(k);
      shape += v.length === 1 ? `|${k}=1` : `|${k}`;
    }
    let template = templates.get(shape);
    if (!template) templates.set(shape, (template = compileTemplate(tx, build, single ?? new Set(), arrays ?? [])));
    const { compiled, slots } = template;
    const parameters = compiled.parameters.map((v, i) => {
      const slot = slots[i];
      if (slot == null) return v;
      const given = params[slot];
      if (!Array.isArray(given)) return given;
      return given.length === 1 ? given[0] : JSON.stringify(given);
    });
    return (await tx.executeQuery<O>({ ...compiled, parameters })).rows;
  };
  return { all, first: async (tx, params) => (await all(tx, params))[0] };
}
