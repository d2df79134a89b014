/**
 * The header's customer search: results as you type (customer.search: phone digits, a name, pinyin or its
 * initials like "zj"), ↑↓ and Enter open the customer page, Esc closes. F3 focuses it from anywhere.
 */
import { CustomerOption } from './CustomerOption';
import { useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../api/useApi';
import { useDebounced } from '../lib/useDebounced';
import type { CustomerHit } from '../api/types';
import { useT } from '../i18n';
import { customerHref } from '../lib/route';
import '../styles/registrations.css';
import { errorText } from '../i18n/reasons';

const SEARCH_DEBOUNCE_MS = 120;

export function HeaderSearch() {
  const t = useT();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  // One read per pause in typing, a reply to an older query never shown (useApi); the last list stays until the
  // next one is in, and before the first 搜索中. No areas and no resync: customer.search is an audited read.
  const query = useDebounced(q.trim(), SEARCH_DEBOUNCE_MS);
  const search = useApi('customer.search', { q: query }, { enabled: query !== '', keepPrevious: true, resync: false });
  const error = query !== '' && search.error ? errorText(search.error) : null;
  const hits: CustomerHit[] | null = query === '' ? null : error ? [] : (search.data ?? null);
  // each answer starts at its first hit
  useEffect(() => {
    if (search.seq > 0) setActive(0);
  }, [search.seq]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F3') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (c: CustomerHit) => {
    location.hash = customerHref(c.id);
    setQ('');
    setOpen(false);
    input.current?.blur();
  };

  const showList = open && q.trim() !== '';

  return (
    <div className="header-search" role="search">
      <input
        ref={input}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          const n = hits?.length ?? 0;
          if (e.key === 'ArrowDown' && n) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % n);
          } else if (e.key === 'ArrowUp' && n) {
            e.preventDefault();
            setActive((a) => (a - 1 + n) % n);
          } else if (e.key === 'Enter' && hits?.[active]) {
            e.preventDefault();
            go(hits[active]);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setQ('');
            setOpen(false);
            input.current?.blur();
          }
        }}
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && hits?.[active] ? `${listId}-${hits[active].id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        title={t('search.title')}
        data-testid="header-search"
      />
      {!q && <kbd className="header-search-key">F3</kbd>}
      {showList && (
        <ul className="header-search-results" id={listId} role="listbox" data-testid="header-search-results">
          {error ? (
            <li className="header-search-note error-text">{error}</li>
          ) : hits === null ? (
            <li className="header-search-note">{t('search.searching')}</li>
          ) : hits.length === 0 ? (
            <li className="header-search-note" data-testid="header-search-none">
              {t('search.none')}
            </li>
          ) : (
            hits.map((c, i) => (
              <CustomerOption
                key={c.id}
                customer={c}
                listId={listId}
                active={i === active}
                onActivate={() => setActive(i)}
                onChoose={() => go(c)}
                testId="header-search-hit"
                look="header-search"
              />
            ))
          )}
          {hits && hits.length > 0 && <li className="header-search-note hint-row">{t('search.hint')}</li>}
        </ul>
      )}
    </div>
  );
}
