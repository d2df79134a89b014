import { inject } from 'vitest';
import { scratchDatabase } from '../../src/db/postgres';

/** The test run's PostgreSQL server (tests/support/postgres-global.ts), or null with the reason it is missing. */
export const postgresServer = (): { url: string | null; skipped: string | null } => ({
  url: inject('postgresUrl'),
  skipped: inject('postgresSkipped'),
});

/** A new, empty database for one test file; `drop` removes it (closing what still uses it). */
export const freshDatabase = (serverUrl: string) => scratchDatabase(serverUrl, 'sd_test');
