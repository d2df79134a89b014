/**
 * 我的佣金 (#/my-commission) and 我的客户 (#/my-customers), a consultant's own (issue 17 item 17): the server
 * sends only the consultant's own lines and customers (me.commission, me.customers), so nothing here filters
 * out a colleague's. Both re-read when a deal, dispute, registration or follow-up changes anywhere.
 */
import { useState } from 'react';
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { GradeBadge, useGradeLabels } from '../components/FollowUpForm';
import { MonthPicker, useMonthLabel } from '../components/MonthPicker';
import { Citation } from '../components/SplitLines';
import { formatDay, joinList, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { formatBps, formatYuan } from '../lib/money';
import { useOfficeMonth } from '../lib/officeMonth';
import { customerHref } from '../lib/route';
import '../styles/money.css';
import '../styles/followup.css';

type Commission = Output<'me.commission'>;

export function MyCommission() {
  const t = useT();
  const officeMonth = useOfficeMonth();
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? officeMonth;
  return (
    <main className="fu-screen" data-testid="my-commission">
      <div className="screen-title fu-title">
        <h1>{t('mine.commissionTitle')}</h1>
        {month && <MonthPicker month={month} onChange={setChosen} testId="my-commission-month" />}
      </div>
      {month ? <CommissionOf month={month} /> : <p className="muted">{t('mine.loading')}</p>}
    </main>
  );
}

function CommissionOf({ month }: { month: string }) {
  const t = useT();
  const monthLabel = useMonthLabel();
  const r = useApi('me.commission', { month }, { areas: ['deals', 'disputes', 'registrations', 'customers'] });
  const view: Commission | null = r.data ?? null;
  if (!view && r.error)
    return (
      <p className="error" role="alert">
        {errorText(r.error)}
      </p>
    );
  if (!view || view.month !== month) return <p className="muted">{t('mine.loading')}</p>;
  return (
    <div data-loaded="true">
      <section className="card">
        <p className="lead" data-testid="my-total" data-cents={view.totalCents}>
          {t('mine.total', { month: monthLabel(month), amount: formatYuan(view.totalCents) })}
        </p>
        <p className="muted small">{t('mine.totalNote')}</p>
      </section>
      <section className="card">
        <h2>{t('mine.lines')}</h2>
        {view.lines.length === 0 ? (
          <p className="muted empty-line">{t('mine.noLines')}</p>
        ) : (
          <table className="fu-table">
            <thead>
              <tr>
                <th>{t('mine.colDay')}</th>
                <th>{t('mine.colCustomer')}</th>
                <th>{t('mine.colUnit')}</th>
                <th>{t('mine.colShare')}</th>
                <th className="num">{t('mine.colAmount')}</th>
                <th>{t('mine.colRule')}</th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((l, i) => (
                <tr key={`${l.dealId}-${i}`} data-testid="my-line" data-deal={l.dealId}>
                  <td>{formatDay(l.day)}</td>
                  <td>
                    <a href={customerHref(l.customerId)}>{l.customerName}</a>
                  </td>
                  <td>{l.unit}</td>
                  <td>
                    {formatBps(l.bps)}
                    {l.kind === 'referrer' && t('mine.asReferrer')}
                  </td>
                  <td className="num">{formatYuan(l.amountCents)}</td>
                  <td>
                    {l.cites.map((c, j) => (
                      <Citation key={j} cite={c} />
                    ))}
                    {l.decided && <span className="muted small"> {t('mine.decided')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{t('mine.held')}</h2>
        {view.held.length === 0 ? (
          <p className="muted empty-line">{t('mine.noneHeld')}</p>
        ) : (
          <ul>
            {view.held.map((h) => (
              <li key={h.dealId} data-testid="my-held" data-deal={h.dealId}>
                <b>{formatDay(h.day)}</b> <a href={customerHref(h.customerId)}>{h.customerName}</a> {h.unit} ·{' '}
                {h.disputeId === null ? t('mine.heldWhyUnknown') : t('mine.heldWhy', { id: h.disputeId })} ·{' '}
                <span className="muted">{t('mine.heldWould', { amount: formatYuan(h.lines.reduce((s, l) => s + l.amountCents, 0)) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function MyCustomers() {
  const t = useT();
  const { labels } = useGradeLabels();
  const r = useApi('me.customers', {}, { areas: ['customers', 'registrations', 'followUps', 'deals'] });
  const rows = r.data ?? null;
  return (
    <main className="fu-screen" data-testid="my-customers">
      <div className="screen-title fu-title">
        <h1>{t('mine.customersTitle')}</h1>
        {rows && <span className="muted">{t('mine.customersCount', { n: rows.length })}</span>}
        <span className="muted small fu-keys">{t('mine.keys')}</span>
      </div>
      {!rows && r.error ? (
        <p className="error" role="alert">
          {errorText(r.error)}
        </p>
      ) : !rows ? (
        <p className="muted">{t('mine.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="card muted" data-loaded="true">
          {t('mine.noCustomers')}
        </p>
      ) : (
        <section className="card" data-loaded="true">
          <table className="fu-table">
            <thead>
              <tr>
                <th>{t('mine.colCustomer')}</th>
                <th>{t('mine.colProtection')}</th>
                <th>{t('mine.colGrade')}</th>
                <th>{t('mine.colNext')}</th>
                <th>{t('mine.colShared')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.customer.id} data-testid="my-customer" data-customer={c.customer.id} className={c.overdue ? 'overdue' : ''}>
                  <td>
                    <a href={customerHref(c.customer.id)}>{c.customer.name}</a> <span className="muted small">{c.customer.phone}</span>
                  </td>
                  <td>{c.protectionUntilDay ? formatDay(c.protectionUntilDay) : '—'}</td>
                  <td>
                    <GradeBadge grade={c.grade} labels={labels} />
                  </td>
                  <td>
                    {c.nextFollowUpDay ? formatDay(c.nextFollowUpDay) : <span className="muted">{t('mine.noNext')}</span>}
                    {c.overdue && <span className="error small"> {t('mine.overdue')}</span>}
                  </td>
                  <td>
                    {c.sharedWith.length
                      ? joinList(
                          t,
                          c.sharedWith.map((s) => s.name),
                        )
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
