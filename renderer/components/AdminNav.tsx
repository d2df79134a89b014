/**
 * The header's 管理 menu: 员工管理, 设置 (policy and backups) and 操作日志, each shown only to the roles that
 * may open it. One menu instead of three more links, so the header still fits a 1280-pixel desk screen.
 * Keyboard: Enter or ↓ on 管理 opens it, ↑↓ move, Enter follows, Esc closes.
 */
import { useEffect, useRef, useState } from 'react';
import type { Actor } from '../api/types';
import { type MessageKey, useT } from '../i18n';
import type { Route } from '../lib/route';
import { can } from '../../src/api/spec';

const ITEMS: { to: Route; label: MessageKey; show(me: Actor | null): boolean }[] = [
  { to: 'staff', label: 'nav.staff', show: (me) => can(me, 'staff.create') },
  { to: 'settings', label: 'nav.settings', show: (me) => can(me, 'policy.get') || can(me, 'backup.list') },
  { to: 'audit', label: 'nav.audit', show: (me) => can(me, 'audit.list') },
];

export function AdminNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const items = ITEMS.filter((i) => i.show(me));
  const here = items.some((i) => i.to === route);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onHash = () => setOpen(false);
    window.addEventListener('mousedown', away);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('hashchange', onHash);
    };
  }, [open]);

  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('.admin-menu a')?.focus();
  }, [open]);

  if (items.length === 0) return null;

  const move = (e: React.KeyboardEvent, step: number) => {
    e.preventDefault();
    const links = [...(box.current?.querySelectorAll<HTMLElement>('.admin-menu a') ?? [])];
    const i = links.indexOf(document.activeElement as HTMLElement);
    links[(i + step + links.length) % links.length]?.focus();
  };

  return (
    <div
      className="admin-nav"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          setOpen(false);
          box.current?.querySelector<HTMLElement>('.admin-toggle')?.focus();
        } else if (e.key === 'ArrowDown') {
          if (!open) {
            e.preventDefault();
            setOpen(true);
          } else move(e, 1);
        } else if (e.key === 'ArrowUp' && open) move(e, -1);
      }}
    >
      <button
        type="button"
        className={`admin-toggle${here ? ' active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="nav-admin"
      >
        {t('nav.admin')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="admin-menu" role="menu" data-testid="admin-menu">
          {items.map((i) => (
            <a
              key={i.to}
              role="menuitem"
              href={`#/${i.to}`}
              className={route === i.to ? 'active' : ''}
              aria-current={route === i.to ? 'page' : undefined}
              onClick={() => setOpen(false)}
              data-testid={`nav-${i.to}`}
            >
              {t(i.label)}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
