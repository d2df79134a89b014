/**
 * The follow-up section of the customer page (R-TRK-1): every follow-up (followUp.list, newest first) and,
 * for the consultant who owns the customer, the same 记录跟进 form as on Today. Managers read; other
 * consultants are refused by the server and see nothing here.
 */
import { useCallback, useEffect, useState } from 'react';
import { can } from '../../src/api/spec';
import { api, type Output } from '../api/client';
import { formatDay, useT } from '../i18n';
import { useOfficeDay } from '../lib/officeDay';
import { staffName, useSession } from '../stores/session';
import { FollowUpForm, GradeBadge, channelLabel, useGradeLabels } from './FollowUpForm';
import '../styles/followup.css';

type Entry = Output<'followUp.list'>[number];

export function CustomerFollowUps({ customer, name, ownerIds }: { customer: number; name: string; ownerIds: readonly string[] }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const day = useOfficeDay();
  const { labels } = useGradeLabels();
  const [list, setList] = useState<Entry[] | null>(null);
  const [refused, setRefused] = useState(false);
  const [open, setOpen] = useState(false);
  const mine = !!me && can(me, 'followUp.log') && ownerIds.includes(me.id);

  const load = useCallback(async () => {
    const r = await api.call('followUp.list', { customer });
    if (r.ok) setList(r.value);
    else setRefused(true);
  }, [customer]);

  useEffect(() => {
    void load();
  }, [load]);

  if (refused) return null;

  return (
    <section className="card cust-followups" data-testid="cust-followups">
      <div className="card-head">
        <h2>{t('cfu.title')}</h2>
        {list && <span className="count-pill">{list.length}</span>}
        {mine && !open && (
          <button type="button" className="primary" onClick={() => setOpen(true)} data-testid="cfu-log">
            {t('fu.log')}
          </button>
        )}
      </div>
      {open && day && (
        <FollowUpForm
          customer={customer}
          customerName={name}
          officeDay={day}
          labels={labels}
          initialGrade={list?.[0]?.grade ?? null}
          onCancel={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void load();
          }}
        />
      )}
      {!list ? (
        <p className="muted">{t('fu.loading')}</p>
      ) : list.length === 0 ? (
        <p className="muted empty-line">{t('cfu.none')}</p>
      ) : (
        <ol className="cfu-list">
          {list.map((f) => (
            <li key={f.id} className="cfu-item" data-testid="cfu-item" data-grade={f.grade ?? ''}>
              <span className="cfu-when">
                {formatDay(f.day)} · {channelLabel(t, f.channel)}
              </span>
              <span>
                {f.content}
                <span className="muted small">
                  {' '}
                  — {staffName(staff, f.consultant_id)}
                  {f.next_day ? ` · ${t('cfu.next', { day: formatDay(f.next_day) })}` : ''}
                </span>
              </span>
              <GradeBadge grade={f.grade} labels={labels} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
