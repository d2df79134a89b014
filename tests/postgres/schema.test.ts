/**
 * The office group's schema on PostgreSQL keeps SQLite's guarantees by the database's own means (issue 16
 * item 2): the same tables and columns, insert-only facts, no chained write without the office's ledger key,
 * and the app trusting no role the chain does not vouch for.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { ManualClock } from '../../src/domain/clock';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();

describe.skipIf(!server.url)(`the PostgreSQL schema${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof openPostgresApp>>;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
  const key = randomBytes(32);

  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock });
    const first = await app.dispatch(null, 'setup.firstRun', { staff: TEAM });
    expect(first.result.ok).toBe(true);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** A plain connection to the group's database, as someone with its password but not the app would have. */
  async function direct<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  it('has every table and column SQLite has', async () => {
    const sqlite = await openApp({ dbPath: ':memory:', clock });
    try {
      const shape = async (tables: { name: string; schema?: string; columns: { name: string }[] }[]) =>
        // The group's own: its schema version, and the sessions its app servers share; the shared schema office_group (sites).
        Object.fromEntries(
          tables
            .filter((t) => !['salesdesk_schema', 'web_sessions'].includes(t.name) && t.schema !== 'office_group')
            .map((t) => [t.name, t.columns.map((c) => c.name).sort()]),
        );
      const want = await shape(await sqlite.db.introspection.getTables());
      const got = await shape(await app.db.introspection.getTables());
      expect(got).toEqual(want);
    } finally {
      await sqlite.close();
    }
  });

  it('refuses to alter or delete a fact, whoever asks', async () => {
    await app.dispatch({ staffId: 'mgr' }, 'roster.start', { order: ['zhang', 'li'] });
    const walkIn = await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: '王先生', phone: '13900001111' } });
    expect(walkIn.result.ok).toBe(true);
    await direct(async (c) => {
      await expect(c.query(`UPDATE visits SET consultant_id = 'li'`)).rejects.toThrow(/insert-only/);
      await expect(c.query('DELETE FROM registrations')).rejects.toThrow(/insert-only/);
      await expect(c.query('DELETE FROM ledger_chain')).rejects.toThrow(/insert-only/);
      expect((await c.query('SELECT count(*)::int AS n FROM visits')).rows[0].n).toBe(1);
    });
  });

  it('chains every fact, and a connection without the office’s ledger key cannot write one', async () => {
    const chained = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_chain WHERE table_name = 'visits'`.execute(app.db);
    expect(chained.rows[0]!.n).toBe(1);
    await direct(async (c) => {
      await expect(c.query(`INSERT INTO audit_log (at, actor_id, method, detail) VALUES (now(), NULL, 'forged', '{}')`)).rejects.toThrow(
        /ledger_key is not set/,
      );
    });
  });

  it('does not act on a role put in behind the ledger’s back', async () => {
    // policy.update is the director's alone; an empty change list is what a director would be told is invalid.
    const attempt = () => app.dispatch({ staffId: 'sun' }, 'policy.update', { changes: {} });
    const before = (await attempt()).result;
    expect(before.ok ? null : before.error.code).toBe('permission');
    await direct(async (c) => {
      // Someone who can switch the triggers off (the database's owner) gives an employee the director's role.
      await c.query('ALTER TABLE staff_roles DISABLE TRIGGER USER');
      await c.query(`INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'sales_director')`);
      await c.query('ALTER TABLE staff_roles ENABLE TRIGGER USER');
    });
    const dir = (await app.dispatch({ staffId: 'dir' }, 'policy.update', { changes: {} })).result;
    expect(dir.ok ? null : dir.error.code, 'a real director gets past the permission check').not.toBe('permission');
    const after = (await attempt()).result;
    expect(after.ok ? null : after.error.code, 'the unchained role grants nothing').toBe('permission');
  });

  it('records the schema version it migrated to, and migrating again changes nothing', async () => {
    const again = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock });
    try {
      const v = await sql<{ version: number }>`SELECT version FROM salesdesk_schema`.execute(again.db);
      expect(v.rows).toEqual([{ version: 14 }]);
    } finally {
      await again.close();
    }
  });
});
