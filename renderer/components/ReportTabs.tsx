/** 看板 | 周报: the two report screens behind the header's one 报表 link. */
import { useT } from '../i18n';

export function ReportTabs({ here }: { here: 'dashboard' | 'weekly' }) {
  const t = useT();
  return (
    <nav className="report-tabs no-print" aria-label={t('nav.reports')}>
      {(['dashboard', 'weekly'] as const).map((r) => (
        <a key={r} href={`#/${r}`} className={here === r ? 'on' : ''} aria-current={here === r ? 'page' : undefined} data-testid={`tab-${r}`}>
          {t(r === 'dashboard' ? 'rep.tabDashboard' : 'rep.tabWeekly')}
        </a>
      ))}
    </nav>
  );
}
