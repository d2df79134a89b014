/** The header's 我的佣金 and 我的客户: a consultant's own (issue 17 item 17). */
import type { Actor } from '../api/types';
import { useT } from '../i18n';
import type { Route } from '../lib/route';
import { usable } from '../lib/screens';

export function MineNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const links = [
    { to: 'my-commission', label: t('mine.navCommission') },
    { to: 'my-customers', label: t('mine.navCustomers') },
    { to: 'phone', label: t('phone.nav') },
  ] as const;
  return (
    <>
      {links
        .filter((l) => me && usable(l.to, me))
        .map((l) => (
          <a
            key={l.to}
            href={`#/${l.to}`}
            className={route === l.to ? 'active' : ''}
            aria-current={route === l.to ? 'page' : undefined}
            data-testid={`nav-${l.to}`}
          >
            {l.label}
          </a>
        ))}
    </>
  );
}
