/**
 * The dispute screen keeps its subject (issue 17 item 19): dispute.get names, as facts, which customer, the
 * person's registrations made by the time it was raised (who registered each, when, where it stands), the
 * deals concerned and who owns the person now, at every step — open, after the PM's opinion, after the
 * director's decision.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';

const scenario = (name: string) => readFileSync(resolve(__dirname, '../../../shared/scenarios', name), 'utf8');

describe('dispute.get: the subject as facts', () => {
  it('a deal dispute and an ownership dispute keep their customer, registrations, deals and owners through every step', async () => {
    const seen: Record<string, any> = {};
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app, clock) => {
      const as = async (who: string, m: string, input: unknown) => (await app.dispatch({ staffId: who }, m, input)).result as any;
      seen.deal = await as('pm', 'dispute.get', { dispute: 1 });
      clock.set(new Date('2026-06-02T10:00:00'));
      const raised = await as('zhang', 'dispute.raise', { customer: seen.deal.value.subject.customer.id, claim: '冯刚首次来访由我接待' });
      seen.open = await as('pm', 'dispute.get', { dispute: raised.value.id });
      clock.set(new Date('2026-06-02T11:00:00'));
      await as('pm', 'dispute.opinion', { dispute: raised.value.id, split: { zhang: 5000, li: 5000 }, text: '平分' });
      seen.opinion = await as('dir', 'dispute.get', { dispute: raised.value.id });
      clock.set(new Date('2026-06-02T12:00:00'));
      await as('dir', 'dispute.approve', { dispute: raised.value.id });
      seen.decided = await as('zhang', 'dispute.get', { dispute: raised.value.id });
      // R-OWN-11: a change of unit after the deal shows in both disputes' deals (the split stays)
      clock.set(new Date('2026-06-02T13:00:00'));
      seen.change = await as('li', 'deal.change', { deal: 1, unit: '1-0604' });
      seen.changedDeal = await as('pm', 'dispute.get', { dispute: 1 });
      seen.changedCustomer = await as('pm', 'dispute.get', { dispute: raised.value.id });
    });
    const feng = { id: 1, name: '冯刚' };
    const registrations = [
      {
        id: 1,
        visitId: 1,
        customerId: 1,
        at: '2026-05-09T02:00:00.000Z',
        day: '2026-05-09',
        consultant: 'zhang',
        consultantName: '张伟',
        status: 'confirmed',
      },
    ];
    const deals = [{ id: 1, customerId: 1, at: '2026-05-20T08:00:00.000Z', day: '2026-05-20', month: '2026-05', unit: '1-0603' }];
    // R-OWN-13: the same-day switch shares the person 70/30 between the first consultant and the one asked for
    const owners = [
      { id: 'zhang', name: '张伟', bps: 7000, since: '2026-05-09T02:00:00.000Z' },
      { id: 'li', name: '李娜', bps: 3000, since: '2026-05-09T02:20:00.000Z' },
    ];
    // Over the deal: its customer (a deal dispute has no customer of its own), the deal, the registration it rests on.
    expect(seen.deal.value).toMatchObject({ deal_id: 1, customer_id: null, raised_by: 'li', raisedByName: '李娜', status: 'decided' });
    expect(seen.deal.value.subject).toEqual({ customer: feng, registrations, deals, owners });
    // Over the ownership: the deals of the ownership it questions (deal 1, signed before it in the same run).
    expect(seen.open.value).toMatchObject({
      deal_id: null,
      customer_id: 1,
      raised_by: 'zhang',
      raisedByName: '张伟',
      at: '2026-06-02T02:00:00.000Z',
    });
    expect(seen.open.value.subject).toEqual({ customer: feng, registrations, deals, owners });
    // …and it stays the same after the PM's opinion and the director's decision, whoever reads it.
    expect([seen.opinion.value.status, seen.decided.value.status]).toEqual(['opinion', 'decided']);
    expect(seen.opinion.value.subject).toEqual(seen.open.value.subject);
    expect(seen.decided.value.subject).toEqual(seen.open.value.subject);
    // The steps carry what people typed; the approval is its type alone, no word of the server's (the screen words it)
    expect(seen.decided.value.steps.map((s: { type: string; text: string }) => [s.type, s.text])).toEqual([
      ['raise', '冯刚首次来访由我接待'],
      ['opinion', '平分'],
      ['approve', ''],
    ]);
    expect(seen.change.ok).toBe(true);
    expect(seen.changedDeal.value.unit).toBe('1-0604');
    expect(seen.changedDeal.value.subject.deals).toEqual([{ ...deals[0], unit: '1-0604' }]);
    expect(seen.changedCustomer.value.subject.deals).toEqual([{ ...deals[0], unit: '1-0604' }]);
  });
});
