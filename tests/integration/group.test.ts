/**
 * The office group's reads (issue 16 item 4, src/services/group.ts): every site's statements, disputes and
 * dashboard with the group's totals, for the group role only. A single office (SQLite, or a group database
 * without site schemas) is one site, so here the group answers for that one site, equal to the site's own
 * statement.month and dispute.list — on both engines (this file runs in the PostgreSQL half too).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { ROLES, type Role } from '../../src/domain/roles';
import { groupHandlers } from '../../src/services/group';
import { refusal, testApp, type TestApp } from '../support/app';
import { writtenState } from '../support/row-counts';

let t: TestApp;
let disputedDeal: number;
const MONTH = '2026-03';

beforeAll(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('dir', 'staff.create', { id: 'boss', name: '吴总', roles: ['group_director'], pin: '900011' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  const receive = async (name: string, phone: string, by: string) => {
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name, phone } });
    expect(w.receivedBy?.id).toBe(by);
    await t.ok(by, 'desk.finish', { visit: w.visitId! });
    await t.ok('pm', 'registration.confirm', { visit: w.visitId! });
    return w.customerId!;
  };
  const a = await receive('周杰', '13800001234', 'zhang');
  const b = await receive('吴敏', '13900005678', 'li');
  const c = await receive('郑爽', '13700002222', 'wang');
  await t.ok('zhang', 'deal.close', { customer: a, unit: '1-101', price: 100_000_000, commission: 1_000_001 });
  await t.ok('li', 'deal.close', { customer: b, unit: '2-202', price: 80_000_000, commission: 800_000 });
  disputedDeal = (await t.ok('wang', 'deal.close', { customer: c, unit: '3-303', price: 50_000_000, commission: 500_000 })).id;
  await t.ok('wang', 'dispute.raise', { deal: disputedDeal, claim: '客户由我先接待' });
});
afterAll(async () => {
  await t.close();
});

describe('group.statements: each site’s month with the group total (R-COM-5)', () => {
  it('the one site’s figures are its own statement’s, to the cent, and the group total is theirs', async () => {
    const own = await t.ok('dir', 'statement.month', { month: MONTH });
    const g = await t.ok('boss', 'group.statements', { month: MONTH });
    expect(g.sites).toHaveLength(1);
    expect(g.sites[0]!.site).toEqual({ code: 'main', name: null });
    const ownPayable = Object.values(own.totals).reduce((x, y) => x + y, 0);
    expect(ownPayable).toBe(1_800_001);
    expect(g.sites[0]!.figures).toEqual({
      payableDeals: 2,
      payableCents: ownPayable,
      poolCents: 0,
      heldDeals: 1,
      heldCents: 500_000,
      unresolvedDeals: 0,
      unresolvedCents: 0,
    });
    expect(g.totals).toEqual(g.sites[0]!.figures);
    // the summary carries no site's detail; the drill-down does, read-only, as the site's own statement
    expect(g.sites[0]).not.toHaveProperty('statement');
    const drill = await t.ok('boss', 'group.statements', { month: MONTH, site: 'main' });
    expect(drill.sites[0]!.statement).toEqual(own);
  });

  it('a month without deals is zeros; a site the group does not have is not_found', async () => {
    const g = await t.ok('boss', 'group.statements', { month: '2026-01' });
    expect(g.totals.payableCents).toBe(0);
    expect(g.sites[0]!.figures.heldDeals).toBe(0);
    const e = refusal(await t.as('boss', 'group.statements', { month: MONTH, site: 'nosuch' }));
    expect([e.code, e.reason, e.params]).toEqual(['not_found', 'site_not_found', { site: 'nosuch' }]);
  });
});

describe('group.disputes: each site’s disputes by where they stand (R-DIS-1, 2)', () => {
  it('counts the open dispute, and the drill-down lists it as the site’s own list does', async () => {
    const g = await t.ok('boss', 'group.disputes', {});
    expect(g.sites[0]!.figures).toEqual({ undecided: 1, awaitingOpinion: 1, awaitingDecision: 0, decided: 0 });
    expect(g.totals).toEqual(g.sites[0]!.figures);
    const drill = await t.ok('boss', 'group.disputes', { site: 'main' });
    const own = await t.ok('dir', 'dispute.list', {});
    expect(drill.sites[0]!.disputes!.map((d) => [d.id, d.deal_id, d.status, d.customerName, d.claim, d.raisedByName])).toEqual(
      own.map((d) => [d.id, d.deal_id, d.status, d.customerName, d.claim, '王芳']),
    );
    expect(drill.sites[0]!.disputes![0]!.deal_id).toBe(disputedDeal);
  });
});

describe('group.dashboard: each site’s month at a glance', () => {
  it('visits, visitors, deals, commission and conversion of the month, and the group total', async () => {
    const g = await t.ok('boss', 'group.dashboard', { month: MONTH });
    expect(g.sites[0]!.figures).toEqual({ visits: 3, visitors: 3, deals: 3, commissionCents: 2_300_001, converted: 3 });
    expect(g.totals).toEqual(g.sites[0]!.figures);
  });
});

describe('only the group role reads the group', () => {
  const methods = [
    ['group.statements', { month: MONTH }],
    ['group.disputes', {}],
    ['group.dashboard', { month: MONTH }],
  ] as const;

  it('every single-site role is refused with permission, and nothing is written (a read, like the site’s own)', async () => {
    const before = await writtenState(t.app);
    for (const who of ['dir', 'mgr', 'pm', 'qian', 'zhang', 'sun', null]) {
      for (const [method, input] of methods) {
        const e = refusal(await t.as(who, method, input));
        expect(e.code, `${method} as ${who}`).toBe('permission');
      }
    }
    for (const [method, input] of methods) await t.ok('boss', method, input);
    expect(await writtenState(t.app)).toBe(before);
  });

  it('the group role holds nothing of a site’s own: its statement and disputes stay closed to it', async () => {
    expect(refusal(await t.as('boss', 'statement.month', { month: MONTH })).code).toBe('permission');
    expect(refusal(await t.as('boss', 'dispute.list', {})).code).toBe('permission');
    expect(refusal(await t.as('boss', 'desk.walkIn', { customer: { name: '甲', phone: '13600000000' } })).code).toBe('permission');
  });

  it('each method’s body checks the role itself, not only dispatch', async () => {
    for (const [method, input] of methods) {
      for (const roles of [ROLES.filter((r) => r !== 'group_director'), ['group_director']] as Role[][]) {
        const run = groupHandlers[method].run as (call: unknown) => Promise<unknown>;
        const call = {
          kind: 'read',
          tx: t.app.db,
          actor: { id: 'x', name: 'x', roles },
          input,
          now: t.clock.now(),
          policy: DEFAULT_POLICY,
          host: t.app,
        };
        if (roles.includes('group_director')) await expect(run(call)).resolves.toBeTruthy();
        else await expect(run(call)).rejects.toMatchObject({ code: 'permission', reason: 'role_required' });
      }
    }
  });
});

/**
 * PostgreSQL with sites (issue 16 item 4's design, src/db/group-sites.ts): a second site's schema beside the home
 * one, listed in office_group.sites, is read by the same methods under its own search_path inside the one
 * transaction. The second site here is the first one copied table by table (no triggers: a fixture), then made
 * different — its dispute withdrawn, so the held deal is payable there — so each site's answer must come from its
 * own schema. Runs last in this file: it changes the database the other tests read. SQLite has no schemas.
 */
describe.runIf(!!process.env.SALESDESK_DATABASE_URL)('two sites on PostgreSQL', () => {
  beforeAll(async () => {
    const db = t.app.db;
    await sql`CREATE SCHEMA IF NOT EXISTS office_group`.execute(db);
    await sql`CREATE TABLE IF NOT EXISTS office_group.sites (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE, name text NOT NULL,
        schema_name text NOT NULL UNIQUE, created_at timestamptz NOT NULL)`.execute(db);
    await sql`INSERT INTO office_group.sites (code, name, schema_name, created_at) VALUES ('main', '一期', 'public', now())
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`.execute(db);
    await sql`CREATE SCHEMA site_b`.execute(db);
    const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
    for (const { t: table } of tables.rows) {
      await sql.raw(`CREATE TABLE site_b."${table}" (LIKE public."${table}" INCLUDING ALL)`).execute(db);
      const cols = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`.execute(db);
      const list = cols.rows.map((r) => `"${r.c}"`).join(', ');
      await sql.raw(`INSERT INTO site_b."${table}" (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM public."${table}"`).execute(db);
    }
    // the app's own SQL functions too (json_each's text overload, the triggers'), as a site's migrations make them in its schema
    const fns = await sql<{
      def: string;
    }>`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`.execute(db);
    for (const { def } of fns.rows) await sql.raw(def.replace(/FUNCTION public\./, 'FUNCTION site_b.')).execute(db);
    await sql`DELETE FROM site_b.dispute_steps`.execute(db);
    await sql`DELETE FROM site_b.disputes`.execute(db);
    await sql`INSERT INTO office_group.sites (code, name, schema_name, created_at) VALUES ('b', '二期', 'site_b', now())`.execute(db);
  });

  it('each site answers from its own schema; the group total adds both; a drill-down reads only that site', async () => {
    const g = await t.ok('boss', 'group.statements', { month: MONTH });
    expect(g.sites.map((s) => s.site)).toEqual([
      { code: 'main', name: '一期' },
      { code: 'b', name: '二期' },
    ]);
    const [a, b] = g.sites.map((s) => s.figures);
    expect(a).toMatchObject({ payableDeals: 2, payableCents: 1_800_001, heldDeals: 1, heldCents: 500_000 });
    expect(b).toMatchObject({ payableDeals: 3, payableCents: 2_300_001, heldDeals: 0, heldCents: 0 });
    expect(g.totals).toMatchObject({ payableDeals: 5, payableCents: 4_100_002, heldDeals: 1, heldCents: 500_000 });
    const drill = await t.ok('boss', 'group.statements', { month: MONTH, site: 'b' });
    expect(drill.sites.map((s) => s.site.code)).toEqual(['b']);
    expect(drill.sites[0]!.statement!.held).toEqual([]);

    const d = await t.ok('boss', 'group.disputes', {});
    expect(d.sites.map((s) => s.figures.undecided)).toEqual([1, 0]);
    expect(d.totals.undecided).toBe(1);
    const dash = await t.ok('boss', 'group.dashboard', { month: MONTH });
    expect(dash.totals).toMatchObject({ visits: 6, deals: 6, commissionCents: 4_600_002 });
  });

  it('the site is switched for the transaction only (SET LOCAL): the next call, the site’s own statement, reads the home site', async () => {
    await t.ok('boss', 'group.statements', { month: MONTH });
    const own = await t.ok('dir', 'statement.month', { month: MONTH });
    expect(own.held).toHaveLength(1);
  });
});
