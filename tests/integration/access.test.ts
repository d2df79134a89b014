/**
 * Issue 13 point 13, self-dealing: who may take a customer out of turn, change a deal, read a dispute and end
 * a reception. Each refusal is a permission error and leaves every table as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal, testApp, type TestApp } from '../support/app';
import { rowCounts } from '../support/row-counts';
import type { MethodName } from '../../src/api/spec';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(async () => {
  await t.close();
});

async function refusedUnchanged(who: string, method: MethodName, input: unknown) {
  const before = await rowCounts(t.app);
  const r = await t.as(who, method, input);
  expect(r, `${method} as ${who}`).toMatchObject({ ok: false, error: { code: 'permission' } });
  expect(await rowCounts(t.app)).toEqual(before);
  return r;
}

/** zhang's customer (received by roster, confirmed by the PM) and a deal on it, split wholly to zhang. */
async function zhangsDeal() {
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000001' } });
  expect(w.receivedBy!.id).toBe('zhang');
  await t.ok('zhang', 'desk.finish', { visit: w.visitId });
  await t.ok('pm', 'registration.confirm', { visit: w.visitId });
  t.clock.set(new Date('2026-03-05T10:00:00'));
  const deal = await t.ok('zhang', 'deal.close', { customer: w.customerId, unit: '3-1201', price: 100_000_000, commission: 1_000_000 });
  expect(deal.split.lines.map((l: any) => l.beneficiary)).toEqual(['zhang']);
  return { customer: w.customerId as number, deal: deal.id as number };
}

describe('named receptions (R-ROS-8, R-ROS-12): only the front desk and managers record them', () => {
  for (const field of ['asksFor', 'leadershipNamed'] as const) {
    it(`a consultant naming themselves in ${field} is refused with permission and nothing is written`, async () => {
      // wang is last in the queue: naming himself would jump zhang and li
      const r = await refusedUnchanged('wang', 'desk.walkIn', { customer: { name: '新客户', phone: '13900000009' }, [field]: 'wang' });
      expect(refusal(r)).toMatchObject({ code: 'permission', reason: 'named_reception_desk_only' });
      // naming a colleague is refused too: the desk, not a consultant, records a customer's request
      await refusedUnchanged('wang', 'desk.walkIn', { customer: { name: '新客户', phone: '13900000009' }, [field]: 'li' });
      // a plain walk-in by the same consultant still goes by the roster
      expect((await t.ok('wang', 'desk.walkIn', { customer: { name: '新客户', phone: '13900000009' } })).receivedBy!.id).toBe('zhang');
    });
  }

  it('the front desk and a manager may; each use is on the audit screen with who recorded it, for whom and why', async () => {
    const designated = await t.ok('qian', 'desk.walkIn', { customer: { name: '客户甲', phone: '13900000001' }, asksFor: 'wang' });
    expect(designated).toMatchObject({ receivedBy: { id: 'wang' }, reception: 'designated' });
    const named = await t.ok('mgr', 'desk.walkIn', { customer: { name: '客户乙', phone: '13900000002' }, leadershipNamed: 'li' });
    expect(named).toMatchObject({ receivedBy: { id: 'li' }, reception: 'voluntary' });
    const rows = await t.ok('pm', 'audit.list', { method: 'desk.named' });
    expect(rows.map((r: any) => [r.actor_id, r.actorName, r.detail.consultant, r.detail.customer, r.detail.visit])).toEqual([
      ['mgr', '陈静', 'li', named.customerId, named.visitId],
      ['qian', '钱敏', 'wang', designated.customerId, designated.visitId],
    ]);
    expect(rows[0]!.detail).toMatchObject({ leadershipNamed: 'li', why: { rule: 'R-ROS-12' } });
    expect(rows[1]!.detail).toMatchObject({ asksFor: 'wang', why: { rule: 'R-ROS-8' } });
    // found by customer as well, as the audit screen's customer filter asks
    expect((await t.ok('pm', 'audit.list', { customer: named.customerId })).map((r: any) => r.method)).toContain('desk.named');
  });
});

describe('a deal is changed only by a manager or a consultant with a line in it (R-OWN-11)', () => {
  it('li, with no line in zhang’s deal, is refused; zhang and the manager may', async () => {
    const { deal } = await zhangsDeal();
    await refusedUnchanged('li', 'deal.change', { deal, unit: '3-1202' });
    await refusedUnchanged('li', 'deal.change', { deal, buyerName: '李四' });
    expect((await t.ok('zhang', 'deal.change', { deal, unit: '3-1202' })).split.lines.map((l: any) => l.beneficiary)).toEqual(['zhang']);
    expect((await t.ok('mgr', 'deal.change', { deal, buyerName: '吴敏丈夫' })).id).toBe(deal);
  });
});

describe('dispute.get shows a dispute only to its parties and managers, as dispute.list does', () => {
  it('a consultant outside the dispute gets not_found and the list leaves it out; the raiser, the deal’s consultant and the managers read it', async () => {
    const { deal } = await zhangsDeal();
    const d = await t.ok('li', 'dispute.raise', { deal, claim: '客户最早由我接待' });
    const outsider = await t.as('wang', 'dispute.get', { dispute: d.id });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // the same answer as for a dispute that does not exist: nothing is learnt by asking
    expect(refusal(await t.as('wang', 'dispute.get', { dispute: d.id + 100 })).message).toBe(
      refusal(outsider).message.replace(String(d.id), String(d.id + 100)),
    );
    expect(await t.ok('wang', 'dispute.list', {})).toEqual([]);
    for (const who of ['li', 'zhang', 'pm', 'dir', 'mgr']) {
      expect((await t.ok(who, 'dispute.get', { dispute: d.id })).claim, who).toBe('客户最早由我接待');
      expect(
        (await t.ok(who, 'dispute.list', {})).map((x: any) => x.id),
        who,
      ).toEqual([d.id]);
    }
  });
});

describe('desk.finish (R-ROS-6): the receiving consultant, the front desk or a manager; the permission table says the same', () => {
  it('the front desk ends a reception and the consultant is free again; another consultant is refused', async () => {
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000001' } });
    expect(w.receivedBy!.id).toBe('zhang');
    await refusedUnchanged('li', 'desk.finish', { visit: w.visitId });
    const done = await t.ok('qian', 'desk.finish', { visit: w.visitId });
    expect(done.roster!.queue.find((q) => q.id === 'zhang')!.receiving).toEqual([]);
    const again = await t.ok('qian', 'desk.walkIn', { customer: { name: '郑洁', phone: '13800000002' } });
    expect((await t.ok('mgr', 'desk.finish', { visit: again.visitId })).visitId).toBe(again.visitId);
  });
});
