/**
 * A deal's commission split as the server computed it (R-COM-1, 2): one row per beneficiary with the share,
 * the exact amount and the rules it cites. Each citation shows its rule id; hovering shows why, and clicking
 * (or Enter) opens it in place, so it also prints and reads on a touch screen. The server sends each citation
 * as its rule and facts (src/domain/commission.ts Citation); the words are the dictionary's (`cite.*`).
 */
import type { DealSplitView, RuleCitation } from '../api/types';
import { useT } from '../i18n';
import { formatBps, formatYuan } from '../lib/money';
import { citeKey, citeText, citeWhy } from './citation-text';
import '../styles/money.css';

export function Citation({ cite }: { cite: RuleCitation }) {
  const t = useT();
  return (
    <>
      <details className="cite" data-testid="cite" data-rule={cite.rule}>
        <summary title={citeText(t, cite)}>{cite.rule}</summary>
        <span className="cite-text">{citeWhy(t, cite)}</span>
      </details>
      {/* paper cannot be clicked: the whole citation is printed instead */}
      <span className="cite-print">{citeText(t, cite)}</span>
    </>
  );
}

export function SplitLines({ split, testId = 'split' }: { split: DealSplitView; testId?: string }) {
  const t = useT();
  if (split.lines.length === 0) {
    return (
      <p className="split-problem" data-testid={`${testId}-problem`}>
        {t('split.noLines')}
        {split.problem ? ` ${t(`split.problem.${split.problem}`)}` : ''}
      </p>
    );
  }
  const total = split.lines.reduce((a, l) => a + l.amount, 0);
  return (
    <table
      className={`split-table${split.held ? ' held' : ''}`}
      data-testid={testId}
      data-deal={split.dealId}
      data-held={split.held ? 'true' : 'false'}
      data-decided={split.decided ? 'true' : 'false'}
    >
      <thead>
        <tr>
          <th>{t('split.who')}</th>
          <th className="num">{t('split.share')}</th>
          <th className="num">{t('split.amount')}</th>
          <th>{t('split.rules')}</th>
        </tr>
      </thead>
      <tbody>
        {split.lines.map((l) => (
          <tr
            key={l.beneficiary}
            data-testid="split-line"
            data-beneficiary={l.beneficiary}
            data-bps={l.bps}
            data-amount={l.amount}
            data-rules={l.cites.map((c) => c.rule).join(' ')}
          >
            <td className="split-who">
              {l.name ?? t('statements.pool')}
              {l.kind !== 'consultant' && <span className="split-kind">{t(`split.kind.${l.kind}`)}</span>}
            </td>
            <td className="num">{formatBps(l.bps)}</td>
            <td className="num money">{formatYuan(l.amount)}</td>
            <td className="split-cites">
              {l.cites.map((c) => (
                <Citation key={citeKey(c)} cite={c} />
              ))}
            </td>
          </tr>
        ))}
      </tbody>
      {split.lines.length > 1 && (
        <tfoot>
          <tr>
            <td>{t('split.total')}</td>
            <td className="num">{formatBps(split.lines.reduce((a, l) => a + l.bps, 0))}</td>
            <td className="num money">{formatYuan(total)}</td>
            <td />
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** 争议中·暂缓 / 已裁决 / 待处理, beside a deal's title. */
export function SplitBadges({ split }: { split: DealSplitView }) {
  const t = useT();
  return (
    <>
      {split.held && (
        <span className="badge held-badge" data-testid="held-badge" title={t('split.heldHint')}>
          {t('split.held')}
        </span>
      )}
      {split.decided && !split.held && (
        <span className="badge decided-badge" data-testid="decided-badge" title={t('split.decidedHint')}>
          {t('split.decided')}
        </span>
      )}
      {split.problem && !split.held && (
        <span className="badge problem-badge" data-testid="problem-badge" title={t(`split.problem.${split.problem}`)}>
          {t('split.problemBadge')}
        </span>
      )}
    </>
  );
}
