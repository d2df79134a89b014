/**
 * One process holding an office's SQLite file and the group's PostgreSQL database at once (the benchmark side by
 * side, an office imported into the group): a precompiled read (src/db/precompiled) is compiled for each engine
 * it runs on, never SQLite's `?` text sent to PostgreSQL or PostgreSQL's `$1` to SQLite.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { precompiled } from '../../src/db/precompiled';
import { ManualClock } from '../../src/domain/clock';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();

describe.skipIf(!server.url)(
  `precompiled reads in a process with both engines${server.skipped ? ` — skipped: ${server.skipped}` : ''}`,
  () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let group: App;
    let office: App;
    const clock = new ManualClock(new Date('2026-03-02T09:00:00'));

    beforeAll(async () => {
      database = await freshDatabase(server.url!);
      group = await openPostgresApp({ databaseUrl: database.url, ledgerKey: randomBytes(32), clock });
      office = await openApp({ dbPath: ':memory:', clock });
      for (const app of [group, office]) expect((await app.dispatch(null, 'setup.firstRun', { staff: TEAM })).result.ok).toBe(true);
    });
    afterAll(async () => {
      await office?.close();
      await group?.close();
      await database?.drop();
    });

    it('the same query answers on SQLite, then PostgreSQL, then SQLite again', async () => {
      const q = precompiled((db, p: { from: string }) =>
        db.selectFrom('staff').select('id').where('id', '>=', p.from).orderBy('id').limit(2),
      );
      const expected = TEAM.map((s) => s.id)
        .sort()
        .slice(0, 2);
      expect((await q.all(office.db, { from: '' })).map((r) => r.id)).toEqual(expected);
      expect((await q.all(group.db, { from: '' })).map((r) => r.id)).toEqual(expected);
      expect((await q.all(office.db, { from: '' })).map((r) => r.id)).toEqual(expected);
    });

    it('the desk looks a customer up on both, whichever engine asked first', async () => {
      for (const app of [office, group, office, group]) {
        const r = (await app.dispatch({ staffId: 'qian' }, 'desk.lookup', { phone: '13800138000', name: '王伟' })).result;
        expect(r.ok && (r.value as { status: string }).status).toBe('new');
      }
    });
  },
);
