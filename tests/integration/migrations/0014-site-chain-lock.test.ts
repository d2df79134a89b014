/** Migration 0014: PostgreSQL's chain lock per site (tests/postgres/site-locks.test.ts); a SQLite file, one site, is left as it was. */
import { afterEach, describe, expect, it } from 'vitest';
import { type AtVersion, databaseAt, SEED_STAFF } from '../../support/migrations';

let d: AtVersion;
afterEach(() => d?.close());

describe('migration 0014: site chain lock', () => {
  it('changes nothing in a SQLite file but its version: the same schema, the same chain', async () => {
    d = await databaseAt(13);
    d.raw.exec(SEED_STAFF);
    const schema = () => d.raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    const before = { schema: schema(), chain: d.raw.prepare('SELECT * FROM ledger_chain ORDER BY seq').all() };
    await d.to(14);
    expect(d.raw.pragma('user_version', { simple: true })).toBe(14);
    expect({ schema: schema(), chain: d.raw.prepare('SELECT * FROM ledger_chain ORDER BY seq').all() }).toEqual(before);
  });
});
