/**
 * The one list of scenario steps that cannot pass yet, each with the reason. The scenario test asserts
 * that exactly these steps fail — so a fix that makes one pass must also take it off this list.
 * Later issues empty it: the desk and ownership (#4), commission and disputes (#5).
 */
export const EXPECTED_FAILURES: Record<string, { steps: number[]; reason: string }> = {
  '02-ownership-month.yaml': { steps: [27, 30], reason: 'customer.identify (R-OWN-8) and deal.close (R-COM) not built yet' },
  '03-referral-and-company.yaml': { steps: [1, 2, 3, 6, 13, 14, 15, 16], reason: 'referrals, company clients, deals and statements not built yet' },
  '04-switch-and-dispute.yaml': { steps: [3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14], reason: 'desk.switch, deals and disputes not built yet' },
};
