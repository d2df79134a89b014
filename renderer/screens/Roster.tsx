/**
 * Today's roster: the queue in order with each consultant's state, who is next and who staffs the desk at
 * lunch. A manager starts the day (click consultants in order) and changes the queue: status, disqualify,
 * priority, to the back, swap two, move to position N, add a consultant mid-day, remove one (R-ROS-2..5).
 * Every change asks for confirmation in place, with a reason (required for every change of the order,
 * even where the server would take none: the log is what settles a dispute), and the server's answer is
 * shown. Approving an errand that keeps the place (R-ROS-4) is offered to a project manager only.
 *
 * Time travel (R-ROS-13): a manager picks a time of today and sees the queue as it stood then, read-only,
 * from roster.at; "back to now" returns to the live board. The lobby display board opens from here.
 */
import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import type { Actor, ConsultantStatus, QueueEntry, RosterView, StaffMember } from '../api/types';
import { InlineDialog } from '../components/InlineDialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatDay, formatTime, type Translate, useT } from '../i18n';
import { can, ERRAND_APPROVERS, holds } from '../../src/api/spec';
import { useRoster } from '../stores/roster';
import { useSession } from '../stores/session';
import { errorText } from '../i18n/reasons';
import { TimeField } from '../components/DateField';

const STATUSES: readonly ConsultantStatus[] = ['present', 'absent', 'away', 'lunch', 'off'];
/** what a consultant may set for themselves (the server says so too, and refuses anything else) */
const OWN_STATUSES: readonly ConsultantStatus[] = ['present', 'lunch'];

type EntryAction = 'awayApproved' | 'disqualify' | 'priority' | 'tail' | 'swap' | 'move' | 'remove';
type Pending = { kind: 'status'; entry: QueueEntry; status: ConsultantStatus } | { kind: EntryAction; entry: QueueEntry } | { kind: 'add' };

/**
 * Changes of the order: the UI insists on a reason even where the API would accept none. (Approving an
 * errand, disqualifying and removing need one at the server too, which refuses in its own words.)
 */
const UI_REQUIRES_REASON: readonly Pending['kind'][] = ['priority', 'tail', 'swap', 'move', 'add'];

export function Roster() {
  const t = useT();
  const { view, loaded, loadError } = useRoster();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const manager = can(me, 'roster.start');

  return (
    <main className="roster-screen" data-testid="roster">
      <div className="screen-title">
        <h1>{t('roster.title')}</h1>
        {view && <span className="muted">{formatDay(view.day)}</span>}
        <LobbyLink t={t} />
      </div>
      {loadError && (
        <p className="error" role="alert" data-testid="roster-error">
          {loadError}
        </p>
      )}
      {/* a refused or failed read says so above; it is never "the roster has not started" */}
      {!loaded || (loadError && !view) ? null : view ? (
        <RosterBoard view={view} me={me} manager={manager} staff={staff} t={t} />
      ) : manager ? (
        <StartRoster staff={staff} t={t} />
      ) : (
        <section className="card" data-testid="roster-not-started">
          <p className="lead">{t('roster.notStarted')}</p>
          <p className="muted">{t('roster.askManager')}</p>
        </section>
      )}
    </main>
  );
}

function StartRoster({ staff, t }: { staff: readonly StaffMember[]; t: Translate }) {
  const start = useRoster((s) => s.start);
  const [order, setOrder] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const consultants = staff.filter((s) => s.roles.includes('consultant'));
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name ?? id;
  const toggle = (id: string) => setOrder((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));

  const submit = async () => {
    setBusy(true);
    const r = await start(order);
    setBusy(false);
    setError(r.ok ? null : errorText(r.error));
  };

  return (
    <section className="card start-roster" data-testid="roster-start">
      <h2>{t('roster.start.title')}</h2>
      <p className="hint">{t('roster.start.hint')}</p>
      {consultants.length === 0 ? (
        <p className="muted">{t('roster.start.noConsultants')}</p>
      ) : (
        <div className="start-columns">
          <div>
            <h3>{t('roster.start.available')}</h3>
            <div className="chip-list">
              {consultants.map((c) => {
                const pos = order.indexOf(c.id);
                return (
                  <button
                    key={c.id}
                    type="button"
                    className={`chip${pos >= 0 ? ' chosen' : ''}`}
                    aria-pressed={pos >= 0}
                    onClick={() => toggle(c.id)}
                    data-testid={`pick-${c.id}`}
                  >
                    {pos >= 0 && <span className="chip-pos">{pos + 1}</span>}
                    {c.name}
                  </button>
                );
              })}
            </div>
          </div>
          <div>
            <h3>{t('roster.start.order')}</h3>
            {order.length === 0 ? (
              <p className="muted">{t('roster.start.emptyOrder')}</p>
            ) : (
              <ol className="start-order" data-testid="start-order">
                {order.map((id) => (
                  <li key={id} data-consultant={id}>
                    {nameOf(id)}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
      <div className="row-buttons">
        <button type="button" className="primary big" onClick={() => void submit()} disabled={busy} data-testid="roster-start-submit">
          {t('roster.start.submit')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="roster-start-error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * The lobby display board: in a browser, a plain link to #/lobby in a new tab (drag it to the TV); the
 * desktop app opens popups nowhere, so there the main process opens it as its own window on F11.
 */
function LobbyLink({ t }: { t: Translate }) {
  if (api.transport === 'ipc') {
    return (
      <span className="lobby-link muted small" data-testid="lobby-hint">
        {t('roster.lobby.desktop')}
      </span>
    );
  }
  return (
    <a className="lobby-link" href="#/lobby" target="_blank" rel="noopener" title={t('roster.lobby.openHint')} data-testid="open-lobby">
      {t('roster.lobby.open')} ↗
    </a>
  );
}

/** What a past moment looked like (R-ROS-13): the time chosen and roster.at's answer. */
interface PastView {
  time: string;
  view: RosterView | null;
}

/** The moment a manager asked to see: the time as typed and the instant it stands for. */
interface PastAsked {
  time: string;
  at: string;
}

function RosterBoard({
  view,
  me,
  manager,
  staff,
  t,
}: {
  view: RosterView;
  me: Actor | null;
  manager: boolean;
  staff: readonly StaffMember[];
  t: Translate;
}) {
  const store = useRoster();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** the dialog's extra field: whom to swap with, the position to move to, or whom to add */
  const [choice, setChoice] = useState('');
  const [asked, setAsked] = useState<PastAsked | null>(null);
  // The queue at a past moment is a read like any other (useApi): a past does not change, so no areas.
  const pastRead = useApi('roster.at', { at: asked?.at ?? '' }, { enabled: asked !== null });
  const past: PastView | null = asked && !pastRead.error && pastRead.data !== undefined ? { time: asked.time, view: pastRead.data } : null;
  const pastError = asked && pastRead.error ? errorText(pastRead.error) : null;
  const pm = holds(me, ERRAND_APPROVERS);

  const ask = (p: Pending) => {
    setError(null);
    setChoice('');
    setPending(p);
  };
  const pick = (value: string) => {
    setChoice(value);
    setError(null);
  };

  /** Checks what the server would not (or would only in less helpful words); null when fine. */
  const refuse = (p: Pending, reason: string): string | null => {
    if (p.kind === 'swap' && !view.queue.some((q) => q.id === choice && q.id !== p.entry.id)) return t('dialog.needPartner');
    if (p.kind === 'move') {
      const n = Number(choice);
      if (!Number.isInteger(n) || n < 1 || n > view.queue.length) return t('dialog.needPosition', { max: view.queue.length });
    }
    if (p.kind === 'add' && !choice) return t('dialog.needConsultant');
    if (UI_REQUIRES_REASON.includes(p.kind) && !reason) return t('dialog.needReason');
    return null;
  };

  const confirm = async (p: Pending, reason: string) => {
    const refusal = refuse(p, reason);
    if (refusal) return setError(refusal);
    const why = reason || undefined;
    setBusy(true);
    const r = await (() => {
      switch (p.kind) {
        case 'add':
          return store.add({ consultant: choice, reason: why });
        case 'status':
          return store.status({ consultant: p.entry.id, status: p.status, reason: why });
        case 'awayApproved':
          return store.status({ consultant: p.entry.id, status: 'away', approvedBy: me?.id, reason: why });
        case 'disqualify':
          return store.disqualify({ consultant: p.entry.id, reason });
        case 'priority':
          return store.priority({ consultant: p.entry.id, reason: why });
        case 'tail':
          return store.move({ consultant: p.entry.id, to: 'tail', reason: why });
        case 'move':
          return store.move({ consultant: p.entry.id, to: Number(choice), reason: why });
        case 'swap':
          return store.swap({ a: p.entry.id, b: choice, reason: why });
        case 'remove':
          return store.remove({ consultant: p.entry.id, reason });
      }
    })();
    setBusy(false);
    if (r.ok) setPending(null);
    else setError(errorText(r.error));
  };

  const question = (p: Pending) => {
    if (p.kind === 'add') return t('dialog.add');
    const name = p.entry.name;
    switch (p.kind) {
      case 'status':
        return t('dialog.status', { name, status: t(`status.${p.status}`) });
      case 'awayApproved':
        return t('dialog.awayApproved', { name });
      case 'disqualify':
        return t('dialog.disqualify', { name });
      case 'priority':
        return t('dialog.priority', { name });
      case 'tail':
        return t('dialog.tail', { name });
      case 'swap':
        return t('dialog.swap', { name });
      case 'move':
        return t('dialog.move', { name });
      case 'remove':
        return t('dialog.remove', { name });
    }
  };

  const onRoster = new Set(view.queue.map((q) => q.id));
  const addable = staff.filter((s) => s.roles.includes('consultant') && !onRoster.has(s.id));

  const dialog = (p: Pending) => (
    <InlineDialog
      key={p.kind === 'status' ? `status-${p.status}` : p.kind}
      question={question(p)}
      reason={p.kind === 'status' ? 'optional' : 'required'}
      reasonLabel={p.kind === 'awayApproved' ? t('dialog.workPlan') : undefined}
      error={error}
      busy={busy}
      onConfirm={(reason) => void confirm(p, reason)}
      onCancel={() => setPending(null)}
      onEdit={() => setError(null)}
    >
      {p.kind === 'swap' && (
        <label className="inline-dialog-field">
          <span>{t('dialog.swapWith')}</span>
          <select value={choice} onChange={(e) => pick(e.target.value)} data-testid="dialog-swap-with">
            <option value="">{t('dialog.choose')}</option>
            {view.queue
              .filter((q) => q.id !== p.entry.id)
              .map((q) => (
                <option key={q.id} value={q.id}>
                  {view.queue.indexOf(q) + 1}. {q.name}
                </option>
              ))}
          </select>
        </label>
      )}
      {p.kind === 'move' && (
        <label className="inline-dialog-field">
          <span>{t('dialog.position')}</span>
          <input
            type="number"
            min={1}
            max={view.queue.length}
            step={1}
            value={choice}
            onChange={(e) => pick(e.target.value)}
            className="position-input"
            data-testid="dialog-position"
          />
        </label>
      )}
      {p.kind === 'add' && (
        <label className="inline-dialog-field">
          <span>{t('dialog.addWho')}</span>
          <select value={choice} onChange={(e) => pick(e.target.value)} data-testid="dialog-add-who">
            <option value="">{t('dialog.choose')}</option>
            {addable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </InlineDialog>
  );

  const shown = past ? past.view : view;

  return (
    <section className="card roster-board">
      <div className="roster-toolbar">
        {past ? <span /> : <Summary view={view} t={t} />}
        {/* remounted on every switch, so "back to now" also clears the field and any refusal */}
        {manager && (
          <TimeTravel
            key={past?.time ?? 'now'}
            day={view.day}
            past={past}
            busy={asked !== null && pastRead.loading}
            readError={pastError}
            onAsk={setAsked}
            onEdit={() => pastError && setAsked(null)}
            t={t}
          />
        )}
      </div>

      {past && (
        <div className="history-banner" role="status" data-testid="history-banner">
          <span>{t('roster.history.banner', { time: past.time })}</span>
          <button type="button" className="primary" onClick={() => setAsked(null)} data-testid="history-back">
            {t('roster.history.back')}
          </button>
        </div>
      )}
      {past?.view && <Summary view={past.view} t={t} />}

      {past && !past.view ? (
        <p className="lead muted history-empty" data-testid="history-not-started">
          {t('roster.history.notStarted', { time: past.time })}
        </p>
      ) : (
        <div
          className={`roster-table${past ? ' read-only' : ''}`}
          role="table"
          aria-label={t('roster.title')}
          data-testid="roster-table"
          data-mode={past ? 'history' : 'live'}
        >
          <div className="roster-row head" role="row">
            <span role="columnheader">{t('roster.col.pos')}</span>
            <span role="columnheader">{t('roster.col.name')}</span>
            <span role="columnheader">{manager && !past ? t('roster.col.actions') : ''}</span>
          </div>
          {(shown ?? view).queue.map((q, i) => {
            const current = shown ?? view;
            const statuses = past ? [] : manager ? STATUSES : me?.id === q.id ? OWN_STATUSES : [];
            const open = !past && pending && pending.kind !== 'add' && pending.entry.id === q.id ? pending : null;
            return (
              <div
                key={q.id}
                className={`roster-entry${q.id === current.next ? ' next' : ''}`}
                data-testid="roster-row"
                data-consultant={q.id}
              >
                <div className="roster-row" role="row">
                  <span className="roster-pos" role="cell">
                    {i + 1}
                  </span>
                  <span className="roster-who" role="cell">
                    <span className="roster-name">
                      {q.name}
                      {q.id === current.next && <span className="badge next-badge">{t('roster.next')}</span>}
                      {current.lunchDesk.includes(q.id) && <span className="badge lunch-badge">{t('roster.lunchDesk')}</span>}
                    </span>
                    <StatusBadge entry={q} />
                  </span>
                  <span className="roster-actions" role="cell">
                    {statuses.length > 0 && (
                      <span className="segmented" role="group" aria-label={t('roster.statusLabel')}>
                        {statuses.map((s) => (
                          <button
                            key={s}
                            type="button"
                            aria-pressed={q.status === s}
                            className={q.status === s ? 'on' : ''}
                            disabled={q.status === s && !(s === 'away' && q.awayApproved)}
                            onClick={() => ask({ kind: 'status', entry: q, status: s })}
                            data-testid={`status-${s}`}
                          >
                            {t(`status.${s}`)}
                          </button>
                        ))}
                      </span>
                    )}
                    {manager && !past && (
                      <span className="order-actions" role="group" aria-label={t('roster.col.actions')}>
                        {pm && (
                          <button
                            type="button"
                            className="approve"
                            onClick={() => ask({ kind: 'awayApproved', entry: q })}
                            data-testid="action-away-approved"
                          >
                            {t('roster.action.awayApproved')}
                          </button>
                        )}
                        <button type="button" onClick={() => ask({ kind: 'disqualify', entry: q })} data-testid="action-disqualify">
                          {t('roster.action.disqualify')}
                        </button>
                        <button type="button" onClick={() => ask({ kind: 'priority', entry: q })} data-testid="action-priority">
                          {t('roster.action.priority')}
                        </button>
                        <button type="button" onClick={() => ask({ kind: 'tail', entry: q })} data-testid="action-tail">
                          {t('roster.action.tail')}
                        </button>
                        <button type="button" onClick={() => ask({ kind: 'swap', entry: q })} data-testid="action-swap">
                          {t('roster.action.swap')}
                        </button>
                        <button type="button" onClick={() => ask({ kind: 'move', entry: q })} data-testid="action-move">
                          {t('roster.action.move')}
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => ask({ kind: 'remove', entry: q })}
                          data-testid="action-remove"
                        >
                          {t('roster.action.remove')}
                        </button>
                      </span>
                    )}
                  </span>
                </div>
                {open && dialog(open)}
              </div>
            );
          })}
        </div>
      )}

      {!past && manager && (
        <div className="roster-add" data-testid="roster-add">
          {pending?.kind === 'add' ? (
            dialog(pending)
          ) : addable.length > 0 ? (
            <button type="button" onClick={() => ask({ kind: 'add' })} data-testid="action-add">
              + {t('roster.add.button')}
            </button>
          ) : (
            <p className="muted small">{t('roster.add.none')}</p>
          )}
        </div>
      )}

      {!past && view.waiting.length > 0 && (
        <div className="roster-waiting" data-testid="roster-waiting">
          <h3>{t('queue.waiting', { count: String(view.waiting.length) })}</h3>
          <ol>
            {view.waiting.map((w) => (
              <li key={w.waitId} data-wait={w.waitId}>
                {t('roster.waitingItem', { name: w.name, time: formatTime(w.since) })}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function Summary({ view, t }: { view: RosterView; t: Translate }) {
  const nameOf = (id: string) => view.queue.find((q) => q.id === id)?.name ?? id;
  return (
    <div className="roster-summary">
      <span>
        {t('roster.next')}
        {t('common.colon')}
        <strong data-testid="roster-next">{view.next ? nameOf(view.next) : t('queue.nobodyFree')}</strong>
      </span>
      {view.lunchDesk.length > 0 && (
        <span>
          {t('roster.lunchDesk')}
          {t('common.colon')}
          <strong data-testid="roster-lunch-desk">{view.lunchDesk.map(nameOf).join(t('common.listSep'))}</strong>
        </span>
      )}
    </div>
  );
}

/** A time of today (the roster's office day, in this machine's time zone) → the moment whose queue RosterBoard reads (roster.at). */
function TimeTravel({
  day,
  past,
  busy,
  readError,
  onAsk,
  onEdit,
  t,
}: {
  day: string;
  past: PastView | null;
  busy: boolean;
  readError: string | null;
  onAsk(p: PastAsked): void;
  onEdit(): void;
  t: Translate;
}) {
  const [time, setTime] = useState(past?.time ?? '');
  const [checkError, setError] = useState<string | null>(null);
  const error = checkError ?? readError;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!/^\d{2}:\d{2}$/.test(time)) return setError(t('roster.history.needTime'));
    const at = new Date(`${day}T${time}:00`);
    if (Number.isNaN(at.getTime())) return setError(t('roster.history.needTime'));
    if (at.getTime() > Date.now()) return setError(t('roster.history.future'));
    setError(null);
    onAsk({ time, at: at.toISOString() });
  };

  return (
    <form className="time-travel" onSubmit={submit} noValidate data-testid="time-travel">
      <label>
        <span>{t('roster.history.label')}</span>
        <TimeField
          value={time}
          onChange={(v) => {
            setTime(v);
            setError(null);
            onEdit();
          }}
          testId="history-time"
        />
      </label>
      <button type="submit" disabled={busy} data-testid="history-show">
        {t('roster.history.show')}
      </button>
      {error && (
        <p className="error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
    </form>
  );
}
