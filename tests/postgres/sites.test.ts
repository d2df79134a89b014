/**
 * Sites of an office group (issue 16 item 4): each site its own schema with the whole office table set, the home
 * site in public and another in site_<code>; a session belongs to one site and every call of it runs there. The
 * same phone walks in at A and at B: owned at A by A's consultant, new at B and given by B's roster, and B's
 * desk is told it visited A (as information); the rosters, policies and commissions are each site's own; a session
 * of A reads nothing of B; verify covers every site; a change at one site is announced as that site's.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/errors';
import type { Session } from '../../src/api/session';
import { openPostgresApp } from '../../src/app-postgres';
import { createCore } from '../../src/core';
import { openPostgres } from '../../src/db/postgres';
import { addSite, listSites, siteDb } from '../../src/db/sites';
import { ManualClock } from '../../src/domain/clock';
import { PINS, TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';
import { startWeb } from '../support/web';

const server = postgresServer();
const PHONE = '13812345678';

describe.skipIf(!server.url)(`sites of an office group${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof openPostgresApp>>;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
  const key = randomBytes(32);
  /** B's own people: a different team, one id (zhang) the same as A's for another person */
  const B_TEAM = [
    { id: 'bdir', name: '周总', roles: ['sales_director', 'admin'], pin: '800001' },
    { id: 'bmgr', name: '吴经理', roles: ['sales_manager'], pin: '800002' },
    { id: 'bdesk', name: '郑前台', roles: ['front_desk'], pin: '800003' },
    { id: 'zhang', name: '张三丰', roles: ['consultant'], pin: '800004' },
    { id: 'bzhou', name: '周敏', roles: ['consultant'], pin: '800005' },
  ];
  const at = (staffId: string, site?: string): Session => (site ? { staffId, site } : { staffId });
  const ok = async (session: Session | null, method: string, input: unknown = {}, site?: string): Promise<any> => {
    const r = (await app.dispatch(session, method, input, site ? { site } : undefined)).result as ApiResult<any>;
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock });
    await ok(null, 'setup.firstRun', { staff: TEAM });
    await addSite(app.db, { code: 'b', name: 'B项目', now: clock.now() });
    await sql`UPDATE office_group.sites SET name = 'A项目' WHERE code = 'main'`.execute(app.db);
    // B's first-run setup, from a terminal that asks for site b (its sign-in screen lists the sites)
    await ok(null, 'setup.firstRun', { staff: B_TEAM }, 'b');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('a new site is a schema of its own at the newest version, with its own ledger, policy and staff', async () => {
    expect((await listSites(app.db)).map((s) => [s.code, s.name, s.schema])).toEqual([
      ['main', 'A项目', 'public'],
      ['b', 'B项目', 'site_b'],
    ]);
    const b = siteDb(app.db, { schema: 'site_b' });
    expect((await sql<{ version: number }>`SELECT version FROM salesdesk_schema`.execute(b)).rows[0]!.version).toBe(
      (await sql<{ version: number }>`SELECT version FROM salesdesk_schema`.execute(app.db)).rows[0]!.version,
    );
    expect((await sql<{ id: string }>`SELECT id FROM staff ORDER BY id`.execute(b)).rows.map((r) => r.id)).toEqual(
      B_TEAM.map((s) => s.id).sort(),
    );
    expect(await ok(null, 'session.sites')).toEqual([
      { code: 'main', name: 'A项目' },
      { code: 'b', name: 'B项目' },
    ]);
    // a second site of the same code is refused, and so is a code that could not name a schema
    await expect(addSite(app.db, { code: 'b', name: '又一个', now: clock.now() })).rejects.toMatchObject({ reason: 'site_exists' });
    await expect(addSite(app.db, { code: 'B; DROP', name: 'x', now: clock.now() })).rejects.toMatchObject({ reason: 'site_code_invalid' });
  });

  it('sign-in picks the site: the person must be one of its staff, and the session keeps the site', async () => {
    const atB = await app.dispatch(null, 'session.signIn', { staffId: 'bdesk', pin: '800003' }, { site: 'b' });
    expect(atB.result.ok).toBe(true);
    expect(atB.session).toMatchObject({ staffId: 'bdesk', site: 'b' });
    // bdesk is nobody at A
    const atA = await app.dispatch(null, 'session.signIn', { staffId: 'bdesk', pin: '800003' }, { site: 'main' });
    expect(atA.result.ok).toBe(false);
    // zhang at B is B's zhang, with B's PIN; A's zhang's PIN does not open B
    const wrong = await app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang }, { site: 'b' });
    expect(wrong.result.ok).toBe(false);
    expect(await ok(at('zhang', 'b'), 'session.me')).toMatchObject({ id: 'zhang', name: '张三丰' });
    expect(await ok(at('zhang'), 'session.me')).toMatchObject({ id: 'zhang', name: '张伟' });
    const unknown = await app.dispatch(null, 'staff.list', {}, { site: 'nowhere' });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'site_unknown' } });
  });

  it('the same phone: owned at A by A’s consultant, new at B and given by B’s roster; B’s desk is told of A', async () => {
    await ok(at('mgr'), 'roster.start', { order: ['zhang', 'li', 'wang'] });
    const a = await ok(at('qian'), 'desk.walkIn', { customer: { name: '吴敏', phone: PHONE } });
    expect(a.receivedBy.id).toBe('zhang');
    await ok(at('zhang'), 'desk.finish', { visit: a.visitId });
    await ok(at('pm'), 'registration.confirm', { visit: a.visitId });

    clock.set(new Date('2026-03-04T10:00:00'));
    await ok(at('mgr'), 'roster.start', { order: ['li', 'wang'] });
    await ok(at('bmgr', 'b'), 'roster.start', { order: ['bzhou', 'zhang'] });
    const lookupB = await ok(at('bdesk', 'b'), 'desk.lookup', { phone: PHONE, name: '吴敏' });
    expect(lookupB.customerId).toBeNull();
    expect(lookupB.owners).toEqual([]);
    expect(lookupB.elsewhere).toEqual([{ site: { code: 'main', name: 'A项目' }, lastVisitDay: '2026-03-02' }]);
    // new at B: B's roster gives it to B's head, then the next to B's second (B's zhang, another person than A's)
    const b = await ok(at('bdesk', 'b'), 'desk.walkIn', { customer: { name: '吴敏', phone: PHONE } });
    expect(b.receivedBy).toMatchObject({ id: 'bzhou', name: '周敏' });
    const b2 = await ok(at('bdesk', 'b'), 'desk.walkIn', { customer: { name: '另一位', phone: '13700000001' } });
    expect(b2.receivedBy).toMatchObject({ id: 'zhang', name: '张三丰' });
    // A's desk still sees A's owner, and is now told of B
    const lookupA = await ok(at('qian'), 'desk.lookup', { phone: PHONE, name: '吴敏' });
    expect(lookupA.owners.map((o: { id: string }) => o.id)).toEqual(['zhang']);
    expect(lookupA.elsewhere).toEqual([{ site: { code: 'b', name: 'B项目' }, lastVisitDay: '2026-03-04' }]);
    // A's roster did not move for B's two walk-ins: li, A's head, is next at A
    const next = await ok(at('qian'), 'desk.walkIn', { customer: { name: '新客户', phone: '13900000001' } });
    expect(next.receivedBy).toMatchObject({ id: 'li', name: '李娜' });
  });

  it('policy is per site: a change at A leaves B’s as it was', async () => {
    const before = await ok(at('bdir', 'b'), 'policy.get');
    await ok(at('dir'), 'policy.update', { changes: { lunchDeskSize: 3 } });
    expect((await ok(at('dir'), 'policy.get')).current.lunchDeskSize).toBe(3);
    expect(before.current.lunchDeskSize).not.toBe(3);
    expect(await ok(at('bdir', 'b'), 'policy.get')).toEqual(before);
  });

  it('commission at B does not see A’s deals, and a session of A reads nothing of B', async () => {
    clock.set(new Date('2026-03-05T10:00:00'));
    const custA = (await ok(at('qian'), 'desk.lookup', { phone: PHONE, name: '吴敏' })).customerId;
    await ok(at('zhang'), 'deal.close', { customer: custA, unit: 'A-1201', price: 100_000_000, commission: 1_000_000 });
    const stA = await ok(at('dir'), 'statement.month', { month: '2026-03' });
    expect(stA.deals).toHaveLength(1);
    const stB = await ok(at('bdir', 'b'), 'statement.month', { month: '2026-03' });
    expect([stB.deals, stB.unresolved, stB.held]).toEqual([[], [], []]);
    // B's customer record exists only in B's schema: A's desk does not find it by B's id, nor B's deal list A's deal
    const b = siteDb(app.db, { schema: 'site_b' });
    await ok(at('bmgr', 'b'), 'roster.start', { order: ['bzhou', 'zhang'] });
    const onlyB = await ok(at('bdesk', 'b'), 'desk.walkIn', { customer: { name: '只在B', phone: '13700000007' } });
    const aLook = await ok(at('qian'), 'desk.lookup', { phone: '13700000007', name: '只在B' });
    expect(aLook.customerId).toBeNull();
    const idsA = (await sql<{ id: number }>`SELECT id FROM customers`.execute(app.db)).rows.map((r) => Number(r.id));
    expect(idsA).not.toContain(onlyB.customerId);
    const got = await app.dispatch(at('dir'), 'customer.get', { customer: onlyB.customerId });
    expect(got.result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok(at('bdir', 'b'), 'deal.list', { month: '2026-03' })).length ?? 0).toBe(0);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM deals`.execute(b)).rows[0]!.n)).toBe(0);
  });

  it('verify covers every site: a row changed behind the app’s back at B fails with B named', async () => {
    const good = await app.verify();
    expect(good.ok).toBe(true);
    expect(Object.keys((good as { sites?: object }).sites ?? {})).toEqual(['main', 'b']);
    const b = siteDb(app.db, { schema: 'site_b' });
    await sql`UPDATE staff SET name = '篡改' WHERE id = 'bzhou'`.execute(b).catch(() => undefined);
    // the staff row is chained: an update through the app's connection is chained too, so alter it with the trigger off
    await sql`ALTER TABLE staff DISABLE TRIGGER staff_ledger`.execute(b);
    await sql`UPDATE staff SET name = '再篡改' WHERE id = 'bzhou'`.execute(b);
    await sql`ALTER TABLE staff ENABLE TRIGGER staff_ledger`.execute(b);
    const bad = await app.verify();
    expect(bad.ok).toBe(false);
    expect(bad.problems.some((p) => p.params?.site === 'b' && p.table === 'staff')).toBe(true);
    expect(bad.problems.some((p) => p.params?.site === 'main')).toBe(false);
  });

  it('a change at a site is announced as that site’s, for its terminals only', async () => {
    clock.set(new Date('2026-03-06T10:00:00'));
    await ok(at('mgr'), 'roster.start', { order: ['li', 'wang'] });
    // (bzhou's row was altered behind the app's back above: the app trusts it no more)
    await ok(at('bmgr', 'b'), 'roster.start', { order: ['zhang'] });
    const core = createCore(app);
    const events: { seq: number; areas: string[]; site?: string }[] = [];
    const off = core.onChange((e) => events.push(e));
    try {
      const walkB = await core.dispatch(at('bdesk', 'b'), 'desk.walkIn', { customer: { name: '推送', phone: '13600000009' } });
      const walkA = await core.dispatch(at('qian'), 'desk.walkIn', { customer: { name: '推送A', phone: '13600000010' } });
      expect([walkB.result.ok, walkA.result.ok]).toEqual([true, true]);
      expect(events.map((e) => e.site)).toEqual(['b', undefined]);

      // Web mode: a terminal signed in at B (the sign-in screen's choice travels as X-Salesdesk-Site) hears B's change
      // and not A's, made just before it.
      const web = await startWeb(core, () => clock.now().getTime());
      try {
        const signIn = await fetch(`${web.base}/api/session.signIn`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: web.base, 'X-Salesdesk-Site': 'b' },
          body: JSON.stringify({ staffId: 'bdesk', pin: '800003' }),
        });
        expect(((await signIn.json()) as { ok: boolean }).ok).toBe(true);
        const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
        expect((await web.call(cookie, 'session.me')).json.value).toMatchObject({ id: 'bdesk', name: '郑前台' });
        // the stream names the terminal's site (?site=, as the renderer sends it): another site's is not this session's
        const wrong = await fetch(`${web.base}/api/events?site=main`, { headers: { Cookie: cookie } });
        expect(wrong.status).not.toBe(200);
        expect(((await wrong.json()) as { error: { reason: string } }).error.reason).toBe('not_signed_in');
        const controller = new AbortController();
        const res = await fetch(`${web.base}/api/events?site=b`, { headers: { Cookie: cookie }, signal: controller.signal });
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let text = '';
        while (!text.includes(': ping')) text += decoder.decode((await reader.read()).value, { stream: true });
        const seen: number[] = [];
        events.length = 0;
        await core.dispatch(at('qian'), 'desk.walkIn', { customer: { name: '甲方', phone: '13600000011' } });
        await core.dispatch(at('bdesk', 'b'), 'desk.walkIn', { customer: { name: '乙方', phone: '13600000012' } });
        expect(events.map((e) => e.site)).toEqual([undefined, 'b']);
        const seqB = events[1]!.seq;
        try {
          while (!seen.includes(seqB)) {
            for (const m of text.matchAll(/event: change\ndata: (.*)\n/g)) {
              const seq = (JSON.parse(m[1]!) as { seq: number }).seq;
              if (!seen.includes(seq)) seen.push(seq);
            }
            if (seen.includes(seqB)) break;
            text += decoder.decode((await reader.read()).value, { stream: true });
          }
        } finally {
          controller.abort();
        }
        expect(seen).toEqual([seqB]);
      } finally {
        await web.close();
      }
    } finally {
      off();
    }
  });

  it('a site added while the app server runs (site add, import-office: another process) is listed at the next sign-in screen', async () => {
    expect((await ok(null, 'session.sites')).map((s: { code: string }) => s.code)).toEqual(['main', 'b']);
    // another process: its own connection to the group's database
    const other = openPostgres(database.url, { ledgerKey: key, max: 2 });
    try {
      await addSite(other.db, { code: 'c', name: 'C项目', now: clock.now() });
    } finally {
      await other.close();
    }
    expect(await ok(null, 'session.sites')).toEqual([
      { code: 'main', name: 'A项目' },
      { code: 'b', name: 'B项目' },
      { code: 'c', name: 'C项目' },
    ]);
  });
});
