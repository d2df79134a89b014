/**
 * Today's roster: the queue in order with each consultant's state, who is next and who staffs the desk at
 * lunch. A manager starts the day (click consultants in order) and changes the queue; every change asks
 * for confirmation (and a reason where the rules want one) in place, and the server's answer is shown.
 */
import { useState } from 'react';
import type { Actor, ConsultantStatus, QueueEntry, RosterView, StaffMember } from '../api/types';
import { InlineDialog } from '../components/InlineDialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatDay, type Translate, useT } from '../i18n';
import { hasAnyRole, isManager } from '../lib/roles';
import { useRoster } from '../stores/roster';
import { useSession } from '../stores/session';

const STATUSES: readonly ConsultantStatus[] = ['present', 'absent', 'away', 'lunch', 'off'];
/** what a consultant may set for themselves (the server says so too, and refuses anything else) */
const OWN_STATUSES: readonly ConsultantStatus[] = ['present', 'lunch'];

type Pending =
  | { kind: 'status'; entry: QueueEntry; status: ConsultantStatus }
  | { kind: 'awayApproved' | 'disqualify' | 'priority' | 'tail'; entry: QueueEntry };

export function Roster() {
  const t = useT();
  const { view, loaded, loadError } = useRoster();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const manager = isManager(me);

  return (
    <main className="roster-screen" data-testid="roster">
      <div className="screen-title">
        <h1>{t('roster.title')}</h1>
        {view && <span className="muted">{formatDay(view.day)}</span>}
      </div>
      {loadError && (
        <p className="error" role="alert" data-testid="roster-error">
          {loadError}
        </p>
      )}
      {!loaded ? null : view ? (
        <RosterBoard view={view} me={me} manager={manager} t={t} />
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
    setError(r.ok ? null : r.error.message);
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

function RosterBoard({ view, me, manager, t }: { view: RosterView; me: Actor | null; manager: boolean; t: Translate }) {
  const store = useRoster();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pm = hasAnyRole(me, ['project_manager']);
  const nameOf = (id: string) => view.queue.find((q) => q.id === id)?.name ?? id;

  const ask = (p: Pending) => {
    setError(null);
    setPending(p);
  };

  const confirm = async (p: Pending, reason: string) => {
    const consultant = p.entry.id;
    const why = reason || undefined;
    setBusy(true);
    const r =
      p.kind === 'status'
        ? await store.status({ consultant, status: p.status, reason: why })
        : p.kind === 'awayApproved'
          ? await store.status({ consultant, status: 'away', approvedBy: me?.id, reason: why })
          : p.kind === 'disqualify'
            ? await store.disqualify({ consultant, reason })
            : p.kind === 'priority'
              ? await store.priority({ consultant, reason: why })
              : await store.move({ consultant, to: 'tail', reason: why });
    setBusy(false);
    if (r.ok) setPending(null);
    else setError(r.error.message);
  };

  const question = (p: Pending) => {
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
    }
  };

  return (
    <section className="card roster-board">
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
      <div className="roster-table" role="table" aria-label={t('roster.title')}>
        <div className="roster-row head" role="row">
          <span role="columnheader">{t('roster.col.pos')}</span>
          <span role="columnheader">{t('roster.col.name')}</span>
          <span role="columnheader">{manager ? t('roster.col.actions') : ''}</span>
        </div>
        {view.queue.map((q, i) => {
          const statuses = manager ? STATUSES : me?.id === q.id ? OWN_STATUSES : [];
          const open = pending?.entry.id === q.id ? pending : null;
          return (
            <div key={q.id} className={`roster-entry${q.id === view.next ? ' next' : ''}`} data-testid="roster-row" data-consultant={q.id}>
              <div className="roster-row" role="row">
                <span className="roster-pos" role="cell">
                  {i + 1}
                </span>
                <span className="roster-who" role="cell">
                  <span className="roster-name">
                    {q.name}
                    {q.id === view.next && <span className="badge next-badge">{t('roster.next')}</span>}
                    {view.lunchDesk.includes(q.id) && <span className="badge lunch-badge">{t('roster.lunchDesk')}</span>}
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
                  {manager && (
                    <>
                      {pm && (
                        <button type="button" onClick={() => ask({ kind: 'awayApproved', entry: q })} data-testid="action-away-approved">
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
                    </>
                  )}
                </span>
              </div>
              {open && (
                <InlineDialog
                  question={question(open)}
                  reason={open.kind === 'disqualify' || open.kind === 'awayApproved' ? 'required' : 'optional'}
                  reasonLabel={open.kind === 'awayApproved' ? t('dialog.workPlan') : undefined}
                  error={error}
                  busy={busy}
                  onConfirm={(reason) => void confirm(open, reason)}
                  onCancel={() => setPending(null)}
                  onEdit={() => setError(null)}
                />
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
