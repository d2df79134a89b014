/**
 * A test's own look at the database, on either engine: Kysely's `sql` template over `app.db` (SQLite or
 * PostgreSQL), with parameters as values, the rows as the app reads them (ids and counts numbers, instants ISO).
 */
import type { RawBuilder } from 'kysely';
import type { App } from '../../src/app';

export const rows = async <T>(app: App, query: RawBuilder<T>): Promise<T[]> => (await query.execute(app.db)).rows;

/** The first row, or undefined. */
export const row = async <T>(app: App, query: RawBuilder<T>): Promise<T | undefined> => (await rows(app, query))[0];

/** The first column of the first row (better-sqlite3's `.pluck().get()`), or undefined. */
export const value = async <T = unknown>(app: App, query: RawBuilder<unknown>): Promise<T | undefined> => {
  const first = (await rows(app, query))[0] as Record<string, unknown> | undefined;
  return first === undefined ? undefined : (Object.values(first)[0] as T);
};

/** A statement run for its effect (a test's own write behind the app's back). */
export const run = async (app: App, query: RawBuilder<unknown>): Promise<void> => {
  await query.execute(app.db);
};
