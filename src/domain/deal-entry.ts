/**
 * Recording a deal and changing its buyer or unit (R-CO-1, R-CO-4, R-OWN-11, R-COM-1): what a deal may say and
 * who may touch it. Pure: the service gathers whether the customer is a company client and who has a line in
 * the deal's split, asks, and writes what is allowed. The split itself is src/domain/commission.ts's.
 */
import { holdsAnyRole, MANAGERS, type Role } from './roles';

/** How a company client's deal was made (R-CO-3 … 5): the spec's choices for `deal.close`'s `companyMode`. */
export const COMPANY_MODES = ['introduced', 'direct_consultant_aftersales', 'direct_other_aftersales'] as const;
export type CompanyMode = (typeof COMPANY_MODES)[number];

type Params = Readonly<Record<string, string | number>>;
export type DealRefusal<R extends string> = {
  kind: 'refused';
  reason: R;
  params?: Params;
  rule: 'R-COM-1' | 'R-CO-1' | 'R-CO-4' | 'R-OWN-11';
};

/**
 * A new deal: its commission at most its price (both integer cents); a company-client mode only for a company
 * client (R-CO-1); arranged directly with a consultant's after-sales, a named after-sales consultant — the
 * recording consultant when none is named (R-CO-4). A person named for the after-sales must be an active member
 * of staff (`afterSalesStaff`: the service's reading of them, null when there is none), and a consultant where
 * the mode says a consultant handles it. Allowed: the after-sales person to record (or null).
 */
export function dealCloseDecision(facts: {
  actor: { id: string; roles: readonly Role[] };
  customerId: number;
  priceCents: number;
  commissionCents: number;
  companyMode?: CompanyMode | null;
  companyClient: boolean;
  afterSales?: string | null;
  afterSalesStaff?: { id: string; name: string; roles: readonly Role[] } | null;
}):
  | { kind: 'allowed'; afterSales: string | null }
  | DealRefusal<
      'commission_over_price' | 'company_mode_not_company_client' | 'after_sales_required' | 'staff_not_found' | 'staff_not_in_role'
    > {
  if (facts.commissionCents > facts.priceCents)
    return {
      kind: 'refused',
      reason: 'commission_over_price',
      params: { commissionCents: facts.commissionCents, priceCents: facts.priceCents },
      rule: 'R-COM-1',
    };
  if (facts.companyMode && !facts.companyClient)
    return { kind: 'refused', reason: 'company_mode_not_company_client', params: { customerId: facts.customerId }, rule: 'R-CO-1' };
  const consultantAfterSales = facts.companyMode === 'direct_consultant_aftersales';
  if (facts.afterSales) {
    const named = facts.afterSalesStaff;
    if (!named) return { kind: 'refused', reason: 'staff_not_found', params: { staffId: facts.afterSales }, rule: 'R-CO-4' };
    if (consultantAfterSales && !named.roles.includes('consultant'))
      return {
        kind: 'refused',
        reason: 'staff_not_in_role',
        params: { staffId: named.id, name: named.name, roles: 'consultant' },
        rule: 'R-CO-4',
      };
  }
  let afterSales = facts.afterSales ?? null;
  if (consultantAfterSales) {
    afterSales ??= facts.actor.roles.includes('consultant') ? facts.actor.id : null;
    if (!afterSales) return { kind: 'refused', reason: 'after_sales_required', rule: 'R-CO-4' };
  }
  return { kind: 'allowed', afterSales };
}

/**
 * A change of buyer or unit (R-OWN-11: it keeps the split): it changes something, and is made by a manager or
 * by someone with a line in the deal (`beneficiaries`). Null when allowed.
 */
export function dealChangeRefusal(facts: {
  actor: { id: string; roles: readonly Role[] };
  dealId: number;
  buyerName?: string | null;
  unit?: string | null;
  beneficiaries: readonly string[];
}): DealRefusal<'deal_change_empty' | 'deal_change_not_party'> | null {
  if (!facts.buyerName && !facts.unit) return { kind: 'refused', reason: 'deal_change_empty', rule: 'R-OWN-11' };
  if (!holdsAnyRole(facts.actor.roles, MANAGERS) && !facts.beneficiaries.includes(facts.actor.id))
    return { kind: 'refused', reason: 'deal_change_not_party', params: { dealId: facts.dealId }, rule: 'R-OWN-11' };
  return null;
}
