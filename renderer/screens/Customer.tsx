/**
 * The customer page (#/customer/<id>): who owns the customer and why — the server's explanation, citing
 * the rules (R-OWN-*) — the owners with their shares, the end of protection, the records linked to this one
 * (identified as the same person, or the spouse), and the whole history in time order.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CustomerHistoryEntry, CustomerPage } from '../api/types';
import { RuleText } from '../components/RuleText';
import { CustomerFollowUps } from '../components/CustomerFollowUps';
import { formatDay, formatWhen, type MessageKey, type Translate, useT } from '../i18n';
import { dayOfInstant } from '../lib/days';
import { customerHref, useRouteArg } from '../lib/route';
import '../styles/registrations.css';
import { errorText } from '../i18n/reasons';

const KINDS = ['visit', 'finished', 'handover', 'refusal', 'correction', 'decision', 'call', 'announcement', 'identified', 'household', 'referral', 'company', 'deal'] as const;

const kindLabel = (t: Translate, kind: string): string => ((KINDS as readonly string[]).includes(kind) ? t(`cust.kind.${kind}` as MessageKey) : kind);

/** 2026年3月9日 10:00 */

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
  const [page, setPage] = useState<CustomerPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('customer.get', { customer: id }).then((r) => {
      if (!live) return;
      if (r.ok) setPage(r.value);
      else setError(errorText(r.error));
    });
    return () => {
      live = false;
    };
  }, [id]);

  // Esc goes back where the customer was opened from (the desk, the PM's list, a search).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape' && !target?.closest('input, select, textarea, [role="dialog"]') && window.history.length > 1) window.history.back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (error)
    return (
      <main className="cust-screen" data-testid="customer-page" data-customer={id}>
        <p className="error" role="alert" data-testid="cust-error">
          {error}
        </p>
      </main>
    );
  if (!page)
    return (
      <main className="cust-screen" data-testid="customer-page" data-customer={id}>
        <p className="muted">{t('cust.loading')}</p>
      </main>
    );

  const { customer, owners, until, explanation, linked } = page;
  const history = [...page.history].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <main className="cust-screen" data-testid="customer-page" data-customer={id} data-loaded="true">
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

      <section className={`card cust-explain${owners.length ? '' : ' nobody'}`} data-testid="cust-explanation">
        <h2>{t('cust.explanation')}</h2>
        <p className="cust-explain-text">
          <RuleText text={explanation} />
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
                    {o.cites.some((c) => !explanation.includes(c.text)) && (
                      <ul className="cust-cites">
                        {o.cites.filter((c) => !explanation.includes(c.text)).map((c) => (
                          <li key={c.rule + c.text}>
                            <RuleText text={c.text} />
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
  return (
    <li className={`timeline-entry kind-${entry.kind}`} data-testid="cust-event" data-kind={entry.kind} data-at={entry.at}>
      <time dateTime={entry.at} className="timeline-when">
        {formatWhen(entry.at)}
      </time>
      <div className="timeline-body">
        <span className={`badge timeline-kind kind-${entry.kind}`}>{kindLabel(t, entry.kind)}</span>
        <p className="timeline-text">
          <RuleText text={entry.text} />
        </p>
        {(entry.byName || entry.visitId !== undefined) && (
          <p className="muted small">
            {entry.byName ? t('cust.by', { name: entry.byName }) : ''}
            {entry.byName && entry.visitId !== undefined ? ' · ' : ''}
            {entry.visitId !== undefined ? t('cust.visit', { id: entry.visitId }) : ''}
          </p>
        )}
      </div>
    </li>
  );
}
