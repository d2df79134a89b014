/**
 * The customer page (#/customer/<id>): who owns the customer and why — worded here from the server's facts,
 * citing the rules (R-OWN-*) — the owners with their shares, the end of protection, the records linked to this
 * one (identified as the same person, or the spouse), and the whole history in time order. Read through
 * useApi: a change anywhere to the customer's records (a visit, a decision, a deal, a dispute) re-reads it.
 */
import { useEffect } from 'react';
import type { Area } from '../api/changes';
import type { CustomerHistoryEntry } from '../api/types';
import { useApi } from '../api/useApi';
import { RuleText } from '../components/RuleText';
import { CustomerFollowUps } from '../components/CustomerFollowUps';
import { citeText } from '../components/citation-text';
import { citesBeyond, historyKindLabel, historyText, ownershipText } from '../components/customer-words';
import { formatDay, formatWhen, type Translate, useT } from '../i18n';
import { dayOfInstant } from '../lib/days';
import { customerHref, useRouteArg } from '../lib/route';
import '../styles/registrations.css';
import { errorText } from '../i18n/reasons';

/**
 * What the page shows comes from these areas. Not 'audit': the page's own read writes an audit row (R-SEC-1),
 * and re-reading on it would read for ever. Not 'staff' or 'policy' either: every sign-in and wrong PIN changes
 * 'staff', and each re-read of a colleague's customer is one more audit row of a read nobody asked for.
 */
const AREAS: readonly Area[] = ['customers', 'registrations', 'deals', 'disputes', 'referrals'];

export function Customer() {
  const t = useT();
  const arg = useRouteArg();
  const id = Number(arg);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <main className="cust-screen" data-testid="customer-page">
        <p className="error" role="alert">
          {t('cust.badId')}
        </p>
      </main>
    );
  }
  return <CustomerView key={id} id={id} t={t} />;
}

function CustomerView({ id, t }: { id: number; t: Translate }) {
  // Each read of a colleague's customer is an audit row (R-SEC-1): not read again when the stream merely reopens.
  const read = useApi('customer.get', { customer: id }, { areas: AREAS, resync: false });
  const page = read.data;

  // Esc goes back where the customer was opened from (the desk, the PM's list, a search).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape' && !target?.closest('input, select, textarea, [role="dialog"]') && window.history.length > 1)
        window.history.back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A refusal is shown only while there is nothing to show; a later re-read that fails keeps the page as read.
  if (!page && read.error)
    return (
      <main className="cust-screen" data-testid="customer-page" data-customer={id}>
        <p className="error" role="alert" data-testid="cust-error">
          {errorText(read.error)}
        </p>
      </main>
    );
  if (!page)
    return (
      <main className="cust-screen" data-testid="customer-page" data-customer={id}>
        <p className="muted">{t('cust.loading')}</p>
      </main>
    );

  const { customer, owners, until, why, linked } = page;
  const history = [...page.history].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <main className="cust-screen" data-testid="customer-page" data-customer={id} data-loaded="true" data-seq={read.seq}>
      <div className="cust-head">
        <div className="cust-identity">
          <h1 data-testid="cust-name">{customer.name}</h1>
          <span className="cust-phone" data-testid="cust-phone" data-masked={customer.phoneMasked ? 'true' : 'false'}>
            {customer.phone}
          </span>
          {customer.phoneMasked && (
            <span className="muted small cust-phone-note" data-testid="cust-phone-masked" title={t('cust.phoneMasked')}>
              {t('sec.phoneMaskedNote')}
            </span>
          )}
        </div>
        <span className="muted">
          {t('cust.number', { id: customer.id })} · {t('cust.since', { day: formatDay(dayOfInstant(customer.created_at)) })}
        </span>
        {window.history.length > 1 && (
          <button type="button" className="quiet cust-back" onClick={() => window.history.back()} title="Esc">
            {t('cust.back')}
          </button>
        )}
      </div>

      <section
        className={`card cust-explain${owners.length ? '' : ' nobody'}`}
        data-testid="cust-explanation"
        data-why={why.kind}
        data-rules={why.kind === 'cited' ? why.cites.map((c) => c.rule).join(' ') : undefined}
      >
        <h2>{t('cust.explanation')}</h2>
        <p className="cust-explain-text">
          <RuleText text={ownershipText(t, owners, why)} />
        </p>
      </section>

      <div className="cust-grid">
        <div className="cust-side">
          <section className="card" data-testid="cust-owners">
            <h2>{t('cust.owners')}</h2>
            {owners.length === 0 ? (
              <p className="muted">{t('cust.noOwner')}</p>
            ) : (
              <ul className="cust-owner-list">
                {owners.map((o) => (
                  <li key={o.id} data-testid="cust-owner" data-staff={o.id} data-bps={o.bps}>
                    <div className="cust-owner-line">
                      <span className="cust-owner-name">{o.name}</span>
                      <span className="cust-share" data-testid="cust-share">
                        {t('cust.share', { share: o.bps / 100 })}
                      </span>
                    </div>
                    <div className="cust-share-bar" aria-hidden="true">
                      <span style={{ width: `${o.bps / 100}%` }} />
                    </div>
                    {/* a citation the explanation above already gives is not repeated */}
                    {citesBeyond(o, why).length > 0 && (
                      <ul className="cust-cites">
                        {citesBeyond(o, why).map((c) => (
                          <li key={c.rule} data-rule={c.rule}>
                            <RuleText text={citeText(t, c)} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <p className={`cust-until${until ? '' : ' muted'}`} data-testid="cust-until">
              {until ? t('cust.until', { day: formatDay(until) }) : t('cust.noProtection')}
            </p>
          </section>

          <section className="card" data-testid="cust-linked">
            <h2>{t('cust.linked')}</h2>
            {linked.length === 0 ? (
              <p className="muted">{t('cust.noLinked')}</p>
            ) : (
              <ul className="cust-linked-list">
                {linked.map((l) => (
                  <li key={l.id}>
                    <a href={customerHref(l.id)} data-testid="cust-linked-record" data-customer={l.id}>
                      {l.name}
                    </a>
                    <span className="muted"> {l.phone}</span>
                    <span className="muted small"> · {t('cust.number', { id: l.id })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <section className="card cust-history" data-testid="cust-history">
          <h2>{t('cust.history')}</h2>
          {history.length === 0 ? (
            <p className="muted">{t('cust.noHistory')}</p>
          ) : (
            <ol className="timeline">
              {history.map((e, i) => (
                <TimelineEntry key={`${e.at}-${e.kind}-${i}`} entry={e} t={t} />
              ))}
            </ol>
          )}
        </section>
      </div>
      <CustomerFollowUps customer={customer.id} name={customer.name} ownerIds={owners.map((o) => o.id)} />
    </main>
  );
}

function TimelineEntry({ entry, t }: { entry: CustomerHistoryEntry; t: Translate }) {
  const visitId = 'visitId' in entry ? entry.visitId : undefined;
  return (
    <li
      className={`timeline-entry kind-${entry.kind}`}
      data-testid="cust-event"
      data-kind={entry.kind}
      data-at={entry.at}
      data-rule={'rule' in entry ? entry.rule : undefined}
    >
      <time dateTime={entry.at} className="timeline-when">
        {formatWhen(entry.at)}
      </time>
      <div className="timeline-body">
        <span className={`badge timeline-kind kind-${entry.kind}`}>{historyKindLabel(t, entry.kind)}</span>
        <p className="timeline-text">
          <RuleText text={historyText(t, entry)} />
        </p>
        {(entry.byName || visitId !== undefined) && (
          <p className="muted small">
            {entry.byName ? t('cust.by', { name: entry.byName }) : ''}
            {entry.byName && visitId !== undefined ? ' · ' : ''}
            {visitId !== undefined ? t('cust.visit', { id: visitId }) : ''}
          </p>
        )}
      </div>
    </li>
  );
}
