/**
 * The audit log (#/audit, the project manager, the director and the admin; R-SEC-1): who did what, when,
 * filtered by person, customer (picked as you type), date range and action. Reads of another person's
 * customer say whose and whether the number was shown in full or hidden: 查看了客户 吴敏 的资料（已隐藏）.
 * Actions, fields and the values the office has words for are worded (renderer/lib/audit-words.ts), never
 * shown as method names or JSON keys; a PIN never shows, even where the log holds one.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import type { CustomerHit, StaffMember } from '../api/types';
import { CustomerSearch } from '../components/CustomerSearch';
import { DateField } from '../components/DateField';
import { formatWhen, type Lang, type Translate, useLang, useT } from '../i18n';
import { AUDIT_ACTIONS, actionLabel, type DetailPart, detailParts } from '../lib/audit-words';
import { customerHref } from '../lib/route';
import { can } from '../../src/api/spec';
import { useSession } from '../stores/session';
import '../styles/security.css';
import { errorText } from '../i18n/reasons';

type AuditRow = Output<'audit.list'>[number];

const PAGE = 200;
const NOBODY: StaffMember[] = [];
const MORE = 1000;

function summary(t: Translate, lang: Lang, row: AuditRow, nameOf: (id: string) => string): { text: string; parts?: DetailPart[] } {
  const d = (row.detail ?? {}) as Record<string, unknown>;
  switch (row.method) {
    case 'session.signIn':
      return { text: t('audit.signedIn') };
    case 'session.wrongPin':
      return { text: t('audit.wrongPin', { tries: String(d.tries ?? '?') }) };
    case 'session.locked':
      // counts, not strings: the English words are plural forms of them
      if (typeof d.tries !== 'number' || typeof d.minutes !== 'number') return { text: t('audit.m.session.locked') };
      return { text: t('audit.locked', { tries: d.tries, minutes: d.minutes }) };
  }
  return { text: '', parts: detailParts(t, lang, row.method, d, nameOf) };
}

export function Audit() {
  const t = useT();
  const me = useSession((s) => s.me);
  const [actor, setActor] = useState('');
  const [customer, setCustomer] = useState<CustomerHit | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [action, setAction] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const allowed = can(me, 'audit.list');

  // The people for the filter and for the names in the rows, deactivated ones too.
  const staffList = useApi('staff.list', { includeInactive: true }, { enabled: allowed, areas: ['staff'] });
  const people: StaffMember[] = staffList.data ?? NOBODY;
  // Every write anywhere leaves a row: the log re-reads on each (one read out, at most one more waiting).
  // A changed filter keeps the rows in sight, marked not loaded, until its own answer is in.
  const log = useApi(
    'audit.list',
    {
      ...(actor ? { actor } : {}),
      ...(customer ? { customer: customer.id } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(action ? { method: action } : {}),
      limit,
    },
    { enabled: allowed, areas: ['audit'], keepPrevious: true },
  );
  const rows: AuditRow[] | null = log.data ?? null;
  const error = log.error ? errorText(log.error) : null;
  const loading = log.loading;

  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const nameOf = useCallback((id: string) => names.get(id) ?? id, [names]);
  const filtered = !!(actor || customer || from || to || action);

  if (!allowed)
    return (
      <main className="sec-screen" data-testid="audit-screen">
        <p className="error" role="alert">
          {t('audit.notAllowed')}
        </p>
      </main>
    );

  return (
    <main className="sec-screen audit-screen" data-testid="audit-screen">
      <div className="screen-title">
        <h1>{t('audit.title')}</h1>
        <span className="muted">{t('audit.lead')}</span>
      </div>

      <section className="card audit-filters" data-testid="audit-filters">
        <label className="field">
          <span>{t('audit.person')}</span>
          <select value={actor} onChange={(e) => setActor(e.target.value)} data-testid="audit-actor">
            <option value="">{t('audit.everyone')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.active ? '' : t('audit.inactiveSuffix')}
              </option>
            ))}
          </select>
        </label>
        <div className="audit-customer">
          <CustomerSearch value={customer} onChange={setCustomer} label={t('audit.customer')} testId="audit-customer" />
        </div>
        <label className="field">
          <span>{t('audit.from')}</span>
          <DateField value={from} onChange={setFrom} testId="audit-from" />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <DateField value={to} onChange={setTo} testId="audit-to" />
        </label>
        <label className="field">
          <span>{t('audit.action')}</span>
          <select value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action">
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((m) => (
              <option key={m} value={m}>
                {actionLabel(t, m)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="quiet audit-clear"
          onClick={() => {
            setActor('');
            setCustomer(null);
            setFrom('');
            setTo('');
            setAction('');
          }}
          disabled={!filtered}
          data-testid="audit-clear"
        >
          {t('audit.clear')}
        </button>
      </section>

      <section className="card" data-testid="audit-log" data-loaded={rows && !loading ? 'true' : 'false'}>
        {error && (
          <p className="error" role="alert" data-testid="audit-error">
            {error}
          </p>
        )}
        {rows && (
          <p className="muted small audit-count" data-testid="audit-count">
            {rows.length >= limit ? t('audit.countCapped', { count: rows.length }) : t('audit.count', { count: rows.length })}
            {rows.length >= limit && limit < MORE && (
              <button type="button" className="quiet" onClick={() => setLimit(MORE)} data-testid="audit-more">
                {t('audit.more', { count: MORE })}
              </button>
            )}
          </p>
        )}
        {rows && rows.length === 0 && (
          <p className="muted" data-testid="audit-empty">
            {filtered ? t('audit.emptyFiltered') : t('audit.empty')}
          </p>
        )}
        {rows && rows.length > 0 && (
          <table className="sec-table audit-table">
            <thead>
              <tr>
                <th className="when-col">{t('audit.col.at')}</th>
                <th>{t('audit.col.person')}</th>
                <th>{t('audit.col.action')}</th>
                <th>{t('audit.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.id} row={r} chosen={customer} nameOf={nameOf} t={t} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function Row({ row, chosen, nameOf, t }: { row: AuditRow; chosen: CustomerHit | null; nameOf(id: string): string; t: Translate }) {
  const d = (row.detail ?? {}) as Record<string, unknown>;
  const isRead = row.method === 'customer.read';
  const customerId = typeof d.customerId === 'number' ? d.customerId : typeof d.customer === 'number' ? d.customer : null;
  const who = row.actorName ?? (row.actor_id ? nameOf(row.actor_id) : t('audit.nobody'));
  return (
    <tr
      className={`audit-row${isRead ? ' read' : ''}${row.method.startsWith('session.') && row.method !== 'session.signIn' ? ' warn-row' : ''}`}
      data-testid="audit-row"
      data-method={row.method}
      data-actor={row.actor_id ?? ''}
      data-customer={customerId ?? ''}
      data-full={isRead ? String(!!d.full) : undefined}
    >
      <td className="when-col">{formatWhen(row.at)}</td>
      <td className="audit-who">{who}</td>
      <td>
        <span className={`badge action-badge${isRead ? (d.full ? ' read-full' : ' read-masked') : ''}`}>{actionLabel(t, row.method)}</span>
      </td>
      <td className="audit-detail" data-testid="audit-detail">
        {isRead ? <ReadDetail d={d} chosen={chosen} nameOf={nameOf} t={t} /> : <Detail row={row} nameOf={nameOf} t={t} />}
      </td>
    </tr>
  );
}

function ReadDetail({
  d,
  chosen,
  nameOf,
  t,
}: {
  d: Record<string, unknown>;
  chosen: CustomerHit | null;
  nameOf(id: string): string;
  t: Translate;
}) {
  const id = Number(d.customerId);
  // The log holds the record's number; its name is known when this customer is the filter's.
  const name = chosen && chosen.id === id ? chosen.name : t('audit.customerNo', { id });
  const owners = Array.isArray(d.owners) ? (d.owners as string[]).map(nameOf) : [];
  return (
    <>
      <span data-testid="audit-read-text">
        {t('audit.readBefore')}
        <a href={customerHref(id)} className="audit-customer-link">
          {name}
        </a>
        {t('audit.readAfter', { how: d.full ? t('audit.full') : t('audit.masked') })}
      </span>
      {owners.length > 0 && <span className="muted small"> · {t('audit.owners', { names: owners.join(t('common.listSep')) })}</span>}
    </>
  );
}

function Detail({ row, nameOf, t }: { row: AuditRow; nameOf(id: string): string; t: Translate }) {
  const lang = useLang((l) => l.lang);
  const s = summary(t, lang, row, nameOf);
  if (!s.parts) return <span>{s.text}</span>;
  if (s.parts.length === 0) return <span className="muted">—</span>;
  return (
    <span className="detail-parts">
      {s.parts.map((p, i) => (
        <span key={i} className="detail-part">
          <span className="muted">
            {p.key}
            {t('common.colon')}
          </span>
          {p.text}
        </span>
      ))}
    </span>
  );
}
