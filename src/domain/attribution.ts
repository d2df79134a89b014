/**
 * Who the consultant side of a customer is, from the customer's recorded history (R-OWN-2, 8, 10, 13,
 * 14): identification of a customer registered twice, married couples, a manager-approved switch.
 * Pure: the service gathers the history, this decides.
 */
import { differenceInCalendarDays } from 'date-fns';
import type { Citation, ConsultantShare } from './commission';
import { protectionAt, type RegistrationFact } from './ownership';
import type { Policy } from './policy';
import { FULL_BPS } from './money';
import { officeDay, plusMonths } from './time';

export interface Identification {
  /** B's record: the customer received as new */
  customerId: number;
  /** A's record: the same person, registered earlier */
  sameAs: number;
  at: Date;
}

export interface Household {
  a: number;
  b: number;
  at: Date;
}

export interface Handover {
  customerId: number;
  from: string;
  to: string;
  at: Date;
  /** the customer had been received before (owner/voluntary reception): R-OWN-14, else R-OWN-13 */
  oldCustomer: boolean;
  solicited: boolean;
}

export interface CustomerHistory {
  /** registrations of every customer record involved (the customer, identified records, the spouse) */
  registrations: readonly RegistrationFact[];
  identifications: readonly Identification[];
  households: readonly Household[];
  handovers: readonly Handover[];
}

export interface DealFacts {
  at: Date;
  onSpot: boolean;
}

const regsOf = (h: CustomerHistory, customerId: number) => h.registrations.filter((r) => r.customerId === customerId);
const firstConfirmed = (regs: readonly RegistrationFact[]) => regs.filter((r) => r.status === 'confirmed').sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;

const single = (consultant: string, since: Date, cites: Citation[] = []): ConsultantShare[] => [{ consultant, bps: FULL_BPS, since, cites }];

/** The consultant side for `customerId` at `t` (for a deal: `deal` set, t = now). Empty: nobody owns. */
export function consultantSide(h: CustomerHistory, customerId: number, t: Date, policy: Policy, deal?: DealFacts): ConsultantShare[] {
  // For a deal, protection is judged at the deal, but an identification made after it still decides (R-OWN-8h).
  const ident = h.identifications.find((i) => (i.customerId === customerId || i.sameAs === customerId) && (deal || i.at <= t));
  let side: ConsultantShare[] = ident ? identified(h, ident, t, policy, deal) : plain(h, [customerId], t, policy);

  const household = h.households.find((x) => (x.a === customerId || x.b === customerId) && x.at <= t);
  // R-OWN-10: found to be a couple before the deal → both consultants, half each; after the deal it stands.
  if (household && (!deal || household.at < deal.at)) {
    const partner = household.a === customerId ? household.b : household.a;
    const other = plain(h, [partner], t, policy);
    if (side.length === 1 && other.length === 1 && other[0]!.consultant !== side[0]!.consultant) {
      const cite: Citation = { rule: 'R-OWN-10', text: 'R-OWN-10：成交前发现为夫妻客，由双方售楼员共同接待，佣金各得一半' };
      const [first, second] = [side[0]!, other[0]!].sort((a, b) => a.since.getTime() - b.since.getTime());
      side = [
        { ...first!, bps: policy.householdFirstBps, cites: [cite] },
        { ...second!, bps: FULL_BPS - policy.householdFirstBps, cites: [cite] },
      ];
    } else if (side.length === 0 && other.length === 1) side = other;
  }

  if (side.length === 1) {
    const owner = side[0]!;
    const handover = h.handovers.find((x) => x.customerId === customerId && x.from === owner.consultant && x.at <= t);
    if (handover) side = switched(owner, handover, policy);
  }
  return side;
}

const INTRODUCTION_CITES: Record<'R-OWN-9a' | 'R-OWN-9b', Citation> = {
  'R-OWN-9a': { rule: 'R-OWN-9a', text: 'R-OWN-9a：老客户事先来电介绍，售楼员已事先登记，新客户归其所有' },
  'R-OWN-9b': { rule: 'R-OWN-9b', text: 'R-OWN-9b：老客户带新客户来访并指明原售楼员，新客户归其所有' },
};

function plain(h: CustomerHistory, customerIds: number[], t: Date, policy: Policy): ConsultantShare[] {
  const p = protectionAt(h.registrations.filter((r) => customerIds.includes(r.customerId)), t, policy.protectionMonths);
  if (!p) return [];
  return single(p.owner, p.since, p.first.introduction ? [INTRODUCTION_CITES[p.first.introduction]] : []);
}

function identified(h: CustomerHistory, ident: Identification, t: Date, policy: Policy, deal?: DealFacts): ConsultantShare[] {
  const bRegs = regsOf(h, ident.customerId);
  const aRegs = regsOf(h, ident.sameAs);
  const bFirst = firstConfirmed(bRegs);
  const aAtB = bFirst ? protectionAt(aRegs, bFirst.at, policy.protectionMonths) : null;
  // A was not protecting the customer when B received them: B received a new customer, nothing to share.
  if (!bFirst || !aAtB || aAtB.owner === bFirst.consultant) return plain(h, [ident.customerId, ident.sameAs], t, policy);

  const a = aAtB.owner;
  const b = bFirst.consultant;
  const bNow = protectionAt(bRegs, t, policy.protectionMonths);
  const days = differenceInCalendarDays(ident.at, bFirst.at);
  // (h) first: a deal B closed on the spot before anyone recognised the customer stays B's, even when the
  // identification comes later that same day — (g) decides who goes on receiving, not a signed deal.
  if (deal?.onSpot && deal.at < ident.at) {
    return bNow ? single(b, bFirst.at, [{ rule: 'R-OWN-8h', text: 'R-OWN-8h：新售楼员当场成交且成交前未认出，客户和佣金全部归新售楼员' }]) : [];
  }
  if (officeDay(ident.at) === officeDay(bFirst.at)) {
    const aNow = protectionAt(aRegs, t, policy.protectionMonths);
    return aNow ? single(a, aAtB.since, [{ rule: 'R-OWN-8g', text: 'R-OWN-8g：当日认出，客户归还原售楼员' }]) : [];
  }
  if (!bNow) return [];
  if (ident.at < plusMonths(bFirst.at, policy.identificationWindowMonths)) {
    const cite: Citation = { rule: 'R-OWN-8i', text: `R-OWN-8i：${days}天内认出，原售楼员与新售楼员平分` };
    return [
      { consultant: a, bps: policy.identifiedOriginalBps, since: aAtB.since, cites: [cite] },
      { consultant: b, bps: FULL_BPS - policy.identifiedOriginalBps, since: bFirst.at, cites: [cite] },
    ];
  }
  return single(b, bFirst.at, [{ rule: 'R-OWN-8j', text: `R-OWN-8j：${days}天后才认出（超过一个月），客户和佣金全部归新售楼员` }]);
}

function switched(owner: ConsultantShare, x: Handover, policy: Policy): ConsultantShare[] {
  if (x.oldCustomer) {
    return [{ ...owner, cites: [{ rule: 'R-OWN-14', text: 'R-OWN-14：老客户要求更换售楼员，被指定者义务接待，佣金全部归原售楼员' }] }];
  }
  if (x.solicited) {
    return [{ ...owner, cites: [{ rule: 'R-OWN-13', text: 'R-OWN-13：被指定售楼员有怂恿行为，佣金全部归最先接待的售楼员' }] }];
  }
  const cite: Citation = { rule: 'R-OWN-13', text: `R-OWN-13：当日中途指定他人接待，最先接待者${policy.switchFirstBps / 100}%，被指定者${(FULL_BPS - policy.switchFirstBps) / 100}%` };
  return [
    { ...owner, bps: policy.switchFirstBps, cites: [cite] },
    { consultant: x.to, bps: FULL_BPS - policy.switchFirstBps, since: x.at, cites: [cite] },
  ];
}
