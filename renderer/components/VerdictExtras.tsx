/**
 * What the desk's verdict adds for the customer page: who would receive this customer now (desk.lookup's
 * `proposal`, with the rule that decides it), links to the customer page of the customer found, and the group's other
 * sites where the phone visited.
 */
import type { Verdict } from '../api/types';
import { formatDay, type Lang, receptionLabel, type Translate, useT } from '../i18n';
import { customerHref } from '../lib/route';
import { RouteWhyText } from './RouteWhyText';
import { errorText } from '../i18n/reasons';
import { REASONS } from '../../src/api/reasons';
import '../styles/registrations.css';

export function VerdictProposal({ proposal }: { proposal: Verdict['proposal'] }) {
  const t = useT();
  if (!proposal) return null;
  const { consultant, registeredFor, reception, why, refused } = proposal;
  if (refused) {
    return (
      <div
        className="verdict-proposal refused"
        data-testid="verdict-proposal"
        data-consultant=""
        data-reception=""
        data-refused={refused.reason}
      >
        <p className="verdict-proposal-line warn" data-testid="verdict-proposal-line">
          {errorText({ code: REASONS[refused.reason], reason: refused.reason, params: refused.params, message: '' })}
        </p>
      </div>
    );
  }
  const line =
    proposal.waiting || !consultant
      ? `${t('verdict.proposalWaiting')}${t('common.colon')}${t('verdict.nobodyFree')}`
      : t('verdict.proposal', { name: consultant.name, kind: reception ? receptionLabel(t, reception) : '' }) +
        (registeredFor && registeredFor.id !== consultant.id ? t('verdict.proposalFor', { owner: registeredFor.name }) : '');
  return (
    <div
      className="verdict-proposal"
      data-testid="verdict-proposal"
      data-consultant={consultant?.id ?? ''}
      data-reception={reception ?? ''}
    >
      <p className="verdict-proposal-line" data-testid="verdict-proposal-line">
        {line}
      </p>
      <p className="verdict-proposal-why" data-testid="verdict-proposal-why">
        {why && <RouteWhyText why={why} />}
      </p>
    </div>
  );
}

export function VerdictCustomerLink({ customerId }: { customerId: number | null }) {
  const t = useT();
  if (customerId === null) return null;
  return (
    <a className="verdict-customer-link" href={customerHref(customerId)} data-testid="verdict-customer-link" data-customer={customerId}>
      {t('verdict.openCustomer')} →
    </a>
  );
}

/**
 * An office group's other sites where this phone visited, and the day of the last visit there (desk.lookup's
 * `elsewhere`, issue 16 item 4): information only — ownership is each site's own, so a customer owned at A is new here.
 */
export function elsewhereText(t: Translate, e: Verdict['elsewhere'][number], lang?: Lang): string {
  // a site the office has not named yet (the group's first office) is told by its code
  return t('verdict.elsewhere', { site: e.site.name ?? e.site.code, day: formatDay(e.lastVisitDay, lang) });
}
