/**
 * The quick 记录跟进 form (R-TRK-1): channel, what happened, the next date and the grade, in the office's own
 * grade names (grades.labels). Keyboard: the content field has the focus; Ctrl+Enter saves, Esc cancels.
 * Used from a row of Today and on the customer page; followUp.log checks ownership again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type Output } from '../api/client';
import { useApi } from '../api/useApi';
import { type MessageKey, useT } from '../i18n';
import { shiftDay } from '../lib/days';
import '../styles/followup.css';
import { errorText } from '../i18n/reasons';
import { DateField } from './DateField';

export const CHANNELS = ['phone', 'wechat', 'visit', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export type GradeLabels = Output<'grades.labels'>;
const isGrade = (g: string): g is Grade => (GRADES as readonly string[]).includes(g);

export const channelLabel = (t: (k: MessageKey) => string, c: string): string =>
  (CHANNELS as readonly string[]).includes(c) ? t(`fu.channel.${c as Channel}`) : c;

const NO_LABELS: GradeLabels = [];

/**
 * The office's grade names, read through useApi: re-read when a manager renames a grade at any terminal
 * (grades.setLabel changes customers and followUps); `refresh` after grades.setLabel here. A grade the office
 * has not named yet keeps the label the database was created with (Chinese): it is worded from the
 * dictionary instead (fu.gradeDefault.*), in the reader's language.
 */
export function useGradeLabels(): { labels: GradeLabels; refresh(): void } {
  const t = useT();
  const r = useApi('grades.labels', {}, { areas: ['customers', 'followUps'] });
  const stored = r.data ?? NO_LABELS;
  const labels = useMemo(
    () => stored.map((l) => (l.named || !isGrade(l.grade) ? l : { ...l, label: t(`fu.gradeDefault.${l.grade}`) })),
    [stored, t],
  );
  return { labels, refresh: () => void r.reload() };
}

export const gradeText = (labels: GradeLabels, grade: string | null | undefined): string => {
  if (!grade) return '';
  const l = labels.find((x) => x.grade === grade)?.label;
  return l ? `${grade} ${l}` : grade;
};

export function GradeBadge({ grade, labels }: { grade: string | null | undefined; labels: GradeLabels }) {
  if (!grade) return <span className="grade-badge none">—</span>;
  return (
    <span className={`grade-badge grade-${grade}`} data-testid="grade-badge" data-grade={grade}>
      <b>{grade}</b> {labels.find((x) => x.grade === grade)?.label ?? ''}
    </span>
  );
}

interface Props {
  customer: number;
  customerName: string;
  officeDay: string;
  labels: GradeLabels;
  initialGrade?: string | null;
  onSaved(): void;
  onCancel?(): void;
}

export function FollowUpForm({ customer, customerName, officeDay, labels, initialGrade, onSaved, onCancel }: Props) {
  const t = useT();
  const [channel, setChannel] = useState<Channel>('phone');
  const [content, setContent] = useState('');
  const [nextDay, setNextDay] = useState(shiftDay(officeDay, 1));
  const [grade, setGrade] = useState<string>(initialGrade ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => box.current?.focus(), []);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await api.call('followUp.log', {
      customer,
      channel,
      content,
      ...(nextDay ? { nextDay } : {}),
      ...(grade ? { grade: grade as Grade } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    onSaved();
  };

  const quick = [
    { label: t('fu.tomorrow'), day: shiftDay(officeDay, 1), id: 'tomorrow' },
    { label: t('fu.in3'), day: shiftDay(officeDay, 3), id: 'in3' },
    { label: t('fu.in7'), day: shiftDay(officeDay, 7), id: 'in7' },
  ];

  return (
    <form
      className="fu-form"
      data-testid="fu-form"
      data-customer={customer}
      aria-label={`${t('fu.log')} · ${customerName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        } else if (e.key === 'Escape' && onCancel) {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="fu-row">
        <div className="fu-field">
          <span className="fu-label">{t('fu.channel')}</span>
          <div className="segmented fu-channels" role="radiogroup" aria-label={t('fu.channel')}>
            {CHANNELS.map((c) => (
              <button
                key={c}
                type="button"
                role="radio"
                aria-checked={channel === c}
                className={channel === c ? 'on' : ''}
                onClick={() => setChannel(c)}
                data-testid={`fu-channel-${c}`}
              >
                {t(`fu.channel.${c}`)}
              </button>
            ))}
          </div>
        </div>
        <label className="fu-field">
          <span className="fu-label">{t('fu.grade')}</span>
          <select value={grade} onChange={(e) => setGrade(e.target.value)} data-testid="fu-grade">
            <option value="">{t('fu.noGrade')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {gradeText(labels, g)}
              </option>
            ))}
          </select>
        </label>
        <div className="fu-field">
          <span className="fu-label">{t('fu.nextDay')}</span>
          <div className="fu-next">
            <DateField value={nextDay} min={officeDay} onChange={setNextDay} testId="fu-next" ariaLabel={t('fu.nextDay')} />
            {quick.map((q) => (
              <button
                key={q.id}
                type="button"
                className={`quiet fu-chip${nextDay === q.day ? ' on' : ''}`}
                onClick={() => setNextDay(q.day)}
                data-testid={`fu-next-${q.id}`}
              >
                {q.label}
              </button>
            ))}
            <button
              type="button"
              className={`quiet fu-chip${nextDay === '' ? ' on' : ''}`}
              onClick={() => setNextDay('')}
              data-testid="fu-next-none"
            >
              {t('fu.noNext')}
            </button>
          </div>
        </div>
      </div>
      <label className="fu-field fu-content">
        <span className="fu-label">{t('fu.content')}</span>
        <textarea
          ref={box}
          value={content}
          rows={2}
          onChange={(e) => setContent(e.target.value)}
          placeholder={t('fu.contentPlaceholder')}
          data-testid="fu-content"
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="fu-error">
          {error}
        </p>
      )}
      <div className="fu-actions">
        <span className="muted small">{t('fu.keys')}</span>
        {onCancel && (
          <button type="button" className="quiet" onClick={onCancel} data-testid="fu-cancel">
            {t('fu.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="fu-save">
          {busy ? t('fu.saving') : t('fu.save')}
        </button>
      </div>
    </form>
  );
}
