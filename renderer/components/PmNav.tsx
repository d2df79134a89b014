/** The header's links to 登记确认 and 推介客户, each shown only to the roles that may open it. */
import { can } from '../../src/api/spec';
import type { Actor } from '../api/types';
import { useT } from '../i18n';
import type { Route } from '../lib/route';

export function PmNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const links = [
    { to: 'registrations', label: t('nav.registrations'), show: can(me, 'registration.day') },
    { to: 'referrals', label: t('nav.referrals'), show: can(me, 'referral.list') },
  ] as const;
  return (
    <>
      {links
        .filter((l) => l.show)
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
