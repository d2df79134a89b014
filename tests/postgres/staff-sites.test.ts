/**
 * One person at more than one site of an office group (issue 16 item 4, R-SEC-1): staff.addFromSite adds A's
 * colleague at B with the same id, name and PIN and links both accounts to one person; from then on the person has
 * one PIN — a reset at B is the PIN at A too and ends A's sessions, wrong tries at A and B count together (at once
 * as well: a thief gets no more tries by spreading them over sites) — while roles and deactivation stay per site.
 * Every refusal of the add changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/errors';
import type { Session } from '../../src/api/session';
import { openPostgresApp } from '../../src/app-postgres';
import { createCore } from '../../src/core';
import { addSite, siteDb } from '../../src/db/sites';
import { ManualClock } from '../../src/domain/clock';
import { PINS, TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';
import { startWeb } from '../support/web';

const server = postgresServer();

describe.skipIf(!server.url)(`one person at two sites${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof openPostgresApp>>;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
  const key = randomBytes(32);
  const B_TEAM = [
    { id: 'bdir', name: '周总', roles: ['sales_director', 'admin'], pin: '800001' },
    { id: 'bsd', name: '冯总监', roles: ['sales_director'], pin: '800002' },
    { id: 'zhang', name: '张三丰', roles: ['consultant'], pin: '800004' },
    { id: 'bzhou', name: '周敏', roles: ['consultant'], pin: '800005' },
  ];
  const at = (staffId: string, site?: string): Session => (site ? { staffId, site } : { staffId });
  const call = async (session: Session | null, method: string, input: unknown = {}, site?: string) =>
    (await app.dispatch(session, method, input, site ? { site } : undefined)).result as ApiResult<any>;
  const ok = async (session: Session | null, method: string, input: unknown = {}, site?: string): Promise<any> => {
    const r = await call(session, method, input, site);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = (staffId: string, pin: string, site: string) => app.dispatch(null, 'session.signIn', { staffId, pin }, { site });
  const b = () => siteDb(app.db, { schema: 'site_b' });
  /** what an add may change: B's staff and credentials, the group's people and links */
  const counts = async () => ({
    staff: (await sql<{ n: string }>`SELECT count(*) AS n FROM staff`.execute(b())).rows[0]!.n,
    roles: (await sql<{ n: string }>`SELECT count(*) AS n FROM staff_roles`.execute(b())).rows[0]!.n,
    creds: (await sql<{ n: string }>`SELECT count(*) AS n FROM staff_credentials`.execute(b())).rows[0]!.n,
    people: (await sql<{ n: string }>`SELECT count(*) AS n FROM office_group.people`.execute(app.db)).rows[0]!.n,
    links: (await sql<{ n: string }>`SELECT count(*) AS n FROM office_group.site_staff`.execute(app.db)).rows[0]!.n,
  });
  const tries = async (staffId: string) => ({
    a: (await sql<{ f: number }>`SELECT failed_attempts AS f FROM staff_credentials WHERE staff_id = ${staffId}`.execute(app.db)).rows[0]!
      .f,
    b: (await sql<{ f: number }>`SELECT failed_attempts AS f FROM staff_credentials WHERE staff_id = ${staffId}`.execute(b())).rows[0]!.f,
  });

  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock });
    await ok(null, 'setup.firstRun', { staff: TEAM });
    await addSite(app.db, { code: 'b', name: 'B项目', now: clock.now() });
    await sql`UPDATE office_group.sites SET name = 'A项目' WHERE code = 'main'`.execute(app.db);
    await ok(null, 'setup.firstRun', { staff: B_TEAM }, 'b');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('B’s admin adds A’s consultant: the same id, name and PIN at B, other roles, one person; the form’s list and the staff list say so', async () => {
    const offered = await ok(at('bdir', 'b'), 'staff.otherSites');
    expect(offered.map((s: any) => [s.site.code, s.id, s.idTaken])).toContainEqual(['main', 'li', false]);
    // B has a zhang of its own: A's zhang is offered, marked as an id taken here
    expect(offered.find((s: any) => s.id === 'zhang')).toMatchObject({ site: { code: 'main', name: 'A项目' }, idTaken: true });
    expect(offered.some((s: any) => s.site.code === 'b')).toBe(false);

    const added = await ok(at('bdir', 'b'), 'staff.addFromSite', { site: 'main', id: 'li', roles: ['consultant', 'front_desk'] });
    expect(added).toMatchObject({ id: 'li', name: '李娜', roles: ['consultant', 'front_desk'], from: 'main', pinCopied: true });
    const listB = await ok(at('bdir', 'b'), 'staff.list');
    expect(listB.find((s: any) => s.id === 'li')).toMatchObject({
      name: '李娜',
      roles: ['consultant', 'front_desk'],
      hasPin: true,
      alsoAt: ['main'],
    });
    expect(listB.find((s: any) => s.id === 'bzhou').alsoAt).toEqual([]);
    const listA = await ok(at('dir'), 'staff.list');
    expect(listA.find((s: any) => s.id === 'li')).toMatchObject({ roles: ['consultant'], alsoAt: ['b'] });
    expect((await ok(at('bdir', 'b'), 'staff.otherSites')).some((s: any) => s.id === 'li')).toBe(false);
    // audited at B: who, from which site, which roles
    const audit = await sql<{ actor_id: string; detail: string }>`SELECT actor_id, detail FROM audit_log
      WHERE method = 'staff.addFromSite'`.execute(b());
    expect(audit.rows.map((r) => [r.actor_id, JSON.parse(r.detail)])).toEqual([
      ['bdir', { site: 'main', id: 'li', roles: ['consultant', 'front_desk'] }],
    ]);
    // and both sites' ledgers still verify (the copied credential is chained at B)
    expect((await app.verify()).ok).toBe(true);
  });

  it('the same PIN signs in at B over HTTP (X-Salesdesk-Site), as B’s li', async () => {
    const web = await startWeb(createCore(app), () => clock.now().getTime());
    try {
      const res = await fetch(`${web.base}/api/session.signIn`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: web.base, 'X-Salesdesk-Site': 'b' },
        body: JSON.stringify({ staffId: 'li', pin: PINS.li }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      expect((await web.call(cookie, 'session.me')).json.value).toMatchObject({ id: 'li', roles: ['consultant', 'front_desk'] });
    } finally {
      await web.close();
    }
  });

  it('a PIN reset at B is the PIN at A: the old fails there, the new works, and A’s open session ends', async () => {
    const openA = await signIn('li', PINS.li, 'main');
    expect(openA.result.ok).toBe(true);
    expect(await ok(openA.session!, 'session.me')).toMatchObject({ id: 'li' });
    await ok(at('bdir', 'b'), 'staff.resetPin', { id: 'li', pin: '777001' });
    const stale = await call(openA.session!, 'me.customers');
    expect(stale).toMatchObject({ ok: false, error: { reason: 'session_ended' } });
    expect((await signIn('li', PINS.li, 'main')).result).toMatchObject({ ok: false, error: { reason: 'pin_wrong' } });
    expect((await signIn('li', '777001', 'main')).result.ok).toBe(true);
    expect((await signIn('li', '777001', 'b')).result.ok).toBe(true);
    // the other site's hash is the same row content, chained at its own site
    const hashA = (await sql<{ h: string }>`SELECT pin_hash AS h FROM staff_credentials WHERE staff_id = 'li'`.execute(app.db)).rows[0]!.h;
    const hashB = (await sql<{ h: string }>`SELECT pin_hash AS h FROM staff_credentials WHERE staff_id = 'li'`.execute(b())).rows[0]!.h;
    expect(hashB).toBe(hashA);
    expect((await app.verify()).ok).toBe(true);
  });

  it('wrong tries at A and at B count together, and the lock holds at both; a right PIN after it clears both', async () => {
    for (const site of ['main', 'b', 'main', 'b']) {
      expect((await signIn('li', '000000', site)).result).toMatchObject({ ok: false, error: { reason: 'pin_wrong' } });
    }
    expect(await tries('li')).toEqual({ a: 4, b: 4 });
    expect((await signIn('li', '000000', 'main')).result).toMatchObject({ ok: false, error: { reason: 'pin_wrong_locked' } });
    expect((await signIn('li', '777001', 'b')).result).toMatchObject({ ok: false, error: { reason: 'pin_locked' } });
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    expect((await signIn('li', '777001', 'b')).result.ok).toBe(true);
    expect(await tries('li')).toEqual({ a: 0, b: 0 });
  });

  it('tries sent at once at both sites are checked no more often than at one: five, then the lock', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn('li', String(100000 + i), i % 2 ? 'b' : 'main').then((r) => r.result)),
    );
    const reasons = answers.map((r) => (r.ok ? 'in' : r.error.reason));
    expect(reasons.filter((r) => r === 'pin_wrong' || r === 'pin_wrong_locked')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'pin_locked')).toHaveLength(7);
    expect(await tries('li')).toEqual({ a: 5, b: 5 });
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    expect((await signIn('li', '777001', 'main')).result.ok).toBe(true);
  });

  it('each refusal of the add names its reason and changes nothing', async () => {
    await ok(at('dir'), 'staff.update', { id: 'sun', active: false });
    const before = await counts();
    const refused: [Session, unknown, string, string][] = [
      [at('bdir', 'b'), { site: 'nowhere', id: 'wang', roles: ['consultant'] }, 'not_found', 'site_unknown'],
      [at('bdir', 'b'), { site: 'b', id: 'bzhou', roles: ['consultant'] }, 'validation', 'site_staff_same_site'],
      [at('bdir', 'b'), { site: 'main', id: 'nobody', roles: ['consultant'] }, 'not_found', 'site_staff_not_found'],
      [at('bdir', 'b'), { site: 'main', id: 'sun', roles: ['employee'] }, 'not_found', 'site_staff_not_found'],
      [at('bdir', 'b'), { site: 'main', id: 'zhang', roles: ['consultant'] }, 'conflict', 'staff_id_taken'],
      [at('bdir', 'b'), { site: 'main', id: 'li', roles: ['consultant'] }, 'conflict', 'site_staff_already_here'],
      [at('bsd', 'b'), { site: 'main', id: 'wang', roles: ['admin'] }, 'permission', 'admin_role_admin_only'],
      [at('bzhou', 'b'), { site: 'main', id: 'wang', roles: ['consultant'] }, 'permission', 'role_required'],
    ];
    for (const [who, input, code, reason] of refused) {
      const r = await call(who, 'staff.addFromSite', input);
      expect(r, `${reason}`).toMatchObject({ ok: false, error: { code } });
      if (reason !== 'role_required') expect(r, reason).toMatchObject({ error: { reason } });
    }
    expect(await counts()).toEqual(before);
  });

  it('an admin at A added at B as a consultant is still an admin’s to reset: B’s director may not take the account', async () => {
    await ok(at('bdir', 'b'), 'staff.addFromSite', { site: 'main', id: 'dir', roles: ['consultant'] });
    const r = await call(at('bsd', 'b'), 'staff.resetPin', { id: 'dir', pin: '111222' });
    expect(r).toMatchObject({ ok: false, error: { reason: 'admin_account_admin_only' } });
    expect((await signIn('dir', PINS.dir, 'main')).result.ok).toBe(true);
  });

  it('deactivation stays per site: leaving B is not leaving A', async () => {
    await ok(at('bdir', 'b'), 'staff.update', { id: 'li', active: false });
    expect((await signIn('li', '777001', 'b')).result.ok).toBe(false);
    expect((await signIn('li', '777001', 'main')).result.ok).toBe(true);
    const atA = (await ok(at('dir'), 'staff.list')).find((s: any) => s.id === 'li');
    // still active at A, and no longer "also at B" there; B's own list still shows her, inactive, as linked to A
    expect([atA.active, atA.alsoAt]).toEqual([true, []]);
    const atB = (await ok(at('bdir', 'b'), 'staff.list', { includeInactive: true })).find((s: any) => s.id === 'li');
    expect([atB.active, atB.alsoAt]).toEqual([false, ['main']]);
  });

  it('someone added from B to A later is linked to the same person: the first person row serves', async () => {
    await ok(at('dir'), 'staff.addFromSite', { site: 'b', id: 'bzhou', roles: ['consultant'] });
    const people = await sql<{ id: string }>`SELECT DISTINCT person_id AS id FROM office_group.site_staff
      WHERE staff_id = 'bzhou'`.execute(app.db);
    expect(people.rows).toHaveLength(1);
    expect((await signIn('bzhou', '800005', 'main')).result.ok).toBe(true);
  });
});
