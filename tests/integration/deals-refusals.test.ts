/**
 * The refusals of deals, disputes and follow-up carry a reason and the facts behind it (src/api/reasons/deals.ts),
 * never a sentence to parse: each check of these services is met once here, its reason and params asserted. A
 * customer that does not exist is the customers area's refusal (requireCustomer), met here through each method.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/errors';
import { refusal, testApp, type TestApp } from '../support/app';

let t: TestApp;
let customer: number;
beforeEach(async () => {
  t = await testApp({ at: '2026-06-01T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
  const v = await t.ok('qian', 'desk.walkIn', { customer: { name: '孟浩', phone: '13911110001' } });
  expect(v.receivedBy!.id).toBe('zhang');
  await t.ok('pm', 'registration.confirm', { visit: v.visitId });
  customer = v.customerId!;
});
afterEach(async () => {
  await t.close();
});

/** The refusal's code, reason and params, for one comparison. */
const facts = <T>(r: ApiResult<T>) => {
  const e = refusal(r);
  return { code: e.code, reason: e.reason, ...(e.params ? { params: e.params } : {}) };
};

describe('deal refusals', () => {
  it('close, change and split', async () => {
    expect(facts(await t.as('zhang', 'deal.close', { customer, unit: '3-1201', price: 100, commission: 101 }))).toEqual({
      code: 'validation',
      reason: 'commission_over_price',
      params: { commissionCents: 101, priceCents: 100 },
    });
    expect(
      facts(await t.as('zhang', 'deal.close', { customer, unit: '3-1201', price: 100, commission: 1, companyMode: 'introduced' })),
    ).toEqual({
      code: 'validation',
      reason: 'company_mode_not_company_client',
      params: { customerId: customer },
    });
    expect(facts(await t.as('zhang', 'deal.close', { customer: 99999, unit: '3-1201', price: 100, commission: 1 }))).toEqual({
      code: 'not_found',
      reason: 'customer_not_found',
      params: { customerId: 99999 },
    });

    const company = await t.ok('pm', 'company.register', { customer: { name: '曹操', phone: '13911110002' }, introducedBy: '公司领导' });
    /** the manager records the company client's deal, arranged directly with a consultant's after-sales */
    const direct = async (more: object = {}) =>
      facts(
        await t.as('mgr', 'deal.close', {
          customer: company.customerId,
          unit: '1-101',
          price: 100,
          commission: 1,
          companyMode: 'direct_consultant_aftersales',
          ...more,
        }),
      );
    // the manager is no consultant, so nobody handles the after-sales unless named (R-CO-4)
    expect(await direct()).toEqual({
      code: 'validation',
      reason: 'after_sales_required',
    });
    // named, but the front desk is no consultant (R-CO-4); nothing is written
    expect(await direct({ afterSales: 'qian' })).toEqual({
      code: 'validation',
      reason: 'staff_not_in_role',
      params: { staffId: 'qian', name: '钱敏', roles: 'consultant' },
    });
    expect(await t.app.db.selectFrom('deals').select('id').execute()).toEqual([]);

    const deal = await t.ok('zhang', 'deal.close', { customer, unit: '3-1201', price: 200000000, commission: 3000000 });
    expect(facts(await t.as('zhang', 'deal.change', { deal: deal.id }))).toEqual({ code: 'validation', reason: 'deal_change_empty' });
    expect(facts(await t.as('li', 'deal.change', { deal: deal.id, unit: '3-1202' }))).toEqual({
      code: 'permission',
      reason: 'deal_change_not_party',
      params: { dealId: deal.id },
    });
    expect(facts(await t.as('zhang', 'deal.split', { deal: 4242 }))).toEqual({
      code: 'not_found',
      reason: 'deal_not_found',
      params: { dealId: 4242 },
    });
  });
});

describe('dispute refusals (R-DIS-1, 2)', () => {
  it('raise, opinion, return, approve and get', async () => {
    const deal = await t.ok('zhang', 'deal.close', { customer, unit: '3-1201', price: 200000000, commission: 3000000 });
    expect(facts(await t.as('zhang', 'dispute.raise', { claim: '归属有误' }))).toEqual({
      code: 'validation',
      reason: 'dispute_subject_one',
    });
    expect(facts(await t.as('zhang', 'dispute.raise', { deal: deal.id, customer, claim: '归属有误' }))).toEqual({
      code: 'validation',
      reason: 'dispute_subject_one',
    });
    expect(facts(await t.as('zhang', 'dispute.raise', { deal: 4242, claim: '归属有误' }))).toEqual({
      code: 'not_found',
      reason: 'deal_not_found',
      params: { dealId: 4242 },
    });
    expect(facts(await t.as('zhang', 'dispute.raise', { customer: 99999, claim: '归属有误' }))).toEqual({
      code: 'not_found',
      reason: 'customer_not_found',
      params: { customerId: 99999 },
    });

    const d = await t.ok('li', 'dispute.raise', { deal: deal.id, claim: '我先接待的' });
    expect(facts(await t.as('zhang', 'dispute.raise', { deal: deal.id, claim: '再提一次' }))).toEqual({
      code: 'conflict',
      reason: 'dispute_already_open',
      params: { dealId: deal.id },
    });

    expect(facts(await t.as('dir', 'dispute.return', { dispute: d.id, comment: '请补充' }))).toEqual({
      code: 'invalid_state',
      reason: 'dispute_no_opinion',
      params: { disputeId: d.id },
    });
    expect(facts(await t.as('dir', 'dispute.approve', { dispute: d.id }))).toEqual({
      code: 'invalid_state',
      reason: 'dispute_no_opinion',
      params: { disputeId: d.id },
    });
    expect(facts(await t.as('pm', 'dispute.opinion', { dispute: d.id, split: { zhang: 5000, li: 4000 }, text: '平分' }))).toEqual({
      code: 'validation',
      reason: 'opinion_split_not_full',
      params: { totalBps: 9000 },
    });
    expect(facts(await t.as('pm', 'dispute.opinion', { dispute: d.id, split: { zhang: 5000, ghost: 5000 }, text: '平分' }))).toEqual({
      code: 'validation',
      reason: 'opinion_staff_unknown',
      params: { staffIds: 'ghost' },
    });
    expect(
      facts(
        await t.as('pm', 'dispute.opinion', {
          dispute: d.id,
          split: { zhang: 5000, li: 5000 },
          text: '平分',
          parties: { ghost: { fault: '?', contribution: '?' }, nobody: { fault: '?', contribution: '?' } },
        }),
      ),
    ).toEqual({
      code: 'validation',
      reason: 'opinion_party_unknown',
      params: { staffIds: 'ghost,nobody' },
    });

    await t.ok('pm', 'dispute.opinion', { dispute: d.id, split: { zhang: 5000, li: 5000 }, text: '平分' });
    expect(facts(await t.as('pm', 'dispute.opinion', { dispute: d.id, split: { zhang: 10000 }, text: '改主意' }))).toEqual({
      code: 'invalid_state',
      reason: 'dispute_opinion_pending',
      params: { disputeId: d.id },
    });
    await t.ok('dir', 'dispute.approve', { dispute: d.id });
    expect(facts(await t.as('pm', 'dispute.opinion', { dispute: d.id, split: { zhang: 10000 }, text: '改主意' }))).toEqual({
      code: 'invalid_state',
      reason: 'dispute_decided',
      params: { disputeId: d.id },
    });
    expect(facts(await t.as('dir', 'dispute.approve', { dispute: d.id }))).toEqual({
      code: 'invalid_state',
      reason: 'dispute_decided',
      params: { disputeId: d.id },
    });

    expect(facts(await t.as('pm', 'dispute.get', { dispute: 4242 }))).toEqual({
      code: 'not_found',
      reason: 'dispute_not_found',
      params: { disputeId: 4242 },
    });
    // wang is no party: the dispute is as unknown to him as one that does not exist
    expect(facts(await t.as('wang', 'dispute.get', { dispute: d.id }))).toEqual({
      code: 'not_found',
      reason: 'dispute_not_found',
      params: { disputeId: d.id },
    });
  });
});

describe('follow-up refusals (R-TRK-1, 2)', () => {
  it('log and list', async () => {
    expect(facts(await t.as('li', 'followUp.log', { customer, channel: 'phone', content: '约看房' }))).toEqual({
      code: 'permission',
      reason: 'follow_up_not_owner',
      params: { customerId: customer },
    });
    expect(facts(await t.as('zhang', 'followUp.log', { customer, day: '2026-06-02', channel: 'phone', content: '约看房' }))).toEqual({
      code: 'validation',
      reason: 'follow_up_day_future',
      params: { followUpDay: '2026-06-02', todayDay: '2026-06-01' },
    });
    expect(
      facts(
        await t.as('zhang', 'followUp.log', { customer, day: '2026-05-31', nextDay: '2026-05-30', channel: 'phone', content: '约看房' }),
      ),
    ).toEqual({
      code: 'validation',
      reason: 'follow_up_next_before',
      params: { followUpDay: '2026-05-31', nextDay: '2026-05-30' },
    });
    expect(facts(await t.as('zhang', 'followUp.log', { customer: 99999, channel: 'phone', content: '约看房' }))).toEqual({
      code: 'not_found',
      reason: 'customer_not_found',
      params: { customerId: 99999 },
    });
    expect(facts(await t.as('li', 'followUp.list', { customer }))).toEqual({
      code: 'permission',
      reason: 'follow_up_list_not_owner',
      params: { customerId: customer },
    });
    // the owner and every manager read them (src/domain/follow-up.ts followUpListRefusal)
    await t.ok('zhang', 'followUp.log', { customer, channel: 'phone', content: '约看房' });
    for (const reader of ['zhang', 'mgr', 'pm']) expect(await t.ok(reader, 'followUp.list', { customer }), reader).toHaveLength(1);
  });
});
