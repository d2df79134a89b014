import type { ErrorCode } from '../errors';

/**
 * Refusals of deals, disputes and follow-up (src/services/deals.ts, disputes.ts, follow-up.ts). Money in
 * cents (`…Cents`), days as yyyy-MM-dd (`…Day`), people as staff ids; the renderer words them
 * (renderer/i18n/areas/reasons-deals.ts). A customer that does not exist is the customers area's refusal
 * (requireCustomer).
 */
export const dealsReasons = {
  /** params: dealId */
  deal_not_found: 'not_found',
  /** params: commissionCents, priceCents — the commission is more than the price */
  commission_over_price: 'validation',
  /** params: customerId — a company-client deal mode for a customer who is not a company client (R-CO-1) */
  company_mode_not_company_client: 'validation',
  /** a deal arranged by the company with a consultant's after-sales names no consultant (R-CO-4) */
  after_sales_required: 'validation',
  /** deal.change with neither a new buyer name nor a new unit (R-OWN-11) */
  deal_change_empty: 'validation',
  /** params: dealId — a change of buyer or unit by someone with no line in the split who is not a manager */
  deal_change_not_party: 'permission',

  /** params: disputeId */
  dispute_not_found: 'not_found',
  /** dispute.raise names both a deal and a customer, or neither */
  dispute_subject_one: 'validation',
  /** params: dealId — the deal already has a dispute not yet decided (R-DIS-1) */
  dispute_already_open: 'conflict',
  /** params: disputeId — the decision is final (R-DIS-2) */
  dispute_decided: 'invalid_state',
  /** params: disputeId — an opinion is already waiting for the director */
  dispute_opinion_pending: 'invalid_state',
  /** params: disputeId — return or approve with no opinion waiting for the director */
  dispute_no_opinion: 'invalid_state',
  /** params: disputeId — the director returns an opinion only with a comment saying why (R-DIS-2) */
  dispute_return_comment: 'validation',
  /** params: totalBps — the proposed shares do not sum to 100% (R-DIS-2) */
  opinion_split_not_full: 'validation',
  /** params: staffIds (comma-separated) — the proposed split names people who are not staff */
  opinion_staff_unknown: 'validation',
  /** params: staffIds (comma-separated) — the fault and contribution assessment names people who are not staff */
  opinion_party_unknown: 'validation',

  /** params: customerId — a follow-up on a customer the consultant does not own now (R-TRK-1) */
  follow_up_not_owner: 'permission',
  /** params: followUpDay, todayDay */
  follow_up_day_future: 'validation',
  /** params: followUpDay, nextDay — the next follow-up before this one */
  follow_up_next_before: 'validation',
  /** params: customerId — a consultant asking for the follow-ups of a customer not theirs (R-TRK-2 is the managers') */
  follow_up_list_not_owner: 'permission',
} as const satisfies Record<string, ErrorCode>;
