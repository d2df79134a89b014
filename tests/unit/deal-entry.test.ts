/**
 * What a new deal may say and who may change one (src/domain/deal-entry.ts; R-COM-1, R-CO-1, R-CO-4, R-OWN-11):
 * facts in → allowed (with the after-sales consultant to record) or refused by reason. Expected cells by hand.
 */
import { describe, expect, it } from 'vitest';
import { type CompanyMode, dealChangeRefusal, dealCloseDecision } from '../../src/domain/deal-entry';
import type { Role } from '../../src/domain/roles';

const zhang = { id: 'zhang', roles: ['consultant'] as Role[] };
const mgr = { id: 'mgr', roles: ['sales_manager'] as Role[] };
const li = { id: 'li', name: '李娜', roles: ['consultant'] as Role[] };
const qian = { id: 'qian', name: '钱敏', roles: ['front_desk'] as Role[] };

describe('dealCloseDecision', () => {
  const base = { customerId: 9, priceCents: 200_000_000, commissionCents: 3_000_000, companyClient: false };
  type Row = [string, typeof zhang, Partial<typeof base> & { companyMode?: CompanyMode; afterSales?: string }, object];
  const rows: Row[] = [
    ['a plain deal', zhang, {}, { kind: 'allowed', afterSales: null }],
    ['commission equal to the price', zhang, { priceCents: 100, commissionCents: 100 }, { kind: 'allowed', afterSales: null }],
    [
      'commission over the price',
      zhang,
      { priceCents: 100, commissionCents: 101 },
      { kind: 'refused', reason: 'commission_over_price', params: { commissionCents: 101, priceCents: 100 }, rule: 'R-COM-1' },
    ],
    [
      'a company mode for a customer who is no company client',
      zhang,
      { companyMode: 'introduced' } as never,
      { kind: 'refused', reason: 'company_mode_not_company_client', params: { customerId: 9 }, rule: 'R-CO-1' },
    ],
    [
      'introduced by the company',
      zhang,
      { companyMode: 'introduced', companyClient: true } as never,
      { kind: 'allowed', afterSales: null },
    ],
    [
      'arranged directly, the consultant recording handles after-sales',
      zhang,
      { companyMode: 'direct_consultant_aftersales', companyClient: true } as never,
      { kind: 'allowed', afterSales: 'zhang' },
    ],
    [
      'arranged directly, the manager names the after-sales consultant',
      mgr,
      { companyMode: 'direct_consultant_aftersales', companyClient: true, afterSales: 'li', afterSalesStaff: li } as never,
      { kind: 'allowed', afterSales: 'li' },
    ],
    [
      'arranged directly, a manager names nobody',
      mgr,
      { companyMode: 'direct_consultant_aftersales', companyClient: true } as never,
      { kind: 'refused', reason: 'after_sales_required', rule: 'R-CO-4' },
    ],
    [
      'arranged directly, the named after-sales person is no consultant',
      mgr,
      { companyMode: 'direct_consultant_aftersales', companyClient: true, afterSales: 'qian', afterSalesStaff: qian } as never,
      { kind: 'refused', reason: 'staff_not_in_role', params: { staffId: 'qian', name: '钱敏', roles: 'consultant' }, rule: 'R-CO-4' },
    ],
    [
      'arranged directly, the named after-sales person is nobody on the staff',
      mgr,
      { companyMode: 'direct_consultant_aftersales', companyClient: true, afterSales: 'ghost', afterSalesStaff: null } as never,
      { kind: 'refused', reason: 'staff_not_found', params: { staffId: 'ghost' }, rule: 'R-CO-4' },
    ],
    [
      'another employee after-sales, named: any member of staff',
      mgr,
      { companyMode: 'direct_other_aftersales', companyClient: true, afterSales: 'qian', afterSalesStaff: qian } as never,
      { kind: 'allowed', afterSales: 'qian' },
    ],
    [
      'a plain deal naming nobody on the staff for after-sales',
      mgr,
      { afterSales: 'ghost', afterSalesStaff: null } as never,
      { kind: 'refused', reason: 'staff_not_found', params: { staffId: 'ghost' }, rule: 'R-CO-4' },
    ],
    [
      'arranged directly, another employee after-sales: nobody needed',
      mgr,
      { companyMode: 'direct_other_aftersales', companyClient: true } as never,
      { kind: 'allowed', afterSales: null },
    ],
    [
      'the price checked before the mode',
      zhang,
      { priceCents: 1, commissionCents: 2, companyMode: 'introduced' } as never,
      { kind: 'refused', reason: 'commission_over_price' },
    ],
  ];
  it.each(rows)('%s', (_what, actor, facts, expected) => {
    expect(dealCloseDecision({ actor, ...base, ...facts })).toMatchObject(expected);
  });
});

describe('dealChangeRefusal (R-OWN-11): a change says something, and a party or a manager makes it', () => {
  it.each([
    ['the consultant with a line, a new unit', zhang, { unit: '3-1202' }, ['zhang'], null],
    ['a co-owner, a new buyer', zhang, { buyerName: '李四' }, ['li', 'zhang'], null],
    ['a manager with no line', mgr, { unit: '3-1202' }, ['zhang'], null],
    ['a consultant with no line', { id: 'wang', roles: ['consultant'] as Role[] }, { unit: '3-1202' }, ['zhang'], 'deal_change_not_party'],
    ['the front desk', { id: 'qian', roles: ['front_desk'] as Role[] }, { unit: '3-1202' }, ['zhang'], 'deal_change_not_party'],
    ['nothing to change', zhang, {}, ['zhang'], 'deal_change_empty'],
    ['empty strings', zhang, { unit: '', buyerName: '' }, ['zhang'], 'deal_change_empty'],
    ['nothing, by a non-party: empty first', { id: 'wang', roles: ['consultant'] as Role[] }, {}, ['zhang'], 'deal_change_empty'],
  ] as const)('%s', (_what, actor, change, beneficiaries, reason) => {
    expect(dealChangeRefusal({ actor, dealId: 4, ...change, beneficiaries })?.reason ?? null).toBe(reason);
  });
});
