/**
 * The customer page's facts in words (src/api/customer-page.ts): each timeline entry by its kind and facts,
 * and why the owners own the customer, citing the rules as the split lines do (citation-text.ts). Names,
 * units and what a person typed are data and are shown as sent; days, times and money in the reader's style.
 */
import type { CorrectionChange, HistoryFact, HistoryKind, OwnerShare, OwnershipWhy } from '../../src/api/customer-page';
import { formatDay, formatWhen, joinList, type Lang, type MessageKey, receptionLabel, type Translate } from '../i18n';
import { currentLang } from '../i18n/lang';
import { formatBps, formatYuan } from '../lib/money';
import { citeKey, citeText } from './citation-text';

// Every kind the timeline can carry has a badge (cust.kind.*): a kind missing here, or its words, is a compile error.
const KINDS: Record<HistoryKind, `cust.kind.${HistoryKind}` & MessageKey> = {
  visit: 'cust.kind.visit',
  finished: 'cust.kind.finished',
  handover: 'cust.kind.handover',
  refusal: 'cust.kind.refusal',
  correction: 'cust.kind.correction',
  reassigned: 'cust.kind.reassigned',
  decision: 'cust.kind.decision',
  call: 'cust.kind.call',
  announcement: 'cust.kind.announcement',
  identified: 'cust.kind.identified',
  household: 'cust.kind.household',
  referral: 'cust.kind.referral',
  company: 'cust.kind.company',
  deal: 'cust.kind.deal',
  dispute: 'cust.kind.dispute',
};

/** 来访 / 成交 / …: the badge of an entry; a kind newer than this renderer as sent. */
export const historyKindLabel = (t: Translate, kind: string): string => (Object.hasOwn(KINDS, kind) ? t(KINDS[kind as HistoryKind]) : kind);

const changeText = (t: Translate, c: CorrectionChange): string =>
  c.field === 'consultant'
    ? t('cust.event.change.consultant', { from: c.from.name, to: c.to.name })
    : t(`cust.event.change.${c.field}`, { from: c.from, to: c.to });

/** One timeline entry in words (days and times in `lang`, the language `t` speaks: the reader's by default). */
export function historyText(t: Translate, e: HistoryFact, lang: Lang = currentLang()): string {
  switch (e.kind) {
    case 'visit': {
      const reception = receptionLabel(t, e.reception);
      return e.registeredFor
        ? t('cust.event.visitFor', { consultant: e.consultant.name, reception, owner: e.registeredFor.name })
        : t('cust.event.visit', { consultant: e.consultant.name, reception });
    }
    case 'finished':
      return t('cust.event.finished');
    case 'handover':
      if (e.change === 'refuse') return t('cust.event.refuse', { from: e.from.name, to: e.to.name, rule: e.rule });
      return t(e.solicited ? 'cust.event.switchSolicited' : 'cust.event.switch', { to: e.to.name });
    case 'refusal':
      return t(`cust.event.refusal.${e.outcome}`, { rule: e.rule });
    case 'correction':
      return t('cust.event.correction', {
        changes: e.changes.map((c) => changeText(t, c)).join(t('cust.event.changeSep')),
        reason: e.reason,
        rule: e.rule,
      });
    case 'reassigned':
      if ('text' in e.reason) return t('cust.event.reassigned.text', { to: e.to.name, text: e.reason.text });
      return e.reason.from
        ? t('cust.event.reassigned.refusal', { from: e.reason.from.name, to: e.to.name, rule: e.rule })
        : t('cust.event.reassigned.refusalNoFrom', { to: e.to.name, rule: e.rule });
    case 'decision':
      if (e.decision === 'confirmed') return t('cust.event.confirmed');
      return e.reason ? t('cust.event.rejected', { reason: e.reason }) : t('cust.event.rejectedNoReason');
    case 'call':
      return e.note
        ? t('cust.event.callNote', { consultant: e.consultant.name, note: e.note, rule: e.rule })
        : t('cust.event.call', { consultant: e.consultant.name, rule: e.rule });
    case 'announcement':
      return t('cust.event.announcement', { consultant: e.consultant.name, expected: formatWhen(e.expectedAt, lang), rule: e.rule });
    case 'identified':
    case 'household':
      return t(`cust.event.${e.kind}`, { a: e.customerId, b: e.otherCustomerId, rule: e.rule });
    case 'referral':
      return t('cust.event.referral', { referrer: e.referrer.name, day: formatDay(e.appointmentDay, lang), rule: e.rule });
    case 'company':
      return t('cust.event.company', { introducedBy: e.introducedBy, rule: e.rule });
    case 'deal': {
      const deal =
        e.priceCents !== null && e.commissionCents !== null
          ? t('cust.event.dealMoney', { unit: e.unit, price: formatYuan(e.priceCents), commission: formatYuan(e.commissionCents) })
          : t('cust.event.deal', { unit: e.unit });
      return e.onSpot ? deal + t('cust.event.onSpot') : deal;
    }
    case 'dispute': {
      const facts = { id: e.disputeId, status: t(`disputes.status.${e.status}`), rule: e.rule };
      return e.dealUnit !== null ? t('cust.event.disputeDeal', { ...facts, unit: e.dealUnit }) : t('cust.event.dispute', facts);
    }
  }
}

/** Why the owners own the customer, in one sentence citing the rules. */
export function ownershipText(
  t: Translate,
  owners: readonly Pick<OwnerShare, 'name' | 'bps'>[],
  why: OwnershipWhy,
  lang: Lang = currentLang(),
): string {
  if (why.kind === 'nobody') return t('cust.why.nobody');
  if (why.kind === 'registered')
    return t('cust.why.registered', {
      owner: owners[0]?.name ?? '',
      since: formatDay(why.sinceDay, lang),
      until: formatDay(why.untilDay, lang),
    });
  const shares = joinList(
    t,
    owners.map((o) => t('cust.why.share', { name: o.name, share: formatBps(o.bps) })),
  );
  if (why.cites.length === 0) return t('cust.why.sharesOnly', { shares });
  return t('cust.why.cited', { shares, reasons: why.cites.map((c) => citeText(t, c)).join(t('cust.why.citeSep')) });
}

/** An owner's citations that the sentence above does not already give. */
export const citesBeyond = (owner: Pick<OwnerShare, 'cites'>, why: OwnershipWhy) => {
  const given = new Set(why.kind === 'cited' ? why.cites.map(citeKey) : []);
  return owner.cites.filter((c) => !given.has(citeKey(c)));
};
