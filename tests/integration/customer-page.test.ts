import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';
import { sql } from 'kysely';
import { row, rows } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
});
afterEach(async () => {
  await t.close();
});
const at = (s: string) => t.clock.set(new Date(s));

describe('the customer page', () => {
  it('tells a returning customer under a new number from the desk warning to the PM identification, with the rule', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    at('2026-03-02T09:30:00');
    const first = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13900003333' } });
    await t.ok('zhang', 'desk.finish', { visit: first.visitId });
    at('2026-03-02T18:00:00');
    await t.ok('pm', 'registration.confirm', { visit: first.visitId });

    at('2026-03-09T09:00:00');
    await t.ok('mgr', 'roster.start', { order: ['li', 'zhang'] });
    at('2026-03-09T09:30:00');
    // the desk warns: same name, zhang's customer, under another number
    const look = await t.ok('qian', 'desk.lookup', { phone: '13700004444', name: '吴敏' });
    expect(look.status).toBe('possible_match');
    expect(look.possibleMatches).toEqual([
      expect.objectContaining({ customerId: first.customerId, owner: 'zhang', why: { kind: 'same_name', digitsOff: null } }),
    ]);
    expect(look.proposal).toMatchObject({ consultant: { id: 'li' }, reception: 'roster' });
    const second = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13700004444' } });
    expect(second.receivedBy!.id).toBe('li');
    at('2026-03-09T18:00:00');
    // the PM's daily list flags it, with the number in full (R-SEC-1: managers see all)
    const day = await t.ok('pm', 'registration.day', { day: '2026-03-09' });
    expect(day[0]!.phone).toBe('13700004444');
    expect(day[0]!.flags).toEqual([
      {
        kind: 'possible_match',
        rule: 'R-OWN-8',
        customerId: first.customerId,
        name: '吴敏',
        phone: '13900003333',
        why: { kind: 'same_name', digitsOff: null },
        ownerId: 'zhang',
        ownerName: '张伟',
      },
    ]);
    await t.ok('pm', 'registration.confirm', { visit: second.visitId });

    at('2026-03-18T11:00:00');
    await t.ok('pm', 'customer.identify', { customer: second.customerId, sameAs: first.customerId });
    const page = await t.ok('pm', 'customer.get', { customer: first.customerId });
    expect(page.owners.map((o: { id: string; bps: number }) => [o.id, o.bps])).toEqual([
      ['zhang', 5000],
      ['li', 5000],
    ]);
    // why, as facts: R-OWN-8i with the days between B's reception and the identification (9 Mar → 18 Mar)
    expect(page.why).toEqual({ kind: 'cited', cites: [{ rule: 'R-OWN-8i', params: { days: 9 } }] });
    expect(page.owners).toEqual([
      { id: 'zhang', name: '张伟', bps: 5000, cites: [{ rule: 'R-OWN-8i', params: { days: 9 } }] },
      { id: 'li', name: '李娜', bps: 5000, cites: [{ rule: 'R-OWN-8i', params: { days: 9 } }] },
    ]);
    expect(page.linked.map((c: { phone: string }) => c.phone)).toEqual(['13700004444']);
    // R-SEC-1: the front desk reads the same page with numbers masked; the PM's full read was logged
    const masked = await t.ok('qian', 'customer.get', { customer: first.customerId });
    expect([masked.customer.phone, masked.customer.phoneMasked, masked.linked[0]!.phone]).toEqual(['139****3333', true, '137****4444']);
    // each co-owner sees their customer in full, unlogged
    expect((await t.ok('li', 'customer.get', { customer: first.customerId })).customer.phone).toBe('13900003333');
    const reads = (
      await rows(
        t.app,
        sql<{ actor_id: string; detail: string }>`SELECT actor_id, detail FROM audit_log WHERE method = 'customer.read' ORDER BY id`,
      )
    ).map((r) => {
      const d = JSON.parse(r.detail) as { customerId: number; full: boolean };
      return { actor_id: r.actor_id, c: d.customerId, f: d.full ? 1 : 0 };
    });
    expect(reads).toEqual([
      { actor_id: 'pm', c: first.customerId, f: 1 },
      { actor_id: 'qian', c: first.customerId, f: 0 },
    ]);
    // the audit screen finds both reads by customer, and by person; consultants may not look
    const byCustomer = await t.ok('dir', 'audit.list', { customer: first.customerId, method: 'customer.read' });
    expect(byCustomer.map((r) => r.actorName)).toEqual(['钱敏', '刘强']);
    expect(
      (await t.ok('pm', 'audit.list', { actor: 'pm', from: '2026-03-18', to: '2026-03-18' })).map((r: { method: string }) => r.method),
    ).toEqual(['customer.read', 'customer.identify']);
    expect(await t.as('zhang', 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'permission' } });
    const kinds = page.history.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['visit', 'finished', 'decision', 'visit', 'decision', 'identified']);
    expect(page.history[3]).toEqual({
      kind: 'visit',
      at: '2026-03-09T01:30:00.000Z',
      visitId: second.visitId,
      consultant: { id: 'li', name: '李娜' },
      reception: 'roster',
      registeredFor: null,
      by: 'qian',
      byName: '钱敏',
    });
    expect(page.history[1]).toMatchObject({ kind: 'finished', visitId: first.visitId, by: 'zhang' });
    expect(page.history[2]).toMatchObject({ kind: 'decision', decision: 'confirmed', reason: null, by: 'pm', byName: '刘强' });
    expect(page.history[5]).toMatchObject({
      kind: 'identified',
      customerId: second.customerId,
      otherCustomerId: first.customerId,
      rule: 'R-OWN-8',
      by: 'pm',
    });
    // no sentence crosses the API: not one string value in the page is Chinese but names the office typed
    const strings = JSON.stringify(page).match(/"[^"]*[\u4e00-\u9fff][^"]*"/g) ?? [];
    expect([...new Set(strings)].sort()).toEqual(['"刘强"', '"吴敏"', '"张伟"', '"李娜"', '"钱敏"']);
    expect(page.history.map((e: { at: string }) => e.at)).toEqual([...page.history.map((e: { at: string }) => e.at)].sort());
  });

  it('explains a plain owner with the protection end, and a lapsed customer as new', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang'] });
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800001111' } });
    expect((await t.ok('qian', 'customer.get', { customer: v.customerId })).why).toEqual({ kind: 'nobody' });
    await t.ok('pm', 'registration.confirm', { visit: v.visitId });
    const page = await t.ok('qian', 'customer.get', { customer: v.customerId });
    expect([page.owners, page.why, page.until]).toEqual([
      [{ id: 'zhang', name: '张伟', bps: 10000, cites: [] }],
      { kind: 'registered', sinceDay: '2026-03-02', untilDay: '2026-04-02' },
      '2026-04-02',
    ]);
    at('2026-04-03T09:00:00');
    const lapsed = await t.ok('qian', 'customer.get', { customer: v.customerId });
    expect([lapsed.owners, lapsed.why, lapsed.until]).toEqual([[], { kind: 'nobody' }, null]);
    expect(await t.as('sun', 'customer.get', { customer: v.customerId })).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await t.as('qian', 'customer.get', { customer: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a correction is a new record; the customer page shows the old and the new value', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang'] });
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800001111' } });
    await t.ok('pm', 'registration.confirm', { visit: v.visitId });
    expect(await t.as('pm', 'registration.correct', { visit: v.visitId, set: {}, reason: '录错' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    await t.ok('pm', 'registration.correct', { visit: v.visitId, set: { phone: '13800001112' }, reason: '前台录错号码' });
    expect((await t.ok('qian', 'desk.lookup', { phone: '13800001112' })).owners.map((o: { id: string }) => o.id)).toEqual(['zhang']);
    expect((await t.ok('qian', 'desk.lookup', { phone: '13800001111' })).status).toBe('new');
    const page = await t.ok('zhang', 'customer.get', { customer: v.customerId });
    const correction = {
      kind: 'correction',
      changes: [{ field: 'phone', from: '13800001111', to: '13800001112' }],
      reason: '前台录错号码',
      rule: 'R-OWN-4',
      by: 'pm',
      byName: '刘强',
    };
    expect(page.history.find((e) => e.kind === 'correction')).toMatchObject(correction);
    // R-SEC-1: a colleague reads both numbers masked, and a number typed into the reason too
    const other = await t.ok('li', 'customer.get', { customer: v.customerId });
    expect(other.history.find((e) => e.kind === 'correction')).toMatchObject({
      ...correction,
      changes: [{ field: 'phone', from: '138****1111', to: '138****1112' }],
    });
    await t.ok('pm', 'registration.correct', { visit: v.visitId, set: { consultant: 'li' }, reason: '客户说 13800001112 是李娜的客户' });
    const again = await t.ok('li', 'customer.get', { customer: v.customerId });
    expect(again.history.filter((e) => e.kind === 'correction').at(-1)).toMatchObject({
      changes: [{ field: 'consultant', from: { id: 'zhang', name: '张伟' }, to: { id: 'li', name: '李娜' } }],
      rule: 'R-OWN-4',
    });
    expect(
      (await t.ok('wang', 'customer.get', { customer: v.customerId })).history.filter((e) => e.kind === 'correction').at(-1),
    ).toMatchObject({ reason: '客户说 138****1112 是李娜的客户' });
    expect(await row(t.app, sql`SELECT count(*) AS n FROM registrations`)).toEqual({ n: 3 });
  });
});

describe('a deal’s money on the customer page (issue 17 item 16)', () => {
  it('a consultant sees the price and commission of their own deal, not of a colleague’s; managers see both', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    at('2026-03-02T09:30:00');
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '钱多', phone: '13900005555' } });
    expect(w.receivedBy!.id).toBe('zhang');
    await t.ok('zhang', 'desk.finish', { visit: w.visitId });
    at('2026-03-02T18:00:00');
    await t.ok('pm', 'registration.confirm', { visit: w.visitId });
    at('2026-03-05T10:00:00');
    await t.ok('zhang', 'deal.close', { customer: w.customerId, unit: '3-1201', price: 256_780_000, commission: 3_851_700 });
    const dealEntry = async (who: string) =>
      (await t.ok(who, 'customer.get', { customer: w.customerId })).history.find((e) => e.kind === 'deal');
    for (const who of ['zhang', 'mgr', 'pm', 'dir']) {
      expect(await dealEntry(who), who).toMatchObject({
        kind: 'deal',
        unit: '3-1201',
        onSpot: false,
        priceCents: 256_780_000,
        commissionCents: 3_851_700,
      });
    }
    expect(await dealEntry('li')).toMatchObject({ kind: 'deal', unit: '3-1201', priceCents: null, commissionCents: null });
  });

  it('a refused reception reassigned: the registration row stores a code, not words, and the page sends it as facts; an old row with the sentence still reads', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    at('2026-03-02T09:30:00');
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '冯刚', phone: '13722220003' } });
    expect(v.receivedBy!.id).toBe('zhang');
    at('2026-03-02T09:40:00');
    const r = await t.ok('mgr', 'desk.refuse', { visit: v.visitId, fault: 'serious' });
    expect(r.outcome).toBe('reassigned');
    const to = r.receivedBy.id;
    const stored = await rows<{ reason: string | null; consultant_id: string }>(
      t.app,
      sql`SELECT reason, consultant_id FROM registrations WHERE visit_id = ${v.visitId} AND kind = 'reassignment' ORDER BY id`,
    );
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]!.reason!)).toEqual({ code: 'refusal_reassigned', params: { from: 'zhang' } });
    expect(stored[0]!.reason).not.toMatch(/[\u4e00-\u9fff]/);
    const names: Record<string, string> = { zhang: '张伟', li: '李娜', wang: '王芳' };
    const reassigned = async () =>
      (await t.ok('pm', 'customer.get', { customer: v.customerId! })).history.filter((e) => e.kind === 'reassigned');
    expect(await reassigned()).toEqual([
      expect.objectContaining({
        kind: 'reassigned',
        visitId: v.visitId,
        to: { id: to, name: names[to] },
        reason: { code: 'refusal_reassigned', from: { id: 'zhang', name: '张伟' } },
        rule: 'R-ROS-10',
        by: 'mgr',
      }),
    ]);
    // Rows written before carry the sentence (insert-only: never rewritten): the page reads it as the same code;
    // any other stored text is sent as written.
    const corrects = await row<{ id: number }>(t.app, sql`SELECT id FROM registrations WHERE visit_id = ${v.visitId} ORDER BY id LIMIT 1`);
    at('2026-03-02T09:50:00');
    for (const reason of ['R-ROS-10：客户拒绝原售楼员，按轮排改派，按新客处理', '经理当场改派']) {
      await t.app.db
        .insertInto('registrations')
        .values({
          visit_id: v.visitId!,
          customer_id: v.customerId!,
          consultant_id: to,
          registered_at: '2026-03-02T01:50:00.000Z',
          corrects_id: corrects!.id,
          reason,
          recorded_by: 'mgr',
          created_at: '2026-03-02T01:50:00.000Z',
          kind: 'reassignment',
        })
        .execute();
    }
    expect((await reassigned()).map((e) => (e.kind === 'reassigned' ? e.reason : null))).toEqual([
      { code: 'refusal_reassigned', from: { id: 'zhang', name: '张伟' } },
      { code: 'refusal_reassigned', from: null },
      { text: '经理当场改派' },
    ]);
  });
});
