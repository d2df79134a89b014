import type { Actor } from '../api/types';
import { useLang, useT } from '../i18n';
import { AdminNav } from './AdminNav';
import { FollowUpNav } from './FollowUpNav';
import { BackupChip } from './BackupWarnings';
import { CommissionNav } from './CommissionNav';
import { HeaderSearch } from './HeaderSearch';
import { PmNav } from './PmNav';
import { MineNav } from './MineNav';
import { can } from '../../src/api/spec';
import type { Route } from '../lib/route';
import { usable } from '../lib/screens';

interface Props {
  me: Actor | null;
  route: Route;
  onSwitch(): void;
}

export function Header({ me, route, onSwitch }: Props) {
  const t = useT();
  const { lang, setLang } = useLang();
  // The desk station stands for nobody: it says so instead of a name (docs/security.md).
  const station = !!me && 'station' in me && !!me.station;
  return (
    <header className="app-header">
      <div className="brand">{t('app.title')}</div>
      <nav className="nav" aria-label={t('nav.label')}>
        {(!me || usable('desk', me)) && (
          <a
            href="#/desk"
            className={route === 'desk' ? 'active' : ''}
            aria-current={route === 'desk' ? 'page' : undefined}
            data-testid="nav-desk"
          >
            {t('nav.desk')}
          </a>
        )}
        {(!me || usable('roster', me)) && (
          <a
            href="#/roster"
            className={route === 'roster' ? 'active' : ''}
            aria-current={route === 'roster' ? 'page' : undefined}
            data-testid="nav-roster"
          >
            {t('nav.roster')}
          </a>
        )}
        <PmNav me={me} route={route} />
        <CommissionNav me={me} route={route} />
        <FollowUpNav me={me} route={route} />
        <MineNav me={me} route={route} />
        <AdminNav me={me} route={route} />
      </nav>
      <BackupChip />
      {can(me, 'customer.get') && !station && <HeaderSearch />}
      <div className="acting">
        <span className="acting-label">{t('header.acting')}</span>
        <span className="acting-name" data-testid="acting-person" data-staff={me?.id ?? ''}>
          {me ? (station ? t('station.name') : me.name) : t('header.nobody')}
        </span>
        {me && station && (
          <span className="acting-roles" data-testid="station-badge">
            {t('station.roles')}
          </span>
        )}
        {me && !station && (
          <span className="acting-roles" title={me.roles.map((r) => t(`role.${r}`)).join(' · ')}>
            {me.roles.map((r) => t(`role.${r}`)).join(' · ')}
          </span>
        )}
        <button type="button" className="switch" onClick={onSwitch} data-testid="switch-person" title="F2">
          {t('header.switch')} <kbd>F2</kbd>
        </button>

        <button type="button" className="lang" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="lang-toggle">
          {t('header.otherLanguage')}
        </button>
      </div>
    </header>
  );
}
