/**
 * A test's own look at the database, on either engine: Kysely's `sql` template over `app.db` (SQLite or
 * PostgreSQL), with parameters as values, the rows as the app reads them (ids and counts numbers, instants ISO).
 */
import type { RawBuilder } from 'kysely';
import type { App } from '../../src/app';

export const rows = async <T>(app: App, query: RawBuilder<T>): Promise<T[]> => (await query.execute(app.db)).rows;

/** The first row, or undefined. */
export const row = async <T>(app: App, query: RawBuilder<T>): Promise<T | undefined> => (await rows(app, query))[0];
