import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';

const scenario = (name: string) => readFileSync(resolve(__dirname, '../../../shared/scenarios', name), 'utf8');

describe('lists for the screens', () => {
  it('deals, disputes and referrals of replayed days, each seen only by who may see it', async () => {
    const seen: Record<string, any> = {};
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app, clock) => {
      const as = async (who: string, m: string, input: unknown) => (await app.dispatch({ staffId: who }, m, input)).result as any;
      clock.set(new Date('2026-05-22T12:00:00'));
      seen.inbox = await as('dir', 'dispute.list', { status: 'opinion' });
      seen.zhangDisputes = await as('zhang', 'dispute.list', {});
      seen.deals = await as('li', 'deal.list', { month: '2026-05' });
      seen.search = await as('qian', 'customer.search', { q: 'fg' });
      seen.searchPhone = await as('qian', 'customer.search', { q: '133 0000' });
      seen.searchAsConsultants = [await as('zhang', 'customer.search', { q: 'fg' }), await as('li', 'customer.search', { q: 'fg' })];
      seen.referrals = await as('zhang', 'referral.list', {});
    });
    expect(seen.inbox.value.map((d: any) => [d.id, d.status, d.customerName, d.proposed])).toEqual([
      [1, 'opinion', '冯刚', { zhang: 5000, li: 5000 }],
    ]);
    expect(seen.zhangDisputes.value).toHaveLength(1); // zhang is a party of the disputed deal
    expect(seen.deals.value.map((d: any) => [d.unit, d.split.held])).toEqual([['1-0603', true]]);
    expect(seen.search.value.map((c: any) => c.name)).toEqual(['冯刚']);
    expect(seen.searchPhone.value.map((c: any) => c.name)).toEqual(['冯刚']);
    // R-SEC-1: the front desk sees the number masked; the consultant who owns 冯刚 sees it whole
    expect(seen.search.value[0].phone).toContain('****');
    expect(seen.searchAsConsultants.map((r: any) => r.value[0].phone.includes('****'))).toContain(false);
    expect(seen.referrals).toMatchObject({ ok: false, error: { code: 'permission' } });
  });
});

describe('the PM opinion records fault and contribution (R-DIS-2)', () => {
  it('keeps each party’s assessment with the step, refuses unknown people, and nothing is editable after the decision', async () => {
    const seen: Record<string, any> = {};
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app) => {
      const as = async (who: string, m: string, input: unknown) => (await app.dispatch({ staffId: who }, m, input)).result as any;
      seen.dispute = await as('pm', 'dispute.get', { dispute: 1 });
      seen.late = await as('pm', 'dispute.opinion', { dispute: 1, split: { zhang: 10000 }, text: '改主意' });
      seen.raise = await as('zhang', 'dispute.raise', { deal: 1, claim: '重新提出' });
      seen.second = await as('pm', 'dispute.opinion', {
        dispute: 2,
        split: { zhang: 5000, li: 5000 },
        text: '平分',
        parties: { zhang: { fault: '无', contribution: '首次接待' }, li: { fault: '无', contribution: '讲解与成交' } },
      });
      seen.bad = await as('pm', 'dispute.opinion', {
        dispute: 2,
        split: { zhang: 5000, li: 5000 },
        text: '平分',
        parties: { ghost: { fault: '?', contribution: '?' } },
      });
      seen.after = await as('pm', 'dispute.get', { dispute: 2 });
    });
    expect(seen.dispute.value.status).toBe('decided');
    expect(seen.dispute.value.steps.map((s: any) => s.type)).toEqual(['raise', 'opinion', 'return', 'opinion', 'approve']);
    expect(seen.dispute.value.steps.map((s: any) => s.actorName)).toEqual(['李娜', '刘强', '赵总', '刘强', '赵总']);
    expect(seen.late).toMatchObject({ ok: false, error: { code: 'invalid_state', reason: 'dispute_decided', params: { disputeId: 1 } } });
    expect(seen.raise.ok).toBe(true); // a later decision may supersede (R-DIS-2)
    expect(seen.second.ok).toBe(true);
    expect(seen.bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', reason: 'dispute_opinion_pending', params: { disputeId: 2 } },
    });
    expect(seen.after.value.steps[1].assessment).toEqual({
      zhang: { fault: '无', contribution: '首次接待' },
      li: { fault: '无', contribution: '讲解与成交' },
    });
  });
});
