/**
 * R-SEC-2 warnings from backup.status: on the desk a clear banner when the newest verified backup is more
 * than two days old (or there is none yet), and a red one when the start-up check found the database
 * damaged and every write is refused (worded here from the server's facts). The header carries a small chip
 * with the same news on every screen; the people who keep backups get a link to 设置.
 */
import { formatWhen, useT } from '../i18n';
import { readOnlyText } from '../i18n/reasons';
import { can } from '../../src/api/spec';
import { useBackupStatus } from '../stores/backup';
import { useSession } from '../stores/session';
import '../styles/security.css';

export function BackupBanners() {
  const t = useT();
  const status = useBackupStatus((s) => s.status);
  const me = useSession((s) => s.me);
  if (!status || (!status.stale && !status.readOnly)) return null;
  const keeper = can(me, 'backup.list');
  return (
    <div className="safety-banners">
      {status.readOnly && (
        <p className="safety-banner read-only" role="alert" data-testid="readonly-banner">
          <strong>{t('backup.readOnlyTitle')}</strong> {readOnlyText(t, status.readOnly)}
        </p>
      )}
      {status.stale && (
        <p className="safety-banner stale" role="status" data-testid="backup-stale-banner">
          <strong>{status.lastGood ? t('backup.stale') : t('backup.none')}</strong>
          {status.lastGood && <span> {t('backup.staleSince', { when: formatWhen(status.lastGood.at) })}</span>}
          <span> {keeper ? t('backup.staleKeeper') : t('backup.staleOthers')}</span>
          {keeper && (
            <a href="#/settings" className="safety-link" data-testid="backup-stale-link">
              {t('backup.goBackup')}
            </a>
          )}
        </p>
      )}
    </div>
  );
}

export function BackupChip() {
  const t = useT();
  const status = useBackupStatus((s) => s.status);
  const me = useSession((s) => s.me);
  if (!status || (!status.stale && !status.readOnly)) return null;
  const label = status.readOnly ? t('backup.chipReadOnly') : status.lastGood ? t('backup.chipStale') : t('backup.chipNone');
  const title = status.readOnly
    ? readOnlyText(t, status.readOnly)
    : status.lastGood
      ? `${t('backup.stale')} ${t('backup.staleSince', { when: formatWhen(status.lastGood.at) })}`
      : t('backup.none');
  const cls = `backup-chip${status.readOnly ? ' read-only' : ''}`;
  return can(me, 'backup.list') ? (
    <a
      href="#/settings"
      className={cls}
      title={title}
      aria-label={label}
      data-testid="header-backup-warning"
      data-kind={status.readOnly ? 'read-only' : 'stale'}
    >
      <span aria-hidden="true">⚠</span> <span className="chip-text">{label}</span>
    </a>
  ) : (
    <span
      className={cls}
      title={title}
      aria-label={label}
      data-testid="header-backup-warning"
      data-kind={status.readOnly ? 'read-only' : 'stale'}
    >
      <span aria-hidden="true">⚠</span> <span className="chip-text">{label}</span>
    </span>
  );
}
