/**
 * The office group's sites on the sign-in screen (and on a new site's first-run setup): shown only when the group
 * has more than one (session.sites), so a single office's screen is unchanged. The choice is remembered per
 * terminal and travels on every call (api/client X-Salesdesk-Site): the staff listed below it are that site's.
 */
import { useT } from '../i18n';
import { useSession } from '../stores/session';
import '../styles/security.css';

export function SitePicker() {
  const t = useT();
  const sites = useSession((s) => s.sites);
  const site = useSession((s) => s.site);
  const chooseSite = useSession((s) => s.chooseSite);
  if (sites.length < 2) return null;
  return (
    <label className="site-picker">
      <span>{t('signin.site')}</span>
      <select value={site ?? ''} onChange={(e) => void chooseSite(e.target.value)} data-testid="site-picker" title={t('signin.siteHint')}>
        {sites.map((s) => (
          <option key={s.code} value={s.code} data-testid={`site-option-${s.code}`}>
            {s.name ?? t('signin.siteUnnamed', { code: s.code })}
          </option>
        ))}
      </select>
    </label>
  );
}
