import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-06-01T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
});
afterEach(async () => {
  await t.close();
});

describe("follow-up: a consultant's today, a manager's view (R-TRK-1, 2)", () => {
  it('overdue follow-ups, grades, notes, and protections ending within 7 days', async () => {
    const a = await t.ok('qian', 'desk.walkIn', { customer: { name: '孟浩', phone: '13911110001' } });
    const b = await t.ok('qian', 'desk.walkIn', { customer: { name: '白露', phone: '13911110002' } });
    await t.ok('pm', 'registration.confirm', { visit: a.visitId });
    await t.ok('pm', 'registration.confirm', { visit: b.visitId });
    await t.ok('zhang', 'followUp.log', { customer: a.customerId, channel: 'phone', content: '约看房', nextDay: '2026-06-03', grade: 'A' });
    await t.ok('li', 'followUp.log', { customer: b.customerId, channel: 'sms', content: '发优惠信息', nextDay: '2026-06-20', grade: 'C' });
    t.clock.set(new Date('2026-06-05T09:00:00'));
    const overview = await t.ok('mgr', 'followUp.overview', {});
    expect(overview.map((r: any) => [r.consultant, r.customer.name, r.grade, r.overdue])).toEqual([
      ['li', '白露', 'C', false],
      ['zhang', '孟浩', 'A', true],
    ]);
    expect((await t.ok('mgr', 'followUp.overview', { overdueOnly: true })).map((r: any) => r.customer.name)).toEqual(['孟浩']);
    expect((await t.ok('mgr', 'followUp.overview', { grade: 'C' })).map((r: any) => r.customer.name)).toEqual(['白露']);
    expect(await t.as('zhang', 'followUp.overview', {})).toMatchObject({ ok: false, error: { code: 'permission' } });

    await t.ok('mgr', 'followUp.note', { consultant: 'zhang', customer: a.customerId, text: '孟浩逾期两天，今天务必联系' });
    t.clock.set(new Date('2026-06-26T09:00:00'));
    const today = await t.ok('zhang', 'followUp.today', {});
    expect(today.due.map((d: any) => [d.customer.name, d.overdue])).toEqual([['孟浩', true]]);
    expect(today.notes.map((n: any) => [n.text, n.fromName])).toEqual([['孟浩逾期两天，今天务必联系', '陈静']]);
    expect(today.expiring.map((e: any) => [e.customer.name, e.untilDay])).toEqual([['孟浩', '2026-07-01']]);
    expect((await t.ok('li', 'followUp.today', {})).notes).toEqual([]);
    expect(await t.as('li', 'followUp.list', { customer: a.customerId })).toMatchObject({
      ok: false,
      error: { code: 'permission', reason: 'follow_up_list_not_owner' },
    });
  });

  it('with a three-month protection period, a customer registered 80 days ago is still in the consultant’s overview', async () => {
    await t.ok('dir', 'policy.update', { changes: { protectionMonths: 3 } });
    t.clock.set(new Date('2026-06-01T10:00:00'));
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '孟浩', phone: '13911110001' } });
    await t.ok('pm', 'registration.confirm', { visit: w.visitId });
    await t.ok(w.receivedBy!.id, 'followUp.log', {
      customer: w.customerId,
      channel: 'phone',
      content: '约看房',
      nextDay: '2026-08-20',
      grade: 'B',
    });
    t.clock.set(new Date('2026-08-20T09:00:00'));
    const overview = await t.ok('mgr', 'followUp.overview', {});
    expect(overview.map((r: any) => [r.consultant, r.customer.name])).toEqual([[w.receivedBy!.id, '孟浩']]);
  });

  it('the office names its grades; search finds a buyer by unit number and pinyin initials', async () => {
    expect((await t.ok('zhang', 'grades.labels', {})).map((g: any) => g.label)).toEqual(['意向强', '有意向', '观望', '意向弱']);
    await t.ok('mgr', 'grades.setLabel', { grade: 'D', label: '暂无意向' });
    // named: the office's own word, shown as it is in either language; the others are still the database's first words
    expect((await t.ok('zhang', 'grades.labels', {})).map((g) => [g.grade, g.label, g.named])).toEqual([
      ['A', '意向强', false],
      ['B', '有意向', false],
      ['C', '观望', false],
      ['D', '暂无意向', true],
    ]);
    const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '张杰', phone: '13911110009' } });
    await t.ok('pm', 'registration.confirm', { visit: v.visitId });
    await t.ok('zhang', 'deal.close', { customer: v.customerId, unit: '3-1201', price: 200000000, commission: 3000000 });
    expect((await t.ok('qian', 'customer.search', { q: '3-1201' })).map((c: any) => c.name)).toEqual(['张杰']);
    expect((await t.ok('qian', 'customer.search', { q: 'zj' })).map((c: any) => c.name)).toEqual(['张杰']);
  });
});
