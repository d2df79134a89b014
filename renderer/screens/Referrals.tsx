/**
 * Employee referrals (R-REF-1…4) and company clients (R-CO-1), for the project manager and the director
 * (the sales assistant sees the list and prints forms). A referral is registered before the customer's
 * first visit, with an appointment day; on that day the PM confirms it against the customer's visit.
 * The referral form (介绍客户登记表) prints two copies on one page: one for the sales assistant's file,
 * one for the sales office.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { api, type ApiErrorBody } from '../api/client';
import { useApi } from '../api/useApi';
import type { CustomerHistoryEntry, ReferralRow, StaffMember } from '../api/types';
import { InlineDialog } from '../components/InlineDialog';
import { historyText } from '../components/customer-words';
import { RuleText } from '../components/RuleText';
import { formatDay, formatTime, formatWhen, type Translate, useT } from '../i18n';
import { dayOfInstant, today } from '../lib/days';
import { can } from '../../src/api/spec';
import { customerHref } from '../lib/route';
import { useSession } from '../stores/session';
import '../styles/registrations.css';
import { errorText } from '../i18n/reasons';
import { DateField } from '../components/DateField';

export function Referrals() {
  const t = useT();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const canWrite = can(me, 'referral.confirm');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [printing, setPrinting] = useState<ReferralRow | null>(null);
  const [notice, setNotice] = useState<{ referral: number; text: string } | null>(null);

  // Re-read when a referral is registered or confirmed, or a walk-in voids one (R-REF-4), at any terminal.
  const list = useApi('referral.list', {}, { areas: ['referrals', 'customers'] });
  // a refused list reads as an empty one under its refusal
  const rows: ReferralRow[] | null = list.data ?? (list.error ? [] : null);
  const loadError = list.error ? errorText(list.error) : null;

  return (
    <main className="ref-screen" data-testid="referrals">
      <div className="screen-title">
        <h1>{t('ref.title')}</h1>
      </div>
      <div className={`ref-layout${canWrite ? '' : ' read-only'}`}>
        <section className="card ref-list-card">
          <h2>{t('ref.list')}</h2>
          {loadError && (
            <p className="error" role="alert">
              {loadError}
            </p>
          )}
          {!rows ? (
            <p className="muted">{t('ref.loading')}</p>
          ) : rows.length === 0 ? (
            <p className="muted" data-testid="ref-empty">
              {t('ref.empty')}
            </p>
          ) : (
            <div className="ref-table" role="table" aria-label={t('ref.list')} data-testid="ref-table">
              <div className="ref-row-line head" role="row">
                <span role="columnheader">{t('ref.col.id')}</span>
                <span role="columnheader">{t('ref.col.customer')}</span>
                <span role="columnheader">{t('ref.col.referrer')}</span>
                <span role="columnheader">{t('ref.col.appointment')}</span>
                <span role="columnheader">{t('ref.col.status')}</span>
                <span role="columnheader">{t('ref.col.actions')}</span>
              </div>
              {rows.map((r) => (
                <div
                  key={r.id}
                  className="ref-row"
                  data-testid="ref-row"
                  data-referral={r.id}
                  data-status={r.status}
                  data-customer={r.customer_id}
                >
                  <div className="ref-row-line" role="row">
                    <span role="cell" className="muted">
                      {r.id}
                    </span>
                    <span role="cell" className="ref-customer">
                      <a href={customerHref(r.customer_id)}>{r.customerName}</a>
                      <span className="muted small">{r.phone}</span>
                    </span>
                    <span role="cell">{r.referrerName}</span>
                    <span role="cell">
                      {formatDay(r.appointment)}
                      <span className="muted small ref-registered">
                        {t('ref.col.registeredAt')} {formatWhen(r.at)}
                      </span>
                    </span>
                    <span role="cell">
                      <span className={`badge ref-status ref-status-${r.status}`} data-testid="ref-status">
                        {t(`ref.status.${r.status}`)}
                      </span>
                    </span>
                    <span role="cell" className="ref-actions">
                      {canWrite && r.status === 'pending' && confirming !== r.id && (
                        <button
                          type="button"
                          onClick={() => setConfirming(r.id)}
                          disabled={r.appointment > today()}
                          title={r.appointment > today() ? formatDay(r.appointment) : undefined}
                          data-testid="ref-confirm"
                        >
                          {t('ref.action.confirm')}
                        </button>
                      )}
                      <button type="button" onClick={() => setPrinting(r)} data-testid="ref-print">
                        {t('ref.action.print')}
                      </button>
                    </span>
                  </div>
                  {confirming === r.id && (
                    <ConfirmReferral
                      row={r}
                      t={t}
                      onCancel={() => setConfirming(null)}
                      onDone={() => {
                        setConfirming(null);
                        setNotice({ referral: r.id, text: t('ref.confirm.done', { id: r.id }) });
                        list.reload();
                      }}
                    />
                  )}
                  {notice?.referral === r.id && (
                    <p className="ref-notice" role="status" data-testid="ref-notice">
                      {notice.text}
                    </p>
                  )}
                </div>
              ))}
            </div>
          )}
        </section>

        {canWrite && (
          <div className="ref-forms">
            <RegisterReferral staff={staff} t={t} rows={rows} onRegistered={list.reload} onPrint={setPrinting} />
            <CompanyClient t={t} />
          </div>
        )}
      </div>
      {printing && <PrintPreview row={printing} staff={staff} t={t} onClose={() => setPrinting(null)} />}
    </main>
  );
}

type VisitEntry = Extract<CustomerHistoryEntry, { kind: 'visit' }>;

/** R-REF-3: the customer came on the appointment day; the PM picks that visit from the customer's timeline. */
function ConfirmReferral({ row, t, onCancel, onDone }: { row: ReferralRow; t: Translate; onCancel(): void; onDone(): void }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The customer's visits on the appointment day, read once (each read of the record is an audit row).
  const got = useApi('customer.get', { customer: row.customer_id });
  const visits = useMemo<VisitEntry[] | null>(
    () => got.data?.history.filter((e): e is VisitEntry => e.kind === 'visit' && dayOfInstant(e.at) === row.appointment) ?? null,
    [got.data, row.appointment],
  );
  const choice = chosen ?? visits?.[0]?.visitId ?? null;
  const shownError = error ?? (got.error ? errorText(got.error) : null);

  const submit = async () => {
    if (choice === null)
      return setError(
        visits && visits.length === 0 ? t('ref.confirm.noVisit', { day: formatDay(row.appointment) }) : t('ref.confirm.needVisit'),
      );
    setBusy(true);
    const r = await api.call('referral.confirm', { referral: row.id, visit: choice });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onDone();
  };

  return (
    <InlineDialog
      question={t('ref.confirm.question', { name: row.customerName })}
      error={shownError}
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={onCancel}
      testId="ref-dialog"
    >
      {!visits ? (
        <span className="muted">{t('ref.confirm.loading')}</span>
      ) : visits.length === 0 ? (
        <span className="warn">{t('ref.confirm.noVisit', { day: formatDay(row.appointment) })}</span>
      ) : (
        <label className="inline-dialog-field">
          <span>{t('ref.confirm.visit')}</span>
          <select value={choice ?? ''} onChange={(e) => setChosen(Number(e.target.value))} data-testid="ref-confirm-visit">
            {visits.map((v) => (
              <option key={v.visitId} value={v.visitId}>
                {t('ref.confirm.visitOption', { time: formatTime(v.at), text: historyText(t, v) })}
              </option>
            ))}
          </select>
        </label>
      )}
    </InlineDialog>
  );
}

/** Employees first (the rule's "other employees"), then anyone else on the staff. */
function referrerGroups(staff: readonly StaffMember[]) {
  const employees = staff.filter((s) => s.roles.includes('employee'));
  return { employees, others: staff.filter((s) => !s.roles.includes('employee')) };
}

function RegisterReferral({
  staff,
  rows,
  t,
  onRegistered,
  onPrint,
}: {
  staff: readonly StaffMember[];
  rows: readonly ReferralRow[] | null;
  t: Translate;
  onRegistered(): void;
  onPrint(r: ReferralRow): void;
}) {
  const [referrer, setReferrer] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [appointment, setAppointment] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: number; text: string } | null>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const { employees, others } = referrerGroups(staff);
  // the new referral's row, once the list (re-read after registering) holds it
  const doneRow = done ? (rows?.find((x) => x.id === done.id) ?? null) : null;

  // The print button takes the focus when it appears (in the same commit as the row, before anything else runs).
  const printable = doneRow !== null;
  useLayoutEffect(() => {
    if (done && printable) printButton.current?.focus();
  }, [done, printable]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!referrer) return setError(t('ref.register.needReferrer'));
    setBusy(true);
    const r = await api.call('referral.register', { referrer, customer: { name: name.trim(), phone: phone.trim() }, appointment });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onRegistered();
    setError(null);
    setDone({ id: r.value.id, text: t('ref.register.done', { id: r.value.id, name: name.trim(), day: formatDay(appointment) }) });
    setName('');
    setPhone('');
  };

  const edited = () => {
    setError(null);
    setDone(null);
  };

  return (
    <section className="card ref-register" data-testid="ref-register">
      <h2>{t('ref.register.title')}</h2>
      <p className="hint ref-hint">
        <RuleText text={t('ref.register.hint')} />
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="ref-form">
        <div className="ref-form-pair">
          <label className="field">
            <span>{t('ref.register.referrer')}</span>
            <select
              value={referrer}
              onChange={(e) => {
                setReferrer(e.target.value);
                edited();
              }}
              data-testid="ref-referrer"
            >
              <option value="">{t('ref.register.referrerChoose')}</option>
              {employees.length > 0 && (
                <optgroup label={t('ref.register.employees')}>
                  {employees.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label={t('ref.register.otherStaff')}>
                {others.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label className="field">
            <span>{t('ref.register.appointment')}</span>
            <DateField
              value={appointment}
              min={today()}
              onChange={(d) => {
                setAppointment(d);
                edited();
              }}
              testId="ref-appointment"
            />
          </label>
        </div>
        <NamePhonePair
          name={name}
          phone={phone}
          onName={(v) => {
            setName(v);
            edited();
          }}
          onPhone={(v) => {
            setPhone(v);
            edited();
          }}
          labels={[t('ref.register.name'), t('ref.register.phone')]}
          testId="ref"
        />
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy} data-testid="ref-submit">
            {t('ref.register.submit')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="ref-register-error">
          {error}
        </p>
      )}
      {done && (
        <div className="ref-done" role="status" data-testid="ref-register-done">
          <span>{done.text}</span>
          {doneRow && (
            <button type="button" ref={printButton} onClick={() => onPrint(doneRow)} data-testid="ref-done-print">
              {t('ref.action.print')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** The customer's name and phone side by side, as both registration forms ask them. */
function NamePhonePair(p: {
  name: string;
  phone: string;
  onName(v: string): void;
  onPhone(v: string): void;
  labels: [string, string];
  testId: string;
}) {
  return (
    <div className="ref-form-pair">
      <label className="field">
        <span>{p.labels[0]}</span>
        <input
          value={p.name}
          onChange={(e) => p.onName(e.target.value)}
          autoComplete="off"
          maxLength={40}
          data-testid={`${p.testId}-name`}
        />
      </label>
      <label className="field">
        <span>{p.labels[1]}</span>
        <input
          value={p.phone}
          onChange={(e) => p.onPhone(e.target.value)}
          inputMode="tel"
          autoComplete="off"
          data-testid={`${p.testId}-phone`}
        />
      </label>
    </div>
  );
}

/** R-CO-1: introduced by the company or its leadership before any visit; refused for a customer already registered. */
function CompanyClient({ t }: { t: Translate }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [introducedBy, setIntroducedBy] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ customerId: number; text: string } | null>(null);
  const answer = useRef<HTMLDivElement>(null);

  // The answer (a refusal naming the registration, or the success) may fall below the fold: bring it in.
  useEffect(() => {
    if (error || done) answer.current?.scrollIntoView({ block: 'nearest' });
  }, [error, done]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await api.call('company.register', {
      customer: { name: name.trim(), phone: phone.trim() },
      introducedBy: introducedBy.trim(),
    });
    setBusy(false);
    if (!r.ok) {
      setDone(null);
      return setError(r.error);
    }
    setError(null);
    setDone({ customerId: r.value.customerId, text: t('co.done', { name: name.trim() }) });
    setName('');
    setPhone('');
    setIntroducedBy('');
  };

  const edited = () => {
    setError(null);
    setDone(null);
  };

  return (
    <section className="card co-card" data-testid="co-register">
      <h2>{t('co.title')}</h2>
      <p className="hint">
        <RuleText text={t('co.hint')} />
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="ref-form">
        <NamePhonePair
          name={name}
          phone={phone}
          onName={(v) => {
            setName(v);
            edited();
          }}
          onPhone={(v) => {
            setPhone(v);
            edited();
          }}
          labels={[t('co.name'), t('co.phone')]}
          testId="co"
        />
        <div className="ref-form-inline">
          <label className="field">
            <span>{t('co.introducedBy')}</span>
            <input
              value={introducedBy}
              onChange={(e) => {
                setIntroducedBy(e.target.value);
                edited();
              }}
              autoComplete="off"
              maxLength={100}
              data-testid="co-introduced-by"
            />
          </label>
          <button type="submit" className="primary" disabled={busy} data-testid="co-submit">
            {t('co.submit')}
          </button>
        </div>
      </form>
      <div ref={answer}>
        {error &&
          (error.code === 'conflict' ? (
            <div className="co-refused" role="alert" data-testid="co-error" data-code={error.code}>
              <strong>{t('co.refused')}</strong>
              <span>
                <RuleText text={`${errorText(error)}${t('common.paren', { text: 'R-CO-1' })}`} />
              </span>
            </div>
          ) : (
            <p className="error" role="alert" data-testid="co-error" data-code={error.code}>
              {errorText(error)}
            </p>
          ))}
        {done && (
          <p className="ref-done" role="status" data-testid="co-done">
            <span>{done.text}</span>
            <a href={customerHref(done.customerId)}>{t('reg.done.open')} →</a>
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * The printable form, two copies on one A4 page, in an overlay attached to <body>. While it is open the
 * body carries .referral-printing, so the print stylesheet hides the whole app and prints only the sheet.
 */
function PrintPreview({ row, staff, t, onClose }: { row: ReferralRow; staff: readonly StaffMember[]; t: Translate; onClose(): void }) {
  const printButton = useRef<HTMLButtonElement>(null);
  const referrer = staff.find((s) => s.id === row.referrer_id);
  const referrerRoles = referrer ? referrer.roles.map((r) => t(`role.${r}`)).join(t('common.listSep')) : '';

  // Who registered it: referral.list does not say; the customer's timeline does (its referral entry, same
  // time). The list masks the number (R-SEC-1); the customer page gives it in full to those who keep the form.
  // Read once for the sheet (each read of the record is an audit row).
  const got = useApi('customer.get', { customer: row.customer_id });
  const error = got.error ? errorText(got.error) : null;
  const registered = useMemo(() => {
    if (got.data) {
      const history = got.data.history;
      const entry = history.find((e) => e.kind === 'referral' && e.at === row.at) ?? history.find((e) => e.kind === 'referral');
      return { by: entry?.byName ?? '', at: row.at, phone: got.data.customer.phone };
    }
    return got.error ? { by: '', at: row.at, phone: row.phone } : null;
  }, [got.data, got.error, row.at, row.phone]);

  useEffect(() => {
    document.body.classList.add('referral-printing');
    return () => document.body.classList.remove('referral-printing');
  }, []);

  // Esc closes wherever the focus is (printing may leave it on <body>).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  useEffect(() => {
    if (registered) printButton.current?.focus();
  }, [registered]);

  const copy = (n: 1 | 2) => (
    <section className="print-copy" data-testid="print-copy" data-copy={n}>
      <header className="print-copy-head">
        <h2 className="print-title">{t('ref.print.title')}</h2>
        <span className="print-copy-label" data-testid="print-copy-label">
          {t(n === 1 ? 'ref.print.copy1' : 'ref.print.copy2')}
        </span>
      </header>
      <table className="print-fields">
        <tbody>
          <tr>
            <th>{t('ref.print.number')}</th>
            <td data-testid="print-number">{row.id}</td>
            <th>{t('ref.print.appointment')}</th>
            <td data-testid="print-appointment">{formatDay(row.appointment)}</td>
          </tr>
          <tr>
            <th>{t('ref.print.referrer')}</th>
            <td data-testid="print-referrer">
              {row.referrerName}
              {referrerRoles && <span className="print-sub">{t('common.paren', { text: referrerRoles })}</span>}
            </td>
            <th>{t('ref.print.registeredBy')}</th>
            <td data-testid="print-registered-by">{registered?.by ?? ''}</td>
          </tr>
          <tr>
            <th>{t('ref.print.customer')}</th>
            <td data-testid="print-customer">{row.customerName}</td>
            <th>{t('ref.print.registeredAt')}</th>
            <td data-testid="print-registered-at">{formatWhen(row.at)}</td>
          </tr>
          <tr>
            <th>{t('ref.print.phone')}</th>
            <td data-testid="print-phone" colSpan={3}>
              {registered?.phone ?? row.phone}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="print-note">{t('ref.print.note')}</p>
      <div className="print-signs">
        <span className="print-sign">
          {t('ref.print.signReferrer')}
          {t('common.colon')}
          <span className="print-line" />
        </span>
        <span className="print-sign" data-testid="print-sign-pm">
          {t('ref.print.signPm')}
          {t('common.colon')}
          <span className="print-line" />
        </span>
        <span className="print-sign">
          {t('ref.print.date')}
          {t('common.colon')}
          <span className="print-line short" />
        </span>
      </div>
    </section>
  );

  return createPortal(
    <div className="print-overlay" role="dialog" aria-modal="true" aria-label={t('ref.print.preview')} data-testid="referral-print">
      <div className="print-toolbar">
        <strong>{t('ref.print.preview')}</strong>
        <span className="muted small">{t('ref.print.keys')}</span>
        <button
          type="button"
          className="primary"
          ref={printButton}
          disabled={!registered}
          onClick={() => window.print()}
          data-testid="print-now"
        >
          {registered ? t('ref.print.now') : t('ref.print.loading')}
        </button>
        <button type="button" onClick={onClose} data-testid="print-close">
          {t('ref.print.close')}
        </button>
        {error && <span className="error small">{error}</span>}
      </div>
      <div className="print-sheet" data-testid="print-sheet">
        {copy(1)}
        <div className="print-cut" aria-hidden="true">
          <span>✂ {t('ref.print.cut')}</span>
        </div>
        {copy(2)}
      </div>
    </div>,
    document.body,
  );
}
