/** 看板 | 周报: the two report screens behind the header's one 报表 link. */
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { can } from '../../src/api/spec';
import { useSession } from '../stores/session';

/** A report screen, or a plain sentence for a person whose roles do not read reports (the server refuses too). */
export function ReportsOnly({ testId, refusal, children }: { testId: string; refusal: string; children: ReactNode }) {
  const me = useSession((s) => s.me);
  if (can(me, 'dashboard.data')) return children;
  return (
    <main className="fu-screen" data-testid={testId}>
      <p className="card muted">{refusal}</p>
    </main>
  );
}

export function ReportTabs({ here }: { here: 'dashboard' | 'weekly' }) {
  const t = useT();
  return (
    <nav className="report-tabs no-print" aria-label={t('nav.reports')}>
      {(['dashboard', 'weekly'] as const).map((r) => (
        <a
          key={r}
          href={`#/${r}`}
          className={here === r ? 'on' : ''}
          aria-current={here === r ? 'page' : undefined}
          data-testid={`tab-${r}`}
        >
          {t(r === 'dashboard' ? 'rep.tabDashboard' : 'rep.tabWeekly')}
        </a>
      ))}
    </nav>
  );
}
