/**
 * 集团总览 (#/group; the group role only, issue 16 item 4): one row per site with its month's statement totals
 * (payable, of which the public pool, held by a dispute, without a split), its open disputes and its visits and
 * deals, and the group's totals under them — every number the server's (group.statements, group.disputes,
 * group.dashboard), none added here. Each site opens its statement or its disputes read-only
 * (#/group?site=…&view=statement|disputes); Esc or the back link returns. The month lives in the hash, so a
 * drill-down and the way back keep it.
 */
import { useEffect } from 'react';
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { MonthPicker, useMonthLabel } from '../components/MonthPicker';
import { SplitLines } from '../components/SplitLines';
import { formatWhen, type Translate, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { formatYuan } from '../lib/money';
import { useOfficeMonth } from '../lib/officeMonth';
import { useRouteQuery } from '../lib/route';
import '../styles/money.css';
import '../styles/group.css';

type SiteRef = Output<'group.statements'>['sites'][number]['site'];
type View = 'statement' | 'disputes';

const groupHref = (month: string, site?: string, view?: View): string =>
  `#/group?month=${month}${site && view ? `&site=${encodeURIComponent(site)}&view=${view}` : ''}`;

const siteName = (t: Translate, site: SiteRef): string => site.name ?? t('group.thisOffice');

export function Group() {
  const t = useT();
  const officeMonth = useOfficeMonth();
  const month = useRouteQuery('month') || officeMonth;
  const site = useRouteQuery('site');
  const view = useRouteQuery('view');
  if (!month) return <p className="muted">{t('group.loading')}</p>;
  if (site && (view === 'statement' || view === 'disputes')) return <Drill month={month} site={site} view={view} />;
  return <Overview month={month} />;
}

function Overview({ month }: { month: string }) {
  const t = useT();
  const monthLabel = useMonthLabel();
  const st = useApi(
    'group.statements',
    { month },
    { areas: ['deals', 'disputes', 'registrations', 'customers', 'staff', 'policy'], everySite: true },
  );
  const ds = useApi('group.disputes', {}, { areas: ['disputes', 'deals'], everySite: true });
  const db = useApi('group.dashboard', { month }, { areas: ['registrations', 'deals', 'customers'], everySite: true });
  const error = st.error ?? ds.error ?? db.error;
  const [S, D, B] = [st.data, ds.data, db.data];
  const disputesOf = new Map(D?.sites.map((s) => [s.site.code, s.figures]));
  const dashOf = new Map(B?.sites.map((s) => [s.site.code, s.figures]));

  return (
    <main className="money-screen group-screen" data-testid="group-screen">
      <div className="screen-title">
        <h1>{t('group.title')}</h1>
        <MonthPicker month={month} onChange={(m) => (location.hash = groupHref(m))} testId="group-month" />
      </div>
      <p className="muted">{t('group.subtitle', { month: monthLabel(month) })}</p>
      {error && (
        <p className="error" role="alert" data-testid="group-error">
          {errorText(error)}
        </p>
      )}
      {!(S && D && B) && !error && <p className="muted">{t('group.loading')}</p>}
      {S && D && B && (
        <section className="card">
          <table className="totals-table group-table" data-testid="group-sites" data-month={S.month}>
            <thead>
              <tr>
                <th>{t('group.site')}</th>
                <th className="num">{t('group.payable')}</th>
                <th className="num">{t('group.pool')}</th>
                <th className="num">{t('group.held')}</th>
                <th className="num">{t('group.unresolved')}</th>
                <th className="num">{t('group.undecided')}</th>
                <th className="num">{t('group.visits')}</th>
                <th className="num">{t('group.deals')}</th>
                <th className="num">{t('group.commission')}</th>
                <th>
                  <span className="sr-only">{t('group.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {S.sites.map(({ site, figures: f }) => {
                const d = disputesOf.get(site.code);
                const b = dashOf.get(site.code);
                return (
                  <tr key={site.code} data-testid="group-site" data-site={site.code} data-payable={f.payableCents}>
                    <th scope="row">{siteName(t, site)}</th>
                    <td className="num money">{formatYuan(f.payableCents)}</td>
                    <td className="num money">{formatYuan(f.poolCents)}</td>
                    <td className="num money" data-testid="site-held" data-held={f.heldCents}>
                      {formatYuan(f.heldCents)} <span className="muted">{t('group.heldDeals', { n: f.heldDeals })}</span>
                    </td>
                    <td className="num">{t('group.heldDeals', { n: f.unresolvedDeals })}</td>
                    <td className="num" data-testid="site-undecided" data-undecided={d?.undecided ?? 0}>
                      {d?.undecided ?? 0}
                    </td>
                    <td className="num">{b?.visits ?? 0}</td>
                    <td className="num">{b?.deals ?? 0}</td>
                    <td className="num money">{formatYuan(b?.commissionCents ?? 0)}</td>
                    <td className="group-links">
                      <a
                        href={groupHref(month, site.code, 'statement')}
                        aria-label={t('group.openStatement', { site: siteName(t, site) })}
                        data-testid="open-statement"
                      >
                        {t('group.statementLink')}
                      </a>
                      <a
                        href={groupHref(month, site.code, 'disputes')}
                        aria-label={t('group.openDisputes', { site: siteName(t, site) })}
                        data-testid="open-disputes"
                      >
                        {t('group.disputesLink')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr data-testid="group-total" data-payable={S.totals.payableCents} data-held={S.totals.heldCents}>
                <th scope="row">
                  {t('group.total')} <span className="muted">{t('group.sitesCount', { n: S.sites.length })}</span>
                </th>
                <td className="num money">{formatYuan(S.totals.payableCents)}</td>
                <td className="num money">{formatYuan(S.totals.poolCents)}</td>
                <td className="num money">
                  {formatYuan(S.totals.heldCents)} <span className="muted">{t('group.heldDeals', { n: S.totals.heldDeals })}</span>
                </td>
                <td className="num">{t('group.heldDeals', { n: S.totals.unresolvedDeals })}</td>
                <td className="num" data-testid="total-undecided" data-undecided={D.totals.undecided}>
                  {D.totals.undecided}
                </td>
                <td className="num">{B.totals.visits}</td>
                <td className="num">{B.totals.deals}</td>
                <td className="num money">{formatYuan(B.totals.commissionCents)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </section>
      )}
      <p className="muted">{t('group.readOnly')}</p>
    </main>
  );
}

/** One site's statement or disputes, read-only; Esc or the link goes back to the overview of the same month. */
function Drill({ month, site, view }: { month: string; site: string; view: View }) {
  const t = useT();
  const back = groupHref(month);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') location.hash = back;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back]);
  return (
    <main className="money-screen group-screen" data-testid="group-drill" data-site={site} data-view={view}>
      <p className="no-print">
        <a href={back} data-testid="group-back" autoFocus>
          ‹ {t('group.back')} <kbd>Esc</kbd>
        </a>
      </p>
      {view === 'statement' ? <SiteStatement month={month} site={site} /> : <SiteDisputes site={site} />}
      <p className="muted">{t('group.readOnly')}</p>
    </main>
  );
}

function SiteStatement({ month, site }: { month: string; site: string }) {
  const t = useT();
  const monthLabel = useMonthLabel();
  const r = useApi(
    'group.statements',
    { month, site },
    { areas: ['deals', 'disputes', 'registrations', 'customers', 'staff', 'policy'], everySite: true },
  );
  if (r.error)
    return (
      <p className="error" role="alert" data-testid="group-error">
        {errorText(r.error)}
      </p>
    );
  const one = r.data?.sites[0];
  const st = one?.statement;
  if (!one || !st) return <p className="muted">{t('group.loading')}</p>;
  const names = new Map(st.deals.flatMap((d) => d.lines.map((l) => [l.beneficiary, l.name] as const)));
  const label = (id: string) => (id === 'pool' ? t('statements.pool') : (names.get(id) ?? id));
  const totals = Object.entries(st.totals).sort(([a], [b]) => (a === 'pool' ? 1 : b === 'pool' ? -1 : 0));
  return (
    <>
      <h1>{t('group.statementOf', { site: siteName(t, one.site), month: monthLabel(month) })}</h1>
      <section className="card">
        {totals.length === 0 ? (
          <p className="muted">{t('group.noDeals')}</p>
        ) : (
          <table className="totals-table" data-testid="drill-totals">
            <thead>
              <tr>
                <th>{t('group.beneficiary')}</th>
                <th className="num">{t('group.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map(([id, cents]) => (
                <tr key={id} data-testid="drill-total" data-beneficiary={id} data-amount={cents}>
                  <td>{label(id)}</td>
                  <td className="num money">{formatYuan(cents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="drill-grand" data-amount={one.figures.payableCents}>
                <th scope="row">{t('statements.grandTotal')}</th>
                <td className="num money">{formatYuan(one.figures.payableCents)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>
      {st.deals.map((s) => (
        <section className="card" key={s.dealId}>
          <h2>
            {t('group.deal')} #{s.dealId} · {formatYuan(s.commission)}
          </h2>
          <SplitLines split={s} testId="drill-split" />
        </section>
      ))}
      {st.held.length > 0 && (
        <section className="card held" data-testid="drill-held">
          <h2>{t('group.heldList')}</h2>
          {st.held.map((s) => (
            <SplitLines key={s.dealId} split={s} testId="drill-held-split" />
          ))}
        </section>
      )}
      {st.unresolved.length > 0 && (
        <section className="card">
          <h2>{t('group.unresolvedList')}</h2>
          {st.unresolved.map((s) => (
            <SplitLines key={s.dealId} split={s} testId="drill-unresolved-split" />
          ))}
        </section>
      )}
    </>
  );
}

function SiteDisputes({ site }: { site: string }) {
  const t = useT();
  const r = useApi('group.disputes', { site }, { areas: ['disputes', 'deals'], everySite: true });
  if (r.error)
    return (
      <p className="error" role="alert" data-testid="group-error">
        {errorText(r.error)}
      </p>
    );
  const one = r.data?.sites[0];
  const list = one?.disputes;
  if (!one || !list) return <p className="muted">{t('group.loading')}</p>;
  return (
    <>
      <h1>{t('group.disputesOf', { site: siteName(t, one.site) })}</h1>
      <p className="muted">{t('group.awaiting', { opinion: one.figures.awaitingOpinion, decision: one.figures.awaitingDecision })}</p>
      <section className="card">
        {list.length === 0 ? (
          <p className="muted">{t('group.noDisputes')}</p>
        ) : (
          <table className="totals-table drill-wide" data-testid="drill-disputes">
            <thead>
              <tr>
                <th>{t('group.disputeSubject')}</th>
                <th>{t('group.disputeClaim')}</th>
                <th>{t('group.disputeRaisedBy')}</th>
                <th>{t('group.disputeAt')}</th>
                <th>{t('group.disputeStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} data-testid="drill-dispute" data-dispute={d.id} data-status={d.status}>
                  <td>
                    {d.customerName ?? ''}
                    {d.unit ? ` · ${t('group.dealUnit', { unit: d.unit })}` : ''}
                  </td>
                  <td>{d.claim}</td>
                  <td>{d.raisedByName ?? d.raised_by}</td>
                  <td>{formatWhen(d.at)}</td>
                  <td>{t(`disputes.status.${d.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
