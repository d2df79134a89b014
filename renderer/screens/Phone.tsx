/**
 * The consultant's phone (#/phone, issue 17 item 18): web mode over the office LAN at phone width. My place in
 * today's queue as the server ordered it, and 你是下一位 the moment I am the one the roster picks (re-read on the
 * pushed roster change, never polled for); whom I am receiving now; today's follow-ups; my customers.
 */
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { formatDay, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { customerHref } from '../lib/route';
import { useSession } from '../stores/session';
import '../styles/phone.css';

type Roster = Output<'roster.today'>;

export function Phone() {
  const t = useT();
  const me = useSession((s) => s.me);
  const roster = useApi('roster.today', {}, { areas: ['roster', 'staff'] });
  const today = useApi('followUp.today', {}, { areas: ['followUps', 'registrations', 'customers'] });
  const mine = useApi('me.customers', {}, { areas: ['customers', 'registrations', 'followUps', 'deals'] });
  return (
    <main className="phone-screen" data-testid="phone">
      <section className="card phone-queue" data-testid="phone-queue" data-loaded={roster.data !== undefined ? 'true' : undefined}>
        {roster.data === undefined ? (
          <p className="muted">{roster.error ? errorText(roster.error) : t('mine.loading')}</p>
        ) : (
          <Place roster={roster.data} meId={me?.id ?? ''} />
        )}
      </section>
      <section className="card" data-testid="phone-due">
        <h2>{t('phone.due')}</h2>
        {!today.data ? (
          <p className="muted">{today.error ? errorText(today.error) : t('mine.loading')}</p>
        ) : today.data.due.length === 0 ? (
          <p className="muted">{t('phone.noneDue')}</p>
        ) : (
          <ul className="phone-list">
            {today.data.due.map((d) => (
              <li key={d.customer.id} data-testid="phone-due-row" className={d.overdue ? 'overdue' : ''}>
                <a href={customerHref(d.customer.id)}>{d.customer.name}</a>
                <a className="phone-tel" href={`tel:${d.customer.phone}`}>
                  {d.customer.phone}
                </a>
                {d.nextDay && <span className="muted small">{formatDay(d.nextDay)}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" data-testid="phone-customers">
        <h2>{t('mine.customersTitle')}</h2>
        {!mine.data ? (
          <p className="muted">{mine.error ? errorText(mine.error) : t('mine.loading')}</p>
        ) : mine.data.length === 0 ? (
          <p className="muted">{t('mine.noCustomers')}</p>
        ) : (
          <ul className="phone-list">
            {mine.data.map((c) => (
              <li key={c.customer.id} data-testid="phone-customer">
                <a href={customerHref(c.customer.id)}>{c.customer.name}</a>
                <span className="muted small">
                  {c.protectionUntilDay ? t('phone.until', { day: formatDay(c.protectionUntilDay) }) : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function Place({ roster, meId }: { roster: Roster; meId: string }) {
  const t = useT();
  if (!roster) return <p className="lead">{t('phone.notStarted')}</p>;
  const at = roster.queue.findIndex((e) => e.id === meId);
  const entry = roster.queue[at];
  if (!entry) return <p className="lead">{t('phone.notOnRoster')}</p>;
  return (
    <>
      {roster.next === meId ? (
        <p className="phone-next" role="status" data-testid="phone-you-next">
          {t('phone.youNext')}
        </p>
      ) : (
        <p className="lead" data-testid="phone-place" data-place={at + 1}>
          {t('phone.place', { n: at + 1, of: roster.queue.length })}
        </p>
      )}
      {roster.next && roster.next !== meId && (
        <p className="muted">{t('phone.nextIs', { name: roster.queue.find((e) => e.id === roster.next)?.name ?? roster.next })}</p>
      )}
      {entry.receiving.length > 0 && (
        <ul className="phone-list" data-testid="phone-receiving">
          {entry.receiving.map((r) => (
            <li key={r.visitId}>{t('phone.receiving', { name: r.customerName })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
