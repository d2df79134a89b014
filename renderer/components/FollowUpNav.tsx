/** The header's 今天 (consultants), 客户跟进 (managers) and 报表 (managers, assistant: dashboard + weekly report). */
import type { Actor } from '../api/types';
import { useT } from '../i18n';
import { can } from '../../src/api/spec';
import type { Route } from '../lib/route';

export function FollowUpNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const links = [
    { to: 'today', label: t('nav.today'), show: can(me, 'followUp.today'), here: route === 'today' },
    { to: 'follow-up', label: t('nav.followUp'), show: can(me, 'followUp.overview'), here: route === 'follow-up' },
    { to: 'dashboard', label: t('nav.reports'), show: can(me, 'dashboard.data'), here: route === 'dashboard' || route === 'weekly' },
  ] as const;
  return (
    <>
      {links
        .filter((l) => l.show)
        .map((l) => (
          <a
            key={l.to}
            href={`#/${l.to}`}
            className={l.here ? 'active' : ''}
            aria-current={l.here ? 'page' : undefined}
            data-testid={`nav-${l.to}`}
          >
            {l.label}
          </a>
        ))}
    </>
  );
}
