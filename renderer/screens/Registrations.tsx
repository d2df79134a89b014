/**
 * The project manager's daily registrations (R-OWN-3): every registration of a day with its status and the
 * server's flags (conflicts, possible old customers), keyboard first — ↑↓ select, Enter/Y confirm, R reject
 * (reason required), C correct (a new record, R-OWN-4), I identify a flagged possible match as the same
 * customer (R-OWN-8), H record a married couple (R-OWN-10), O open the customer page, ←→ change the day.
 * Beside it, the customers whose protection ends within 7 days (registration.expiring).
 *
 * registration.day gives each flag as facts (src/domain/registration-flags.ts): a conflict names the owner and
 * the protection's days, a possible match the customer record, its (masked) number, why and its owner. They are
 * worded here; the identify dialog offers the flagged records themselves.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import type { CustomerHit, ExpiringProtection, RegistrationRow, StaffMember } from '../api/types';
import { CustomerOption } from '../components/CustomerOption';
import { DateField } from '../components/DateField';
import { InlineDialog } from '../components/InlineDialog';
import { RuleText } from '../components/RuleText';
import { formatDay, formatTime, joinList, receptionLabel, type Translate, useT } from '../i18n';
import { matchWhyText } from '../components/MatchWhyText';
import { daysBetween, shiftDay, today } from '../lib/days';
import { formatBps } from '../lib/money';
import { customerHref } from '../lib/route';
import { useDebounced } from '../lib/useDebounced';
import { staffName, useSession } from '../stores/session';
import '../styles/registrations.css';
import { errorText } from '../i18n/reasons';

type DialogKind = 'reject' | 'correct' | 'identify' | 'household';
type Flag = RegistrationRow['flags'][number];
type MatchFlag = Extract<Flag, { kind: 'possible_match' }>;

/** The outcome of an action, shown under the row it concerns. */
interface Feedback {
  visit: number;
  ok: boolean;
  /** confirmed or rejected: the selection moves on */
  decided?: boolean;
  text: string;
  note?: string;
  customerId?: number;
}

const matchesOf = (row: RegistrationRow): MatchFlag[] => row.flags.filter((f): f is MatchFlag => f.kind === 'possible_match');

/** A flag in words, from its facts. */
function flagText(t: Translate, f: Flag): string {
  if (f.kind === 'conflict')
    return t('reg.flag.conflictText', { owner: f.ownerName, since: formatDay(f.sinceDay), until: formatDay(f.untilDay) });
  const owner = f.ownerName ? t('reg.flag.matchOwner', { owner: f.ownerName }) : '';
  return t('reg.flag.matchText', { name: f.name, phone: f.phone, why: matchWhyText(t, f.why, f.name), owner });
}

export function Registrations() {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const [day, setDay] = useState(today);
  const [selected, setSelected] = useState<number | null>(null);
  const [dialog, setDialog] = useState<{ kind: DialogKind; visit: number } | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  // The day's registrations and the protections ending soon: re-read when this or another terminal changes them.
  const dayRead = useApi('registration.day', { day }, { areas: ['registrations', 'customers', 'deals'] });
  const expiringRead = useApi('registration.expiring', {}, { areas: ['registrations', 'customers'] });
  const rows: RegistrationRow[] | null = dayRead.error ? [] : (dayRead.data ?? null);
  const loadError = dayRead.error ? errorText(dayRead.error) : null;
  const expiring: ExpiringProtection[] | null = expiringRead.data ?? null;
  const expiringError = expiringRead.error ? errorText(expiringRead.error) : null;

  // A new day starts clean.
  useEffect(() => {
    setSelected(null);
    setFeedback(null);
    setDialog(null);
  }, [day]);

  // The selection stays on its row while that row is listed, else the first one waiting for the PM.
  useEffect(() => {
    if (!rows) return;
    if (selected !== null && rows.some((x) => x.visit_id === selected)) return;
    setSelected((rows.find((x) => x.status === 'pending') ?? rows[0])?.visit_id ?? null);
  }, [rows, selected]);

  // Keyboard first: the list has the focus whenever no dialog does.
  useEffect(() => {
    if (!dialog) list.current?.focus();
  }, [dialog]);

  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[data-testid="reg-row"][aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const index = rows ? rows.findIndex((r) => r.visit_id === selected) : -1;
  const current = rows && index >= 0 ? rows[index]! : null;

  /** The next registration still waiting for the PM after this one (else this one). */
  const nextPendingAfter = (visit: number): number => {
    const i = rows ? rows.findIndex((x) => x.visit_id === visit) : -1;
    return (i >= 0 ? rows!.slice(i + 1).find((x) => x.status === 'pending') : undefined)?.visit_id ?? visit;
  };

  /**
   * After an action: the answer under the row, a fresh list, and after a decision (confirmed or rejected) the
   * selection moves on to the next registration still waiting, as the keyboard flow expects.
   */
  const done = (f: Feedback) => {
    setDialog(null);
    setFeedback(f);
    if (f.ok) {
      if (f.decided) setSelected(nextPendingAfter(f.visit));
      dayRead.reload();
      expiringRead.reload();
    }
  };

  const confirm = async (row: RegistrationRow) => {
    if (busy) return;
    setBusy(true);
    const r = await api.call('registration.confirm', { visit: row.visit_id });
    setBusy(false);
    if (!r.ok) return setFeedback({ visit: row.visit_id, ok: false, text: errorText(r.error) });
    done({ visit: row.visit_id, ok: true, decided: true, text: t('reg.done.confirmed', { name: row.customerName }) });
  };

  const open = (kind: DialogKind, row: RegistrationRow) => {
    setSelected(row.visit_id);
    setFeedback(null);
    setDialog({ kind, visit: row.visit_id });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const move = (to: number) => {
      if (!rows || rows.length === 0) return;
      const i = Math.max(0, Math.min(rows.length - 1, to));
      setSelected(rows[i]!.visit_id);
      setFeedback(null);
    };
    const handled = (() => {
      switch (key) {
        case 'ArrowDown':
          return (move(index + 1), true);
        case 'ArrowUp':
          return (move(index - 1), true);
        case 'Home':
          return (move(0), true);
        case 'End':
          return (move((rows?.length ?? 1) - 1), true);
        case 'ArrowLeft':
          return (setDay((d) => shiftDay(d, -1)), true);
        case 'ArrowRight':
          return (setDay((d) => shiftDay(d, 1)), true);
      }
      if (!current) return false;
      switch (key) {
        case 'Enter':
        case 'y':
          return (void confirm(current), true);
        case 'r':
          return (open('reject', current), true);
        case 'c':
          return (open('correct', current), true);
        case 'i':
          return matchesOf(current).length ? (open('identify', current), true) : false;
        case 'h':
          return (open('household', current), true);
        case 'o':
          return ((location.hash = customerHref(current.customer_id)), true);
      }
      return false;
    })();
    if (handled) e.preventDefault();
  };

  const pending = rows?.filter((r) => r.status === 'pending').length ?? 0;
  const flagged = rows?.filter((r) => r.flags.length > 0).length ?? 0;

  return (
    <main className="reg-screen" data-testid="registrations">
      <div className="screen-title reg-title">
        <h1>{t('reg.title')}</h1>
        <a href={`#/register-sheet?date=${day}`} className="quiet reg-sheet-link" data-testid="reg-sheet-link">
          {t('sheet.link')}
        </a>
        <div className="reg-day-picker">
          <button
            type="button"
            className="quiet"
            onClick={() => setDay((d) => shiftDay(d, -1))}
            aria-label={t('reg.prevDay')}
            data-testid="reg-prev-day"
          >
            ←
          </button>
          <label>
            <span className="sr-only">{t('reg.day')}</span>
            <DateField
              value={day}
              onChange={(d) => {
                if (d) setDay(d);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  list.current?.focus();
                }
              }}
              testId="reg-day"
            />
          </label>
          <button
            type="button"
            className="quiet"
            onClick={() => setDay((d) => shiftDay(d, 1))}
            aria-label={t('reg.nextDay')}
            data-testid="reg-next-day"
          >
            →
          </button>
          {day !== today() && (
            <button type="button" onClick={() => setDay(today())} data-testid="reg-today">
              {t('reg.today')}
            </button>
          )}
        </div>
        <span className="muted reg-day-label">{formatDay(day)}</span>
        {rows && rows.length > 0 && (
          <span className="reg-counts" data-testid="reg-counts">
            {t('reg.counts', { total: rows.length, pending, flagged })}
          </span>
        )}
      </div>

      <div className="reg-layout">
        <section className="card reg-card">
          <div className="reg-head" aria-hidden="true">
            <span>{t('reg.col.time')}</span>
            <span>{t('reg.col.customer')}</span>
            <span>{t('reg.col.phone')}</span>
            <span>{t('reg.col.consultant')}</span>
            <span>{t('reg.col.reception')}</span>
            <span>{t('reg.col.status')}</span>
          </div>
          <div
            className="reg-list"
            ref={list}
            tabIndex={0}
            onKeyDown={onKeyDown}
            aria-label={t('reg.title')}
            data-testid="reg-list"
            data-day={day}
            data-loaded={rows ? 'true' : 'false'}
          >
            {loadError && (
              <p className="error" role="alert" data-testid="reg-error">
                {loadError}
              </p>
            )}
            {!rows ? (
              <p className="muted reg-empty">{t('reg.loading')}</p>
            ) : rows.length === 0 && !loadError ? (
              <p className="muted reg-empty" data-testid="reg-empty">
                {t('reg.empty')}
              </p>
            ) : (
              rows.map((row) => (
                <Row
                  key={row.visit_id}
                  row={row}
                  selected={row.visit_id === selected}
                  staff={staff}
                  t={t}
                  busy={busy}
                  dialog={dialog?.visit === row.visit_id ? dialog.kind : null}
                  feedback={feedback?.visit === row.visit_id ? feedback : null}
                  onSelect={() => {
                    setSelected(row.visit_id);
                    if (feedback?.visit !== row.visit_id) setFeedback(null);
                    if (!dialog) list.current?.focus();
                  }}
                  onConfirm={() => void confirm(row)}
                  onOpen={(kind) => open(kind, row)}
                  onCancel={() => setDialog(null)}
                  onDone={done}
                />
              ))
            )}
          </div>
          <p className="hint reg-keys">{t('reg.keys')}</p>
        </section>

        <aside>
          <ExpiringList items={expiring} error={expiringError} staff={staff} t={t} />
        </aside>
      </div>
    </main>
  );
}

interface RowProps {
  row: RegistrationRow;
  selected: boolean;
  staff: readonly StaffMember[];
  t: Translate;
  busy: boolean;
  dialog: DialogKind | null;
  feedback: Feedback | null;
  onSelect(): void;
  onConfirm(): void;
  onOpen(kind: DialogKind): void;
  onCancel(): void;
  onDone(f: Feedback): void;
}

function Row({ row, selected, staff, t, busy, dialog, feedback, onSelect, onConfirm, onOpen, onCancel, onDone }: RowProps) {
  const consultant = staffName(staff, row.consultant_id);
  const hasMatch = matchesOf(row).length > 0;
  return (
    <div
      className={`reg-row status-${row.status}${selected ? ' selected' : ''}${row.flags.length ? ' flagged' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('button, a, input, select, form')) onSelect();
      }}
      data-testid="reg-row"
      data-visit={row.visit_id}
      data-customer={row.customer_id}
      data-status={row.status}
      data-flagged={row.flags.length > 0 ? 'true' : 'false'}
    >
      <div className="reg-cells">
        <span className="reg-time">{formatTime(row.registered_at)}</span>
        <span className="reg-customer">
          <a href={customerHref(row.customer_id)} tabIndex={-1} data-testid="reg-customer-link">
            {row.customerName}
          </a>
        </span>
        <span className="reg-phone">{row.phone}</span>
        <span className="reg-consultant" data-testid="reg-consultant" data-staff={row.consultant_id}>
          {consultant}
          {row.receivedBy !== row.consultant_id && (
            <span className="muted small"> · {t('reg.receivedBy', { name: staffName(staff, row.receivedBy) })}</span>
          )}
        </span>
        <span className="reg-reception">{receptionLabel(t, row.reception)}</span>
        <span>
          <span className={`badge reg-status reg-status-${row.status}`} data-testid="reg-status">
            {t(`reg.status.${row.status}`)}
          </span>
        </span>
      </div>

      {row.flags.length > 0 && (
        <ul className="reg-flags">
          {row.flags.map((f, i) => {
            const look = f.kind === 'conflict' ? 'conflict' : 'match';
            return (
              <li key={i} className={`reg-flag reg-flag-${look}`} data-testid="reg-flag" data-kind={look} data-rule={f.rule}>
                <span className="reg-flag-label">{t(`reg.flag.${look}`)}</span>
                <span className="reg-flag-text">
                  <RuleText text={flagText(t, f)} />
                </span>
              </li>
            );
          })}
        </ul>
      )}

      {row.identified && <IdentifiedLine identified={row.identified} status={row.status} t={t} />}

      {(selected || hasMatch) && !dialog && (
        <div className="reg-actions">
          {selected && (
            <>
              <button
                type="button"
                className="primary"
                onClick={onConfirm}
                disabled={busy || row.status !== 'pending'}
                data-testid="reg-confirm"
              >
                {t('reg.action.confirm')} <kbd>Enter</kbd>
              </button>
              <button type="button" onClick={() => onOpen('reject')} disabled={row.status !== 'pending'} data-testid="reg-reject">
                {t('reg.action.reject')} <kbd>R</kbd>
              </button>
              <button type="button" onClick={() => onOpen('correct')} disabled={row.status === 'rejected'} data-testid="reg-correct">
                {t('reg.action.correct')} <kbd>C</kbd>
              </button>
            </>
          )}
          {hasMatch && (
            <button type="button" className="reg-identify-button" onClick={() => onOpen('identify')} data-testid="reg-identify">
              {t('reg.action.identify')} <kbd>I</kbd>
            </button>
          )}
          {selected && (
            <>
              <button type="button" onClick={() => onOpen('household')} data-testid="reg-household">
                {t('reg.action.household')} <kbd>H</kbd>
              </button>
              <a className="reg-open-customer" href={customerHref(row.customer_id)} data-testid="reg-open-customer">
                {t('reg.action.customer')} <kbd>O</kbd>
              </a>
            </>
          )}
        </div>
      )}

      {dialog === 'reject' && <RejectDialog row={row} t={t} onCancel={onCancel} onDone={onDone} />}
      {dialog === 'correct' && <CorrectDialog row={row} staff={staff} t={t} onCancel={onCancel} onDone={onDone} />}
      {dialog === 'identify' && (
        <IdentifyDialog row={row} consultant={consultant} staff={staff} t={t} onCancel={onCancel} onDone={onDone} />
      )}
      {dialog === 'household' && <HouseholdDialog row={row} staff={staff} t={t} onCancel={onCancel} onDone={onDone} />}

      {feedback && (
        <div
          className={feedback.ok ? 'reg-feedback ok' : 'reg-feedback error'}
          role={feedback.ok ? 'status' : 'alert'}
          data-testid="reg-feedback"
          data-ok={feedback.ok ? 'true' : 'false'}
        >
          <span>{feedback.text}</span>
          {feedback.note && <span className="reg-feedback-note">{feedback.note}</span>}
          {feedback.customerId !== undefined && (
            <a href={customerHref(feedback.customerId)} data-testid="reg-feedback-customer">
              {t('reg.done.open')} →
            </a>
          )}
        </div>
      )}
    </div>
  );
}

type Side = NonNullable<RegistrationRow['identified']>['ifConfirmed'];
const sideText = (t: Translate, side: Side): string =>
  side.length
    ? side.map((x) => t('reg.identified.share', { name: x.name, share: formatBps(x.bps) })).join(t('common.listSep'))
    : t('reg.done.nobody');

/** After 认定同一客户: the records that are this person, and whom the person belongs to if the PM confirms or rejects. */
function IdentifiedLine({
  identified,
  status,
  t,
}: {
  identified: NonNullable<RegistrationRow['identified']>;
  status: RegistrationRow['status'];
  t: Translate;
}) {
  const records = identified.records
    .map((r) => t('reg.identify.option', { name: r.name, phone: r.phone, owner: '' }).trim())
    .join(t('common.listSep'));
  const side = (s: Side) => s.map((x) => `${x.id}:${x.bps}`).join(',');
  return (
    <p
      className="reg-identified"
      data-testid="reg-identified"
      data-if-confirmed={side(identified.ifConfirmed)}
      data-if-rejected={side(identified.ifRejected)}
    >
      <span>{t('reg.identified.line', { records })}</span>
      {status === 'pending' ? (
        <span className="reg-identified-confirm">
          {t('reg.identified.means', { confirmed: sideText(t, identified.ifConfirmed), rejected: sideText(t, identified.ifRejected) })}
        </span>
      ) : (
        <span className="reg-identified-confirm">
          {t('reg.identified.now', { side: sideText(t, status === 'confirmed' ? identified.ifConfirmed : identified.ifRejected) })}
        </span>
      )}
    </p>
  );
}

interface DialogProps {
  row: RegistrationRow;
  t: Translate;
  onCancel(): void;
  onDone(f: Feedback): void;
}

function RejectDialog({ row, t, onCancel, onDone }: DialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (reason: string) => {
    if (!reason) return setError(t('dialog.needReason'));
    setBusy(true);
    const r = await api.call('registration.reject', { visit: row.visit_id, reason });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onDone({ visit: row.visit_id, ok: true, decided: true, text: t('reg.done.rejected', { name: row.customerName }) });
  };
  return (
    <InlineDialog
      question={t('reg.reject.question', { name: row.customerName, phone: row.phone })}
      reason="required"
      error={error}
      busy={busy}
      onConfirm={(reason) => void submit(reason)}
      onCancel={onCancel}
      onEdit={() => setError(null)}
      testId="reg-dialog"
    />
  );
}

function CorrectDialog({ row, staff, t, onCancel, onDone }: DialogProps & { staff: readonly StaffMember[] }) {
  const [consultant, setConsultant] = useState(row.consultant_id);
  const [name, setName] = useState(row.customerName);
  // The list shows the number masked (R-SEC-1): a new number is typed in full, an empty field keeps it.
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const consultants = staff.filter((s) => s.roles.includes('consultant') || s.id === row.consultant_id);

  const submit = async (reason: string) => {
    const set: { consultant?: string; name?: string; phone?: string } = {};
    if (consultant !== row.consultant_id) set.consultant = consultant;
    if (name.trim() !== row.customerName) set.name = name.trim();
    if (phone.trim() && phone.trim() !== row.phone) set.phone = phone.trim();
    if (Object.keys(set).length === 0) return setError(t('reg.correct.nothing'));
    if (!reason) return setError(t('dialog.needReason'));
    setBusy(true);
    const r = await api.call('registration.correct', { visit: row.visit_id, set, reason });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onDone({ visit: row.visit_id, ok: true, text: t('reg.done.corrected', { name: set.name ?? row.customerName }) });
  };

  const edit =
    <T,>(f: (v: T) => void) =>
    (v: T) => {
      f(v);
      setError(null);
    };

  return (
    <InlineDialog
      question={t('reg.correct.question', { name: row.customerName })}
      reason="required"
      error={error}
      busy={busy}
      onConfirm={(reason) => void submit(reason)}
      onCancel={onCancel}
      onEdit={() => setError(null)}
      testId="reg-dialog"
    >
      <label className="inline-dialog-field">
        <span>{t('reg.correct.consultant')}</span>
        <select value={consultant} onChange={(e) => edit(setConsultant)(e.target.value)} data-testid="reg-correct-consultant">
          {consultants.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-dialog-field">
        <span>{t('reg.correct.name')}</span>
        <input
          value={name}
          onChange={(e) => edit(setName)(e.target.value)}
          className="reg-correct-name"
          maxLength={40}
          data-testid="reg-correct-name"
        />
      </label>
      <label className="inline-dialog-field">
        <span>{t('reg.correct.phone')}</span>
        <input
          value={phone}
          onChange={(e) => edit(setPhone)(e.target.value)}
          className="reg-correct-phone"
          inputMode="tel"
          placeholder={row.phone}
          data-testid="reg-correct-phone"
        />
      </label>
    </InlineDialog>
  );
}

function IdentifyDialog({
  row,
  consultant,
  staff,
  t,
  onCancel,
  onDone,
}: DialogProps & { consultant: string; staff: readonly StaffMember[] }) {
  const list = matchesOf(row);
  const [choice, setChoice] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = choice ?? list[0]?.customerId ?? null;

  const submit = async () => {
    if (chosen === null) return setError(t('reg.identify.needChoice'));
    setBusy(true);
    const r = await api.call('customer.identify', { customer: row.customer_id, sameAs: chosen });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    const owners = r.value.owners.map((id) => staffName(staff, id)).join(t('common.listSep')) || t('reg.done.nobody');
    onDone({
      visit: row.visit_id,
      ok: true,
      text: t('reg.done.identified', { owners }),
      ...(r.value.sameDay ? { note: t('reg.done.identifiedSameDay') } : {}),
      customerId: row.customer_id,
    });
  };

  return (
    <InlineDialog
      question={t('reg.identify.question', { name: row.customerName, phone: row.phone, consultant })}
      error={error}
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={onCancel}
      testId="reg-dialog"
    >
      {list.length === 0 ? (
        <span className="warn">{t('reg.identify.none')}</span>
      ) : (
        <label className="inline-dialog-field">
          <span>{t('reg.identify.sameAs')}</span>
          {list.length === 1 ? (
            <strong className="reg-identify-target" data-testid="reg-identify-target" data-customer={list[0]!.customerId}>
              {t('reg.identify.option', {
                name: list[0]!.name,
                phone: list[0]!.phone,
                owner: list[0]!.ownerName ? t('reg.identify.owner', { owner: list[0]!.ownerName }) : '',
              })}
            </strong>
          ) : (
            <select value={chosen ?? ''} onChange={(e) => setChoice(Number(e.target.value))} data-testid="reg-identify-choice">
              {list.map((m) => (
                <option key={m.customerId} value={m.customerId}>
                  {t('reg.identify.option', {
                    name: m.name,
                    phone: m.phone,
                    owner: m.ownerName ? t('reg.identify.owner', { owner: m.ownerName }) : '',
                  })}
                </option>
              ))}
            </select>
          )}
        </label>
      )}
    </InlineDialog>
  );
}

const SEARCH_DEBOUNCE_MS = 150;

function HouseholdDialog({ row, staff, t, onCancel, onDone }: DialogProps & { staff: readonly StaffMember[] }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<CustomerHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  // The type-ahead reads through useApi like every list here: one read per pause in typing, a reply to an
  // older query never shown. No areas: customer.search is an audited read (a consultant's probe of others'
  // numbers is logged), so it is read again only when the query changes, never on a pushed change.
  const query = useDebounced(q.trim(), SEARCH_DEBOUNCE_MS);
  const search = useApi('customer.search', { q: query }, { enabled: query !== '', resync: false });
  // the spouse is another person: not this row's customer, nor a record identified as the same person
  const hits: CustomerHit[] | null =
    query === '' || search.data === undefined
      ? null
      : search.data.filter((h) => h.id !== row.customer_id && !h.sameAs.some((x) => x.id === row.customer_id));
  const searchError = search.error ? errorText(search.error) : null;
  const shownActive = hits && hits.length ? Math.min(active, hits.length - 1) : 0;

  const pick = (h: CustomerHit) => {
    setPicked(h);
    setError(null);
  };

  const submit = async () => {
    if (!picked) return setError(t('reg.household.needChoice'));
    setBusy(true);
    const r = await api.call('customer.household', { a: row.customer_id, b: picked.id });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    const owners = r.value.owners.map((id) => staffName(staff, id)).join(t('common.listSep')) || t('reg.done.nobody');
    onDone({ visit: row.visit_id, ok: true, text: t('reg.done.household', { owners }), customerId: row.customer_id });
  };

  return (
    <InlineDialog
      question={t('reg.household.question', { name: row.customerName, phone: row.phone })}
      error={error ?? searchError}
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={onCancel}
      testId="reg-dialog"
    >
      <div className="reg-household">
        <label className="inline-dialog-field">
          <span>{t('reg.household.search')}</span>
          <input
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setActive(0);
              setPicked(null);
              setError(null);
            }}
            onKeyDown={(e) => {
              const n = hits?.length ?? 0;
              if (e.key === 'ArrowDown' && n) {
                e.preventDefault();
                setActive((shownActive + 1) % n);
              } else if (e.key === 'ArrowUp' && n) {
                e.preventDefault();
                setActive((shownActive - 1 + n) % n);
              } else if (e.key === 'Enter' && !picked && hits?.[shownActive]) {
                // the first Enter picks the highlighted customer, the second confirms
                e.preventDefault();
                pick(hits[shownActive]);
              }
            }}
            placeholder={t('reg.household.placeholder')}
            autoComplete="off"
            role="combobox"
            aria-expanded={!!hits && hits.length > 0 && !picked}
            aria-controls={listId}
            aria-activedescendant={!picked && hits?.[shownActive] ? `${listId}-${hits[shownActive].id}` : undefined}
            data-testid="reg-household-search"
            data-loaded={hits ? 'true' : 'false'}
          />
        </label>
        {picked ? (
          <span className="reg-household-picked" data-testid="reg-household-picked" data-customer={picked.id}>
            {t('reg.household.picked', { name: picked.name, phone: joinList(t, [picked.phone, ...picked.sameAs.map((x) => x.phone)]) })}
          </span>
        ) : (
          hits && (
            <ul className="reg-household-hits" id={listId} role="listbox" data-testid="reg-household-hits">
              {hits.length === 0 ? (
                <li className="muted">{t('reg.household.none')}</li>
              ) : (
                hits.map((h, i) => (
                  <CustomerOption
                    key={h.id}
                    customer={h}
                    listId={listId}
                    active={i === shownActive}
                    onActivate={() => setActive(i)}
                    onChoose={() => pick(h)}
                    testId="reg-household-hit"
                    look="customer-option"
                  />
                ))
              )}
            </ul>
          )
        )}
      </div>
    </InlineDialog>
  );
}

function ExpiringList({
  items,
  error,
  staff,
  t,
}: {
  items: ExpiringProtection[] | null;
  error: string | null;
  staff: readonly StaffMember[];
  t: Translate;
}) {
  const now = today();
  return (
    <section className="card reg-expiring" data-testid="reg-expiring">
      <h2>{t('reg.expiring.title')}</h2>
      {error ? (
        <p className="error">{error}</p>
      ) : !items ? (
        <p className="muted">{t('reg.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="reg-expiring-none">
          {t('reg.expiring.none')}
        </p>
      ) : (
        <ul className="reg-expiring-list">
          {items.map((x) => {
            const left = daysBetween(now, x.untilDay);
            return (
              <li key={x.customer.id} data-testid="reg-expiring-item" data-customer={x.customer.id}>
                <div className="reg-expiring-who">
                  <a href={customerHref(x.customer.id)}>{x.customer.name}</a>
                  <span className="muted small">{x.customer.phone}</span>
                </div>
                <div className="reg-expiring-when">
                  <span className="small">{t('reg.expiring.until', { owner: staffName(staff, x.owner), day: formatDay(x.untilDay) })}</span>
                  <span className={`badge ${left <= 2 ? 'reg-soon' : 'reg-later'}`}>
                    {left <= 0 ? t('reg.expiring.today') : t('reg.expiring.left', { days: left })}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
