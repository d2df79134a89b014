/**
 * Date and time fields in the app's language (issue 17 item 21). Chromium draws <input type="date"> and
 * <input type="time"> in the browser's locale (mm/dd/yyyy, 10:00 AM on an English machine) whatever the app's
 * language, so these are text fields that show the value as the rest of the app writes it — 2026年3月9日 /
 * 9 Mar 2026 (i18n formatDay), 24-hour 09:30 — and read what is typed that way (lib/date-input). The value
 * stays yyyy-MM-dd / HH:mm, as before; it changes as soon as the text is a whole day or time, and on leaving
 * the field the text is shown again in the language's form. ↑↓ move a day (a minute) at a time; the calendar
 * button opens the browser's picker on a hidden native field. `lang` on the field follows the app's language.
 */
import { useRef, useState } from 'react';
import { formatDay, useLang, useT } from '../i18n';
import { parseDayInput, parseTimeInput } from '../lib/date-input';
import { shiftDay } from '../lib/days';

interface Common {
  value: string;
  onChange(value: string): void;
  testId: string;
  ariaLabel?: string;
  onKeyDown?(e: React.KeyboardEvent<HTMLInputElement>): void;
  className?: string;
}

export function DateField({ value, onChange, testId, ariaLabel, onKeyDown, className, min, max }: Common & { min?: string; max?: string }) {
  const t = useT();
  const { lang } = useLang();
  // the text while the person types; null: the value shown in the language's form
  const [typed, setTyped] = useState<string | null>(null);
  const native = useRef<HTMLInputElement>(null);
  const inRange = (d: string) => d === '' || ((!min || d >= min) && (!max || d <= max));
  const read = typed === null ? value : parseDayInput(typed, lang);
  const invalid = typed !== null && (read === null || !inRange(read));
  return (
    <span className={`date-field${className ? ` ${className}` : ''}`}>
      <input
        type="text"
        lang={lang}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={typed ?? (value ? formatDay(value, lang) : '')}
        placeholder={t('dateField.example')}
        title={invalid ? t('dateField.invalid') : t('dateField.placeholder')}
        aria-label={ariaLabel}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          const day = parseDayInput(e.target.value, lang);
          if (day !== null && inRange(day) && day !== value) onChange(day);
        }}
        onBlur={() => setTyped(null)}
        onKeyDown={(e) => {
          if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && value) {
            e.preventDefault();
            const day = shiftDay(value, e.key === 'ArrowUp' ? 1 : -1);
            setTyped(null);
            if (inRange(day)) onChange(day);
            return;
          }
          if (e.key === 'Enter') setTyped(null);
          onKeyDown?.(e);
        }}
        data-testid={testId}
        data-value={value}
        data-invalid={invalid ? 'true' : undefined}
      />
      <button
        type="button"
        className="quiet date-field-pick"
        tabIndex={-1}
        aria-label={t('dateField.pick')}
        title={t('dateField.pick')}
        onClick={() => {
          try {
            native.current?.showPicker?.();
          } catch {
            // a browser without the picker: the text field is there
          }
        }}
        data-testid={`${testId}-pick`}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      </button>
      <input
        ref={native}
        type="date"
        className="date-field-native"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        min={min}
        max={max}
        onChange={(e) => {
          setTyped(null);
          if (e.target.value) onChange(e.target.value);
        }}
      />
    </span>
  );
}

export function TimeField({ value, onChange, testId, ariaLabel, onKeyDown, className }: Common) {
  const t = useT();
  const { lang } = useLang();
  // the text while the person types; null: the value shown in the language's form
  const [typed, setTyped] = useState<string | null>(null);
  const invalid = typed !== null && parseTimeInput(typed, lang) === null;
  return (
    <input
      type="text"
      className={`time-field${className ? ` ${className}` : ''}`}
      lang={lang}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      value={typed ?? value}
      placeholder={t('timeField.placeholder')}
      title={invalid ? t('timeField.invalid') : t('timeField.placeholder')}
      aria-label={ariaLabel}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        setTyped(e.target.value);
        const time = parseTimeInput(e.target.value, lang);
        // a half-typed time leaves the value empty, so a form never sends what the field does not show
        onChange(time ?? '');
      }}
      onBlur={() => setTyped(null)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setTyped(null);
        onKeyDown?.(e);
      }}
      data-testid={testId}
      data-value={value}
      data-invalid={invalid ? 'true' : undefined}
    />
  );
}
