/**
 * The desk's notices (issue 17 item 12), self-contained so the desk mounts it in one line: a waiting customer
 * the roster gave to a consultant who became free (R-ROS-6), and a reception open longer than the policy's
 * limit (receptionLongMinutes, 2 h by default). Facts from desk.notices, re-read when a pushed change names the
 * roster — a walk-in served from the waiting list is a roster change, and a reception crossing the limit is
 * announced by the core's clock watch (src/core watchClock) — so nobody polls and nobody waits on this screen.
 *
 * A served customer's notice stays until someone at this terminal says 知道了 (remembered for the browser tab)
 * or the reception ends; a long reception's stays until it is finished, here or anywhere.
 */
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { formatTime, type Translate, useT } from '../i18n';
import { useDesk } from '../stores/desk';
import { useSession } from '../stores/session';
import { errorText } from '../i18n/reasons';
import { DESK_STAFF, can, holds } from '../../src/api/spec';

const DISMISSED_KEY = 'salesdesk.notices.dismissed';

function readDismissed(): number[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

/** 2小时5分钟 / 2 hours 5 minutes */
export function durationText(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h > 0 ? t('notice.hours', { h }) : '', m > 0 || h === 0 ? t('notice.minutes', { m }) : ''].filter(Boolean);
  return parts.join(t('notice.durationSep'));
}

export function DeskNotices() {
  const t = useT();
  const me = useSession((s) => s.me);
  const allowed = can(me, 'desk.notices');
  const { data } = useApi('desk.notices', {}, { areas: ['roster', 'policy'], enabled: allowed });
  const finish = useDesk((s) => s.finish);
  const [dismissed, setDismissed] = useState<number[]>(readDismissed);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!allowed || !data) return null;

  const served = data.served.filter((s) => !dismissed.includes(s.visitId));
  const long = data.long;
  if (served.length === 0 && long.length === 0) return null;
  // Who may end a reception (R-ROS-6): its own consultant, the front desk or a manager (desk.finish's check).
  const mayFinish = (consultantId: string) => !!me && (me.id === consultantId || holds(me, DESK_STAFF));
  const dismiss = (visitId: number) => {
    const next = [...dismissed, visitId];
    setDismissed(next);
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify(next.slice(-200)));
  };
  const onFinish = async (visitId: number) => {
    setBusy(visitId);
    const r = await finish(visitId);
    setBusy(null);
    setError(r.ok ? null : errorText(r.error));
  };

  return (
    <section className="desk-notices card" data-testid="desk-notices" role="status" aria-live="polite" aria-label={t('notice.title')}>
      <ul>
        {served.map((s) => (
          <li
            key={`served-${s.visitId}`}
            className="desk-notice served"
            data-testid="notice-served"
            data-visit={s.visitId}
            data-consultant={s.consultant.id}
          >
            <span>{t('notice.served', { customer: s.customerName, consultant: s.consultant.name, time: formatTime(s.at) })}</span>
            <button type="button" onClick={() => dismiss(s.visitId)} data-testid={`notice-dismiss-${s.visitId}`}>
              {t('notice.dismiss')}
            </button>
          </li>
        ))}
        {long.map((r) => (
          <li
            key={`long-${r.visitId}`}
            className="desk-notice long"
            data-testid="notice-long"
            data-visit={r.visitId}
            data-consultant={r.consultant.id}
            data-minutes={r.minutes}
          >
            <span>
              {t('notice.long', {
                consultant: r.consultant.name,
                customer: r.customerName,
                duration: durationText(t, r.minutes),
                time: formatTime(r.since),
                limit: durationText(t, data.limitMinutes),
              })}
            </span>
            {mayFinish(r.consultant.id) && (
              <button
                type="button"
                onClick={() => void onFinish(r.visitId)}
                disabled={busy === r.visitId}
                data-testid={`notice-finish-${r.visitId}`}
              >
                {t('notice.finish')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
