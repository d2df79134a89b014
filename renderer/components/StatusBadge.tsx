import type { QueueEntry } from '../api/types';
import { useT } from '../i18n';

/** 在岗 / 缺岗 / 外出（已批准）/ 午餐 / 下班, and 接待中：客户 when receiving. */
export function StatusBadge({ entry }: { entry: QueueEntry }) {
  const t = useT();
  const label = entry.status === 'away' && entry.awayApproved ? t('status.awayApproved') : t(`status.${entry.status}`);
  return (
    <span className="badges">
      <span className={`badge status-${entry.status}`} data-testid="status-badge" data-status={entry.status}>
        {label}
      </span>
      {entry.receiving.map((r) => (
        <span key={r.visitId} className="badge receiving" data-testid="receiving-badge">
          {t('status.receiving', { customer: r.customerName })}
        </span>
      ))}
    </span>
  );
}
