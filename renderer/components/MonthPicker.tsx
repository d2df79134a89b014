/**
 * ‹ 2026年 3月 › : a year and a month select in the reader's language (a native month field would speak
 * the browser's language, not the app's). PageUp / PageDown step a month from anywhere in it.
 */
import { formatMonth, formatMonthName, formatYear, useLang, useT } from '../i18n';
import { shiftMonth } from '../lib/officeMonth';
import '../styles/money.css';

export function MonthPicker({ month, onChange, testId = 'month' }: { month: string; onChange(month: string): void; testId?: string }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const years = Array.from({ length: 8 }, (_, i) => y - 5 + i);
  const set = (year: number, mon: number) => onChange(`${year}-${String(mon).padStart(2, '0')}`);
  return (
    <div
      className="month-picker no-print"
      role="group"
      aria-label={t('month.label')}
      data-testid={testId}
      data-month={month}
      onKeyDown={(e) => {
        if (e.key === 'PageUp' || e.key === 'PageDown') {
          e.preventDefault();
          onChange(shiftMonth(month, e.key === 'PageUp' ? -1 : 1));
        }
      }}
    >
      <button
        type="button"
        className="quiet"
        onClick={() => onChange(shiftMonth(month, -1))}
        aria-label={t('month.previous')}
        title={`${t('month.previous')} (PageUp)`}
        data-testid={`${testId}-prev`}
      >
        ‹
      </button>
      <select value={y} onChange={(e) => set(Number(e.target.value), m)} aria-label={t('month.year')} data-testid={`${testId}-year`}>
        {years.map((yy) => (
          <option key={yy} value={yy}>
            {formatYear(yy, lang)}
          </option>
        ))}
      </select>
      <select value={m} onChange={(e) => set(y, Number(e.target.value))} aria-label={t('month.month')} data-testid={`${testId}-month`}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((mm) => (
          <option key={mm} value={mm}>
            {formatMonthName(mm, lang)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="quiet"
        onClick={() => onChange(shiftMonth(month, 1))}
        aria-label={t('month.next')}
        title={`${t('month.next')} (PageDown)`}
        data-testid={`${testId}-next`}
      >
        ›
      </button>
    </div>
  );
}

export function useMonthLabel(): (month: string) => string {
  const lang = useLang((s) => s.lang);
  return (month) => formatMonth(month, lang);
}
