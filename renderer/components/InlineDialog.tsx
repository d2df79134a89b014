/**
 * A small confirmation that opens in place (never window.confirm/prompt, which block the app and cannot be
 * styled or tested): a question, an optional or required reason, Enter confirms, Esc cancels.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

interface Props {
  question: string;
  /** 'required' and 'optional' show a text field; its label may be given */
  reason?: 'required' | 'optional' | 'none';
  reasonLabel?: string;
  error?: string | null;
  busy?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
  /** the reason was edited: the parent may clear a refusal that no longer applies */
  onEdit?: () => void;
  testId?: string;
  /** extra fields shown before the reason (whom to swap with, which position…); the first field gets the focus */
  children?: React.ReactNode;
}

export function InlineDialog({
  question,
  reason = 'none',
  reasonLabel,
  error,
  busy,
  onConfirm,
  onCancel,
  onEdit,
  testId = 'inline-dialog',
  children,
}: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    (form.current?.querySelector<HTMLElement>('input, select, textarea') ?? confirm.current)?.focus();
    // the whole dialog on the screen, its buttons too (focusing the first field shows only that field)
    form.current?.scrollIntoView?.({ block: 'nearest' });
  }, [reason]);

  // The confirm button is disabled while the server answers, which drops the focus; a refusal brings it
  // back into the dialog so Esc, Enter and typing still work from the keyboard.
  useEffect(() => {
    if (busy || !form.current) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) (form.current.querySelector<HTMLElement>('input:not([type="checkbox"]), select, textarea') ?? confirm.current)?.focus();
  }, [busy]);

  const submit = (e?: React.FormEvent) => {
    e?.preventDefault();
    if (!busy) onConfirm(text.trim());
  };

  return (
    <form
      ref={form}
      className="inline-dialog"
      role="dialog"
      aria-label={question}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      data-testid={testId}
    >
      <p className="inline-dialog-question">{question}</p>
      {children}
      {reason !== 'none' && (
        <label className="inline-dialog-reason">
          <span>{reasonLabel ?? (reason === 'required' ? t('dialog.reason') : t('dialog.reasonOptional'))}</span>
          <input
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              onEdit?.();
            }}
            maxLength={500}
            data-testid="dialog-reason"
          />
        </label>
      )}
      <div className="inline-dialog-buttons">
        <button type="submit" className="primary" ref={confirm} disabled={busy} data-testid="dialog-confirm">
          {t('dialog.confirm')}
        </button>
        <button type="button" onClick={onCancel} data-testid="dialog-cancel">
          {t('dialog.cancel')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="dialog-error">
          {error}
        </p>
      )}
    </form>
  );
}
