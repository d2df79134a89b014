/** 我的佣金 and 我的客户 (issue 17 item 17): a consultant sees their own lines and customers, never a colleague's. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';

const scenario = (name: string) => readFileSync(resolve(__dirname, '../../../shared/scenarios', name), 'utf8');

describe('me.commission and me.customers', () => {
  it('give each consultant only their own line of a shared deal and only the customers they own now', async () => {
    const seen: Record<string, any> = {};
    await replayText(scenario('02-ownership-month.yaml'), async (app, clock) => {
      const as = async (who: string, m: string, input: unknown) => (await app.dispatch({ staffId: who }, m, input)).result as any;
      clock.set(new Date('2026-03-25T16:00:00'));
      for (const who of ['li', 'wang', 'zhang']) {
        seen[`${who}Commission`] = await as(who, 'me.commission', { month: '2026-03' });
        seen[`${who}Customers`] = await as(who, 'me.customers', {});
      }
      seen.managerCommission = await as('mgr', 'me.commission', { month: '2026-03' });
      seen.colleague = await as('li', 'me.customers', { consultant: 'zhang' });
      clock.set(new Date('2026-03-18T12:00:00'));
      seen.zhangBefore = await as('zhang', 'me.customers', {});
    });
    // R-OWN-8i, the odd cent to li: each sees their own line with the rule it cites, and nobody else's
    expect(seen.liCommission.value).toMatchObject({ month: '2026-03', totalCents: 1635001, held: [] });
    expect(seen.liCommission.value.lines).toHaveLength(1);
    expect(seen.liCommission.value.lines[0]).toMatchObject({
      unit: '3-1201',
      customerName: '吴敏',
      kind: 'consultant',
      bps: 5000,
      amountCents: 1635001,
    });
    expect(seen.liCommission.value.lines[0].cites.map((c: any) => c.rule)).toEqual(['R-OWN-8i']);
    expect(seen.wangCommission.value.totalCents).toBe(1635000);
    expect(JSON.stringify(seen.wangCommission.value)).not.toContain('1635001');
    expect(JSON.stringify(seen.liCommission.value)).not.toContain('1635000');
    expect(seen.zhangCommission.value).toMatchObject({ lines: [], held: [], totalCents: 0 });
    // only consultants have a "my commission"; no staff id can be passed to read someone else's
    expect(seen.managerCommission).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(seen.colleague).toMatchObject({ ok: false, error: { code: 'validation' } });
    // wu is li's and wang's (R-OWN-8i), each told who shares them; zhou's protection ended on 20 Mar (R-OWN-2)
    expect(seen.liCustomers.value.map((c: any) => [c.customer.name, c.sharedWith.map((s: any) => s.staffId)])).toEqual([
      ['吴敏', ['wang']],
    ]);
    expect(seen.wangCustomers.value.map((c: any) => [c.customer.name, c.sharedWith.map((s: any) => s.staffId)])).toEqual([
      ['吴敏', ['li']],
    ]);
    expect(seen.zhangCustomers.value).toEqual([]);
    expect(seen.zhangBefore.value.map((c: any) => [c.customer.name, c.protectionUntilDay])).toEqual([['周杰', '2026-03-20']]);
  });

  it('hold a disputed deal out of the total and name its dispute (R-COM-5)', async () => {
    const seen: Record<string, any> = {};
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app, clock) => {
      clock.set(new Date('2026-05-22T12:00:00'));
      seen.li = (await app.dispatch({ staffId: 'li' }, 'me.commission', { month: '2026-05' })).result;
    });
    expect(seen.li.value.lines).toEqual([]);
    expect(seen.li.value.totalCents).toBe(0);
    expect(seen.li.value.held).toHaveLength(1);
    expect(seen.li.value.held[0]).toMatchObject({ unit: '1-0603', disputeId: 1 });
    expect(seen.li.value.held[0].lines.every((l: any) => typeof l.amountCents === 'number')).toBe(true);
  });
});
