/** The header's links to 集团总览 / 成交 / 结算单 / 争议, each shown only to the roles that may open it. */
import type { Actor } from '../api/types';
import { useT } from '../i18n';
import { can } from '../../src/api/spec';
import type { Route } from '../lib/route';

export function CommissionNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const links = [
    { to: 'group', label: t('group.nav'), show: can(me, 'group.statements') },
    { to: 'deals', label: t('deals.nav'), show: can(me, 'deal.list') },
    { to: 'statements', label: t('statements.nav'), show: can(me, 'statement.month') },
    { to: 'disputes', label: t('disputes.nav'), show: can(me, 'dispute.list') },
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
