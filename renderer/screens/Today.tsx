/**
 * Today (#/today), the consultant's home (R-TRK-1): the follow-ups due today and overdue (overdue in red,
 * oldest first), the customers whose protection ends within 7 days, and the managers' notes. From each row
 * the quick 记录跟进 form (Enter), or the customer page (O). ↑↓ move between rows.
 */
import { useEffect, useRef, useState } from 'react';
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { FollowUpForm, GradeBadge, channelLabel, useGradeLabels } from '../components/FollowUpForm';
import { formatDay, formatWhen, useT } from '../i18n';
import { daysBetween } from '../lib/days';
import { can } from '../../src/api/spec';
import { useOfficeDay } from '../lib/officeDay';
import { customerHref } from '../lib/route';
import { useSession } from '../stores/session';
import '../styles/followup.css';
import { errorText } from '../i18n/reasons';

type TodayView = Output<'followUp.today'>;
type DueRow = TodayView['due'][number];

export function Today() {
  const t = useT();
  const me = useSession((s) => s.me);
  if (!can(me, 'followUp.today'))
    return (
      <main className="fu-screen" data-testid="today-screen">
        <p className="card muted">{t('today.consultantOnly')}</p>
      </main>
    );
  return <TodayView />;
}

function TodayView() {
  const t = useT();
  const day = useOfficeDay();
  const { labels } = useGradeLabels();
  // Re-read when anyone logs a follow-up, leaves a note, registers or changes a customer.
  const today = useApi('followUp.today', {}, { areas: ['followUps', 'registrations', 'customers'] });
  const view = today.data ?? null;
  // A failed re-read after the list was shown keeps the list (the next change reads again).
  const error = view || !today.error ? null : errorText(today.error);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const due = view?.due ?? [];

  useEffect(() => {
    if (open !== null) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active, open, view]);

  const onKey = (e: React.KeyboardEvent, row: DueRow, i: number) => {
    if ((e.target as HTMLElement).closest('form')) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(i + 1, due.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setOpen(row.customer.id);
    } else if (e.key === 'o' || e.key === 'O') {
      e.preventDefault();
      location.hash = customerHref(row.customer.id);
    }
  };

  if (error)
    return (
      <main className="fu-screen" data-testid="today-screen">
        <p className="error" role="alert">
          {error}
        </p>
      </main>
    );
  if (!view || !day)
    return (
      <main className="fu-screen" data-testid="today-screen">
        <p className="muted">{t('fu.loading')}</p>
      </main>
    );

  return (
    <main className="fu-screen" data-testid="today-screen" data-loaded="true">
      <div className="screen-title fu-title">
        <h1>{t('today.title')}</h1>
        <span className="muted">{t('today.subtitle', { day: formatDay(day), n: view.customers })}</span>
        <span className="muted small fu-keys">{t('today.keys')}</span>
      </div>
      {saved && (
        <p className="ok-note" role="status" data-testid="fu-saved">
          {saved}
        </p>
      )}
      <div className="today-grid">
        <section className="card today-due" data-testid="today-due">
          <h2>
            {t('today.due')} <span className="count-pill">{t('today.dueCount', { n: due.length })}</span>
          </h2>
          {due.length === 0 ? (
            <p className="muted empty-line">{t('today.noneDue')}</p>
          ) : (
            <ol className="due-list" ref={list}>
              {due.map((row, i) => {
                const late = row.nextDay ? daysBetween(row.nextDay, day) : 0;
                return (
                  <li
                    key={row.customer.id}
                    className={`due-row${row.overdue ? ' overdue' : ''}${open === row.customer.id ? ' opened' : ''}`}
                    tabIndex={0}
                    data-index={i}
                    onFocus={() => setActive(i)}
                    onKeyDown={(e) => onKey(e, row, i)}
                    data-testid="today-row"
                    data-customer={row.customer.id}
                    data-overdue={row.overdue ? 'true' : 'false'}
                    data-grade={row.grade ?? ''}
                  >
                    <div className="due-line">
                      <span className={`due-when${row.overdue ? ' late' : ''}`} data-testid="today-when">
                        {row.overdue ? t('today.overdue', { n: late }) : t('today.dueToday')}
                      </span>
                      <a className="due-name" href={customerHref(row.customer.id)} tabIndex={-1}>
                        {row.customer.name}
                      </a>
                      <span className="due-phone">{row.customer.phone}</span>
                      <GradeBadge grade={row.grade} labels={labels} />
                      <button
                        type="button"
                        className="due-log"
                        tabIndex={-1}
                        onClick={() => setOpen(open === row.customer.id ? null : row.customer.id)}
                        data-testid="today-log"
                      >
                        {t('fu.log')} <kbd>Enter</kbd>
                      </button>
                    </div>
                    <p className="due-last muted small">
                      {row.lastFollowUp
                        ? t('today.last', {
                            day: formatDay(row.lastFollowUp.day),
                            channel: channelLabel(t, row.lastFollowUp.channel),
                            content: row.lastFollowUp.content,
                          })
                        : t('today.never')}
                      {row.nextDay && <span className="due-next"> · {t('cfu.next', { day: formatDay(row.nextDay) })}</span>}
                    </p>
                    {open === row.customer.id && (
                      <FollowUpForm
                        customer={row.customer.id}
                        customerName={row.customer.name}
                        officeDay={day}
                        labels={labels}
                        initialGrade={row.grade}
                        onCancel={() => setOpen(null)}
                        onSaved={() => {
                          setOpen(null);
                          setSaved(`${t('fu.saved')} · ${row.customer.name}`);
                          today.reload();
                        }}
                      />
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        <div className="today-side">
          <section className="card" data-testid="today-expiring">
            <h2>{t('today.expiring')}</h2>
            {view.expiring.length === 0 ? (
              <p className="muted empty-line">{t('today.noneExpiring')}</p>
            ) : (
              <ul className="plain-list">
                {view.expiring.map((x) => {
                  const left = daysBetween(day, x.untilDay);
                  return (
                    <li key={x.customer.id} className="expiring-row" data-testid="today-expiring-row" data-customer={x.customer.id}>
                      <a href={customerHref(x.customer.id)}>{x.customer.name}</a>
                      <span className="muted small"> {x.customer.phone}</span>
                      <span className={`expiring-left${left <= 2 ? ' soon' : ''}`}>
                        {left <= 0 ? t('today.lastDay') : t('today.daysLeft', { n: left })}
                      </span>
                      <span className="muted small expiring-until">{t('today.until', { day: formatDay(x.untilDay) })}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section className="card" data-testid="today-notes">
            <h2>{t('today.notes')}</h2>
            {view.notes.length === 0 ? (
              <p className="muted empty-line">{t('today.noNotes')}</p>
            ) : (
              <ul className="plain-list notes-list">
                {view.notes.map((n) => (
                  <li key={n.id} className="note-row" data-testid="today-note">
                    <p className="note-text">{n.text}</p>
                    <p className="muted small">
                      {n.fromName} · {formatWhen(n.at)}
                      {n.customer_id !== null && (
                        <>
                          {' · '}
                          <a href={customerHref(n.customer_id)}>{t('cust.number', { id: n.customer_id })}</a>
                        </>
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}
