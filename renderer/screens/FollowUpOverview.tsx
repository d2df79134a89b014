/**
 * The managers' follow-up view (#/follow-up, R-TRK-2): every consultant's customers with their grade, last
 * and next follow-up, overdue ones in red; filter by consultant, grade, overdue only. A note to the
 * consultant (about one customer, or in general) appears on the consultant's Today. The sales manager and
 * the director also name the grades (grades.setLabel).
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type Output } from '../api/client';
import { useApi } from '../api/useApi';
import { GRADES, type Grade, GradeBadge, channelLabel, useGradeLabels } from '../components/FollowUpForm';
import { formatDay, useT } from '../i18n';
import { can } from '../../src/api/spec';
import { customerHref } from '../lib/route';
import { staffName, useSession } from '../stores/session';
import '../styles/followup.css';
import { errorText } from '../i18n/reasons';

type Row = Output<'followUp.overview'>[number];

export function FollowUpOverview() {
  const t = useT();
  const me = useSession((s) => s.me);
  if (!can(me, 'followUp.overview'))
    return (
      <main className="fu-screen" data-testid="overview-screen">
        <p className="card muted">{t('ov.notAllowed')}</p>
      </main>
    );
  return <Overview />;
}

function Overview() {
  const t = useT();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const consultants = useMemo(() => staff.filter((s) => s.roles.includes('consultant')), [staff]);
  const { labels, refresh: refreshLabels } = useGradeLabels();
  const [consultant, setConsultant] = useState('');
  const [grade, setGrade] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [noteFor, setNoteFor] = useState<{ consultant: string; customer?: Row['customer'] } | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  // Re-read when anyone logs a follow-up, leaves a note, registers, or a customer changes hands or grade.
  const overview = useApi(
    'followUp.overview',
    { ...(consultant ? { consultant } : {}), ...(grade ? { grade: grade as Grade } : {}), ...(overdueOnly ? { overdueOnly } : {}) },
    { areas: ['followUps', 'customers', 'registrations'] },
  );
  // overdue first (oldest next date first), then due, then the rest by consultant
  const rows = useMemo(
    () =>
      overview.data
        ? [...overview.data].sort(
            (a, b) =>
              Number(b.overdue) - Number(a.overdue) ||
              Number(b.due) - Number(a.due) ||
              (a.nextDay ?? '9').localeCompare(b.nextDay ?? '9') ||
              a.consultant.localeCompare(b.consultant),
          )
        : null,
    [overview.data],
  );
  // A failed re-read after the list was shown keeps the list (the next change reads again).
  const error = rows || !overview.error ? null : errorText(overview.error);

  const overdue = rows?.filter((r) => r.overdue).length ?? 0;

  return (
    <main className="fu-screen" data-testid="overview-screen">
      <div className="screen-title fu-title">
        <h1>{t('ov.title')}</h1>
        <span className="muted">{t('ov.subtitle')}</span>
      </div>

      <div className="card fu-filters" role="group" aria-label={t('ov.title')}>
        <label className="fu-filter">
          <span>{t('ov.consultant')}</span>
          <select value={consultant} onChange={(e) => setConsultant(e.target.value)} data-testid="ov-consultant">
            <option value="">{t('ov.all')}</option>
            {consultants.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="fu-filter">
          <span>{t('ov.grade')}</span>
          <select value={grade} onChange={(e) => setGrade(e.target.value)} data-testid="ov-grade">
            <option value="">{t('ov.all')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g} {labels.find((l) => l.grade === g)?.label ?? ''}
              </option>
            ))}
          </select>
        </label>
        <label className="check fu-filter-check">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="ov-overdue" />
          {t('ov.overdueOnly')}
        </label>
        {rows && (
          <span className="muted ov-count" data-testid="ov-count">
            {t('ov.count', { n: rows.length, o: overdue })}
          </span>
        )}
        <button
          type="button"
          className="ov-note-general"
          disabled={!consultant}
          title={consultant ? '' : t('ov.noConsultant')}
          onClick={() => setNoteFor({ consultant })}
          data-testid="ov-note-general"
        >
          {t('ov.note')}
        </button>
      </div>

      {sent && (
        <p className="ok-note" role="status" data-testid="ov-sent">
          {sent}
        </p>
      )}
      {noteFor && (
        <NoteForm
          to={noteFor.consultant}
          toName={staffName(staff, noteFor.consultant)}
          customer={noteFor.customer}
          onCancel={() => setNoteFor(null)}
          onSent={() => {
            setSent(t('ov.sent', { name: staffName(staff, noteFor.consultant) }));
            setNoteFor(null);
          }}
        />
      )}

      <section className="card ov-table-card">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : !rows ? (
          <p className="muted">{t('fu.loading')}</p>
        ) : rows.length === 0 ? (
          <p className="muted empty-line" data-testid="ov-empty">
            {t('ov.none')}
          </p>
        ) : (
          <table className="fu-table" data-testid="ov-table" data-loaded="true">
            <thead>
              <tr>
                <th>{t('ov.status')}</th>
                <th>{t('ov.consultant')}</th>
                <th>{t('ov.customer')}</th>
                <th>{t('ov.phone')}</th>
                <th>{t('ov.grade')}</th>
                <th>{t('ov.last')}</th>
                <th>{t('ov.next')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.consultant}-${r.customer.id}`}
                  className={r.overdue ? 'overdue' : r.due ? 'due' : ''}
                  data-testid="ov-row"
                  data-customer={r.customer.id}
                  data-consultant={r.consultant}
                  data-overdue={r.overdue ? 'true' : 'false'}
                  data-grade={r.grade ?? ''}
                >
                  <td>
                    {r.overdue ? (
                      <span className="status-pill late">{t('ov.overdue')}</span>
                    ) : r.due ? (
                      <span className="status-pill due">{t('ov.due')}</span>
                    ) : null}
                  </td>
                  <td>{staffName(staff, r.consultant)}</td>
                  <td>
                    <a href={customerHref(r.customer.id)} className="strong-link">
                      {r.customer.name}
                    </a>
                  </td>
                  <td className="num-cell">{r.customer.phone}</td>
                  <td data-testid="ov-grade-cell">
                    <GradeBadge grade={r.grade} labels={labels} />
                  </td>
                  <td className="ov-last">
                    {r.lastFollowUp ? (
                      <>
                        <span className="nowrap">{formatDay(r.lastFollowUp.day)}</span>{' '}
                        <span className="muted">{channelLabel(t, r.lastFollowUp.channel)}</span>
                        <div className="muted small clamp">{r.lastFollowUp.content}</div>
                      </>
                    ) : (
                      <span className="muted">{t('today.never')}</span>
                    )}
                  </td>
                  <td className={`nowrap${r.overdue ? ' late-text' : ''}`} data-testid="ov-next">
                    {r.nextDay ? formatDay(r.nextDay) : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="quiet small-btn"
                      onClick={() => setNoteFor({ consultant: r.consultant, customer: r.customer })}
                      data-testid="ov-note"
                    >
                      {t('ov.note')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {can(me, 'grades.setLabel') && <GradeLabelsEditor labels={labels} onSaved={refreshLabels} />}
    </main>
  );
}

function NoteForm({
  to,
  toName,
  customer,
  onCancel,
  onSent,
}: {
  to: string;
  toName: string;
  customer?: Row['customer'];
  onCancel(): void;
  onSent(): void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const r = await api.call('followUp.note', { consultant: to, ...(customer ? { customer: customer.id } : {}), text });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onSent();
  };
  return (
    <form
      className="card ov-note-form"
      data-testid="ov-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2>
        {t('ov.noteTo', { name: toName })}
        {customer ? t('ov.noteAbout', { customer: customer.name }) : ''}
      </h2>
      <div className="ov-note-line">
        <input
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('ov.notePlaceholder')}
          data-testid="ov-note-text"
        />
        <button type="submit" className="primary" disabled={busy} data-testid="ov-note-send">
          {t('ov.send')}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('fu.cancel')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function GradeLabelsEditor({ labels, onSaved }: { labels: Output<'grades.labels'>; onSaved(): void }) {
  const t = useT();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<Record<string, string>>({});
  useEffect(() => setDraft(Object.fromEntries(labels.map((l) => [l.grade, l.label]))), [labels]);
  const save = async (grade: Grade) => {
    const r = await api.call('grades.setLabel', { grade, label: draft[grade] ?? '' });
    setMsg((m) => ({ ...m, [grade]: r.ok ? t('ov.labelSaved') : errorText(r.error) }));
    if (r.ok) onSaved();
  };
  return (
    <section className="card grade-labels" data-testid="grade-labels">
      <h2>{t('ov.labels')}</h2>
      <p className="muted small">{t('ov.labelsLead')}</p>
      <div className="grade-label-grid">
        {GRADES.map((g) => (
          <form
            key={g}
            className="grade-label-item"
            onSubmit={(e) => {
              e.preventDefault();
              void save(g);
            }}
          >
            <span className={`grade-badge grade-${g}`}>
              <b>{g}</b>
            </span>
            <input
              value={draft[g] ?? ''}
              maxLength={20}
              onChange={(e) => setDraft((d) => ({ ...d, [g]: e.target.value }))}
              data-testid={`grade-label-${g}`}
              aria-label={`${t('ov.grade')} ${g}`}
            />
            <button type="submit" data-testid={`grade-label-save-${g}`}>
              {t('ov.saveLabel')}
            </button>
            {msg[g] && <span className="muted small">{msg[g]}</span>}
          </form>
        ))}
      </div>
    </section>
  );
}
