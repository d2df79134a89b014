/**
 * Choosing who acts, by keyboard first: type to filter (name, pinyin or its initials: zw finds 张伟), ↑↓ and Enter, or a digit 1–9; then that person's
 * PIN (digits only, hidden) and Enter. Switching the acting person is two keystrokes plus a PIN: F2, Enter
 * on the name, the PIN, Enter. A wrong PIN shows the server's message in place (tries left, or locked) and
 * the field clears for another try; Esc goes back to the list. Used inline on the sign-in screen and as a
 * dialog behind 切换人员 (F2).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StaffMember } from '../api/types';
import { useT } from '../i18n';
import { byRoleThenList } from '../lib/roles';
import { filterByName } from '../lib/pinyin-match';
import '../styles/security.css';

/** The server's rule (4 to 8 digits); the field takes no more. */
const PIN_MAX = 8;

interface Props {
  staff: readonly StaffMember[];
  currentId?: string | null;
  /** signs in; answers the server's refusal message, or null when signed in */
  onSignIn(id: string, pin: string): Promise<string | null>;
  onClose?: () => void;
  /** the PIN button's words (default 登录; the desk station's prompt says 确认) */
  submitLabel?: string;
}

export function StaffPicker({ staff, currentId, onSignIn, onClose, submitLabel }: Props) {
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [filter, setFilter] = useState('');
  return chosen ? (
    <PinEntry person={chosen} onSignIn={onSignIn} onBack={() => setChosen(null)} submitLabel={submitLabel} />
  ) : (
    <PersonList staff={staff} currentId={currentId} filter={filter} setFilter={setFilter} onPick={setChosen} onClose={onClose} />
  );
}

interface ListProps {
  staff: readonly StaffMember[];
  currentId?: string | null;
  filter: string;
  setFilter(f: string): void;
  onPick(s: StaffMember): void;
  onClose?: () => void;
}

function PersonList({ staff, currentId, filter, setFilter, onPick, onClose }: ListProps) {
  const t = useT();
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const shown = useMemo(() => {
    const ordered = byRoleThenList(staff.filter((s) => s.active !== false));
    // by name, full pinyin (zhangwei), initials (zw) or id
    return filterByName(filter, ordered);
  }, [staff, filter]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  useEffect(() => setActive(0), [filter]);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (s: StaffMember | undefined) => {
    if (s) onPick(s);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      onClose();
    } else if (/^[1-9]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(shown[Number(e.key) - 1]);
    }
  };

  return (
    <div className="picker" onKeyDown={onKeyDown} data-testid="staff-picker-list">
      <input
        ref={input}
        className="picker-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={t('picker.filter')}
        aria-label={t('picker.filter')}
        autoComplete="off"
        data-testid="staff-filter"
      />
      <ul className="picker-list" role="listbox" ref={list} aria-label={t('picker.title')}>
        {shown.map((s, i) => (
          <li key={s.id} role="presentation">
            <button
              type="button"
              role="option"
              aria-selected={i === active}
              data-index={i}
              className={`picker-option${i === active ? ' active' : ''}${s.id === currentId ? ' current' : ''}`}
              onClick={() => pick(s)}
              onMouseEnter={() => setActive(i)}
              data-testid={`staff-option-${s.id}`}
            >
              <span className="picker-key">{i < 9 ? i + 1 : ''}</span>
              <span className="picker-name">{s.name}</span>
              <span className="picker-roles">
                {s.roles.map((r) => t(`role.${r}`)).join(' · ')}
                {s.hasPin === false && <span className="picker-nopin"> · {t('pin.notSet')}</span>}
              </span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="picker-empty">{t('picker.empty')}</li>}
      </ul>
      <p className="hint">{t('pin.listHint')}</p>
    </div>
  );
}

function PinEntry({
  person,
  onSignIn,
  onBack,
  submitLabel,
}: {
  person: StaffMember;
  onSignIn: Props['onSignIn'];
  onBack(): void;
  submitLabel?: string | undefined;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async () => {
    if (busy) return;
    if (!pin) {
      setError(t('pin.empty'));
      field.current?.focus();
      return;
    }
    setBusy(true);
    const refusal = await onSignIn(person.id, pin);
    // Signed in: this picker is about to close; nothing more to show.
    if (refusal === null) return;
    setBusy(false);
    setError(refusal);
    setPin('');
    field.current?.focus();
  };

  return (
    <form
      className="pin-entry"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onBack();
        }
      }}
      data-testid="pin-form"
      data-staff={person.id}
      noValidate
    >
      <div className="pin-who">
        <button type="button" className="quiet pin-back" onClick={onBack} data-testid="pin-back" title="Esc">
          ← {t('pin.back')}
        </button>
        <span className="pin-name" data-testid="pin-person">
          {person.name}
        </span>
        <span className="picker-roles">{person.roles.map((r) => t(`role.${r}`)).join(' · ')}</span>
      </div>
      <label className="field pin-field">
        <span>{t('pin.label', { name: person.name })}</span>
        <input
          ref={field}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PIN_MAX}
          value={pin}
          onChange={(e) => {
            setPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX));
            if (error) setError(null);
          }}
          readOnly={busy}
          placeholder={t('pin.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby="pin-error"
          data-testid="pin-input"
        />
      </label>
      {person.hasPin === false && (
        <p className="warn small" data-testid="pin-not-set">
          {t('pin.notSetLong', { name: person.name })}
        </p>
      )}
      {error && (
        <p className="error" role="alert" id="pin-error" data-testid="pin-error">
          {error}
        </p>
      )}
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="pin-submit">
          {busy ? t('pin.checking') : (submitLabel ?? t('pin.submit'))}
        </button>
      </div>
      <p className="hint">{t('pin.hint')}</p>
    </form>
  );
}
