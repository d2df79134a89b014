/**
 * Pick a customer by typing: phone digits, a name, its pinyin or pinyin initials (customer.search answers
 * as you type). ↑↓ move, Enter picks, Esc closes the list; once picked, the customer shows as a chip
 * that ✕ (or Backspace) clears. A combobox in the ARIA sense, so a screen reader follows it too.
 */
import { CustomerOption } from './CustomerOption';
import { forwardRef, useEffect, useId, useState } from 'react';
import { useApi } from '../api/useApi';
import { useDebounced } from '../lib/useDebounced';
import type { CustomerHit } from '../api/types';
import { useT } from '../i18n';
import '../styles/money.css';
import { errorText } from '../i18n/reasons';

const SEARCH_DEBOUNCE_MS = 150;

interface Props {
  value: CustomerHit | null;
  onChange(customer: CustomerHit | null): void;
  label: string;
  invalid?: boolean;
  testId?: string;
}

export const CustomerSearch = forwardRef<HTMLInputElement, Props>(function CustomerSearch(
  { value, onChange, label, invalid, testId = 'customer-search' },
  ref,
) {
  const t = useT();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();

  // One read per pause in typing, a reply to an older query never shown (useApi); the last list stays until the
  // next one is in. No areas and no resync: customer.search is an audited read, read again only for a new query.
  const query = useDebounced(value ? '' : q.trim(), SEARCH_DEBOUNCE_MS);
  const search = useApi('customer.search', { q: query }, { enabled: query !== '', keepPrevious: true, resync: false });
  const error = query !== '' && search.error ? errorText(search.error) : null;
  const hits: CustomerHit[] = query === '' || error ? [] : (search.data ?? []);
  // each answer starts at its first hit and shows the list
  useEffect(() => {
    if (search.seq === 0) return;
    setActive(0);
    setOpen(true);
  }, [search.seq]);

  const pick = (c: CustomerHit) => {
    onChange(c);
    setQ('');
    setOpen(false);
  };

  if (value) {
    return (
      <div className="field">
        <span>{label}</span>
        <div className="customer-chip" data-testid={`${testId}-chosen`} data-customer={value.id}>
          <span className="customer-chip-name">{value.name}</span>
          <span className="muted">{value.phone}</span>
          <button
            type="button"
            className="quiet"
            onClick={() => onChange(null)}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' || e.key === 'Delete') onChange(null);
            }}
            aria-label={t('customerSearch.clear')}
            data-testid={`${testId}-clear`}
          >
            ✕
          </button>
        </div>
      </div>
    );
  }

  return (
    <label className="field customer-search">
      <span>{label}</span>
      <input
        ref={ref}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && hits.length) {
            e.preventDefault();
            setActive((a) => (a - 1 + hits.length) % hits.length);
          } else if (e.key === 'Enter' && open && hits[active]) {
            e.preventDefault();
            pick(hits[active]);
          } else if (e.key === 'Escape' && open && q) {
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && hits[active] ? `${listId}-${hits[active].id}` : undefined}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        placeholder={t('customerSearch.placeholder')}
        data-testid={testId}
      />
      {open && q.trim() && (
        <ul className="customer-options" id={listId} role="listbox" data-testid={`${testId}-options`}>
          {error ? (
            <li className="customer-options-note error-text">{error}</li>
          ) : hits.length === 0 ? (
            <li className="customer-options-note">{t('customerSearch.none')}</li>
          ) : (
            hits.map((c, i) => (
              <CustomerOption
                key={c.id}
                customer={c}
                listId={listId}
                active={i === active}
                onActivate={() => setActive(i)}
                onChoose={() => pick(c)}
                testId="customer-option"
                look="customer-option"
              />
            ))
          )}
        </ul>
      )}
    </label>
  );
});
