/** The header's links to 登记确认 and 推介客户, each shown only to the roles that may open it. */
import type { Actor, Role } from '../api/types';
import { useT } from '../i18n';
import { hasAnyRole } from '../lib/roles';
import type { Route } from '../lib/route';

/** registration.day / confirm: the project manager and the director (R-OWN-3) */
export const REGISTRATION_ROLES: readonly Role[] = ['project_manager', 'sales_director'];
/** referral.list: they and the sales assistant, who keeps the forms (R-REF-1) */
export const REFERRAL_ROLES: readonly Role[] = ['project_manager', 'sales_director', 'sales_assistant'];
/** customer.search and customer.get */
export const CUSTOMER_READERS: readonly Role[] = ['front_desk', 'consultant', 'sales_assistant', 'sales_manager', 'project_manager', 'sales_director'];

export function PmNav({ me, route }: { me: Actor | null; route: Route }) {
  const t = useT();
  const links = [
    { to: 'registrations', label: t('nav.registrations'), show: hasAnyRole(me, REGISTRATION_ROLES) },
    { to: 'referrals', label: t('nav.referrals'), show: hasAnyRole(me, REFERRAL_ROLES) },
  ] as const;
  return (
    <>
      {links
        .filter((l) => l.show)
        .map((l) => (
          <a key={l.to} href={`#/${l.to}`} className={route === l.to ? 'active' : ''} aria-current={route === l.to ? 'page' : undefined} data-testid={`nav-${l.to}`}>
            {l.label}
          </a>
        ))}
    </>
  );
}
