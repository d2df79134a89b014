/**
 * Choosing who acts, by keyboard first: type to filter, ↑↓ and Enter, or a digit 1–9. Used inline on the
 * sign-in screen and as a dialog behind 切换人员 (F2).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StaffMember } from '../api/types';
import { useT } from '../i18n';
import { byRoleThenList } from '../lib/roles';

interface Props {
  staff: readonly StaffMember[];
  currentId?: string | null;
  onPick(id: string): void;
  onClose?: () => void;
  error?: string | null;
  busy?: boolean;
}

export function StaffPicker({ staff, currentId, onPick, onClose, error, busy }: Props) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const ordered = byRoleThenList(staff);
    return f ? ordered.filter((s) => s.name.toLowerCase().includes(f) || s.id.toLowerCase().includes(f)) : ordered;
  }, [staff, filter]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [filter]);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (s: StaffMember | undefined) => {
    if (s && !busy) onPick(s.id);
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
              disabled={busy}
            >
              <span className="picker-key">{i < 9 ? i + 1 : ''}</span>
              <span className="picker-name">{s.name}</span>
              <span className="picker-roles">{s.roles.map((r) => t(`role.${r}`)).join(' · ')}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="picker-empty">{t('picker.empty')}</li>}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="hint">{t('picker.hint')}</p>
    </div>
  );
}
