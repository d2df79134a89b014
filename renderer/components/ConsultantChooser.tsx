/**
 * Choosing a consultant at the desk by keyboard: type to filter (name, pinyin or initials: zw finds 张伟), a
 * digit 1–9 picks the consultant shown with it, Enter the first one shown; Backspace on an empty filter
 * clears the choice. Nothing typed and Enter: the key goes on to the form (registers). The list is what the
 * caller passes (today's queue, in its order).
 */
import { useId, useMemo, useState } from 'react';
import { useT } from '../i18n';
import { filterByName } from '../lib/pinyin-match';

export interface ChoosableConsultant {
  id: string;
  name: string;
  /** a word on their state (receiving, at lunch …), shown beside the name */
  note?: string;
}

interface Props {
  label: string;
  consultants: readonly ChoosableConsultant[];
  value: string;
  onChange(id: string): void;
  testId: string;
  /** the words when nobody is chosen */
  none: string;
  inputRef?: React.Ref<HTMLInputElement>;
}

export function ConsultantChooser({ label, consultants, value, onChange, testId, none, inputRef }: Props) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const listId = useId();
  const shown = useMemo(() => filterByName(filter, consultants), [consultants, filter]);
  const chosen = consultants.find((c) => c.id === value);

  const pick = (c: ChoosableConsultant | undefined) => {
    if (!c) return;
    onChange(c.id);
    setFilter('');
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (/^[1-9]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(shown[Number(e.key) - 1]);
    } else if (e.key === 'Enter' && filter.trim()) {
      e.preventDefault();
      e.stopPropagation();
      pick(shown[0]);
    } else if (e.key === 'Backspace' && !filter && value) {
      e.preventDefault();
      onChange('');
    } else if (e.key === 'Escape' && filter) {
      e.preventDefault();
      e.stopPropagation();
      setFilter('');
    }
  };

  return (
    <div className="field consultant-chooser" data-testid={testId} data-value={value}>
      <span>{label}</span>
      <div className="chooser-row">
        <span className={`chooser-chosen${chosen ? ' on' : ''}`} data-testid={`${testId}-chosen`}>
          {chosen ? chosen.name : none}
        </span>
        <input
          ref={inputRef}
          value={filter}
          onChange={(e) => setFilter(e.target.value.replace(/[0-9]/g, ''))}
          onKeyDown={onKeyDown}
          placeholder={t('chooser.placeholder')}
          aria-label={label}
          aria-controls={listId}
          autoComplete="off"
          data-testid={`${testId}-filter`}
        />
      </div>
      <ol className="chooser-list" id={listId}>
        {shown.slice(0, 9).map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              tabIndex={-1}
              className={c.id === value ? 'on' : ''}
              onClick={() => pick(c)}
              data-testid={`${testId}-option-${c.id}`}
            >
              <span className="picker-key">{i + 1}</span> {c.name}
              {c.note && <span className="muted small"> · {c.note}</span>}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted small">{t('picker.empty')}</li>}
      </ol>
    </div>
  );
}
