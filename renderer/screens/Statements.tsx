/**
 * The monthly commission statement (R-COM-5): what each consultant, referrer and the public pool (公佣)
 * is owed, the payable deals with every line's rule citation, and apart from them the deals held by a
 * dispute ("争议中，暂不结算") and those whose owner could not be found. Downloads come from
 * statement.export (.xlsx for the assistant, CSV with a BOM for Excel); Print uses a print stylesheet
 * that drops the app's header, footer and buttons, so the paper shows the statement only.
 *
 * Read through useApi: a deal closed or changed, a dispute raised or decided, a person renamed or a policy
 * changed at any terminal re-reads the statement (and the deals' customers and units) without a reload. A
 * file prepared for download holds the statement as it was: a changed statement drops its links.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Area } from '../api/changes';
import type { DealRow, DealSplitView } from '../api/types';
import { useApi } from '../api/useApi';
import { MonthPicker, useMonthLabel } from '../components/MonthPicker';
import { SplitLines } from '../components/SplitLines';
import { formatDay, formatTime, type Translate, useT } from '../i18n';
import { can } from '../../src/api/spec';
import { fileFromAnswer, type PreparedFile, releaseFile, saveFile } from '../lib/download';
import { formatYuan } from '../lib/money';
import { useOfficeMonth } from '../lib/officeMonth';
import { staffName, useSession } from '../stores/session';
import '../styles/money.css';
import { errorText } from '../i18n/reasons';

type Format = 'xlsx' | 'csv';

export function Statements() {
  const t = useT();
  const me = useSession((s) => s.me);
  const staff = useSession((s) => s.staff);
  const officeMonth = useOfficeMonth();
  const monthLabel = useMonthLabel();
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? officeMonth;
  const allowed = can(me, 'statement.month');
  // statement.month carries the split; deal.list the customer, unit and day of each deal.
  const read = useApi('statement.month', { month: month ?? '' }, { enabled: !!month && allowed, areas: STATEMENT_AREAS });
  const dealList = useApi('deal.list', { month: month ?? '' }, { enabled: !!month && allowed, areas: DEAL_AREAS });
  const statement = read.data?.month === month ? read.data : null;
  const deals = useMemo(() => new Map((dealList.data ?? []).map((x) => [x.id, x])), [dealList.data]);
  const loadError = read.error ? errorText(read.error) : null;
  const [files, setFilesState] = useState<Partial<Record<Format, PreparedFile>>>({});
  // Object URLs hold the file in memory until released: a replaced or abandoned file is let go.
  const filesRef = useRef(files);
  const setFiles = useCallback((next: Partial<Record<Format, PreparedFile>>) => {
    for (const f of ['xlsx', 'csv'] as const) if (filesRef.current[f] !== next[f]) releaseFile(filesRef.current[f]);
    filesRef.current = next;
    setFilesState(next);
  }, []);
  const [exporting, setExporting] = useState<Format | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState<Date | null>(null);

  // Another month, or the statement changed at another terminal: the files prepared from it go.
  useEffect(() => {
    setFiles({});
    setExportError(null);
  }, [statement, setFiles]);

  useEffect(() => () => Object.values(filesRef.current).forEach(releaseFile), []);

  useEffect(() => {
    const after = () => setPrintedAt(null);
    window.addEventListener('afterprint', after);
    return () => window.removeEventListener('afterprint', after);
  }, []);

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of [...(statement?.deals ?? []), ...(statement?.held ?? [])])
      for (const l of d.lines) if (l.name !== null) m.set(l.beneficiary, l.name);
    return m;
  }, [statement]);

  if (!allowed) {
    return (
      <main className="money-screen" data-testid="statements">
        <p className="card muted">{t('statements.notAllowed')}</p>
      </main>
    );
  }

  const download = async (format: Format) => {
    if (!month || exporting) return;
    setExporting(format);
    setExportError(null);
    const r = await api.call('statement.export', { month, format });
    setExporting(null);
    if (!r.ok) return setExportError(errorText(r.error));
    const file = fileFromAnswer(r.value);
    setFiles({ ...filesRef.current, [format]: file });
    saveFile(file);
  };

  const print = () => {
    setPrintedAt(new Date());
    // let React paint the print header before the dialog freezes the page
    setTimeout(() => window.print(), 50);
  };

  const totals = statement ? orderedTotals(statement.totals) : [];
  const grand = totals.reduce((a, [, v]) => a + v, 0);
  const label = (id: string) => (id === 'pool' ? t('statements.pool') : (names.get(id) ?? staffName(staff, id)));

  return (
    <main className="money-screen statements-screen" data-testid="statements">
      <div className="screen-title">
        <h1>{t('statements.title')}</h1>
        {month && <MonthPicker month={month} onChange={setChosen} testId="statement-month" />}
        <div className="title-actions no-print">
          <button type="button" onClick={() => void download('xlsx')} disabled={!statement || !!exporting} data-testid="export-xlsx">
            {exporting === 'xlsx' ? t('statements.exporting') : t('statements.downloadXlsx')}
          </button>
          <button type="button" onClick={() => void download('csv')} disabled={!statement || !!exporting} data-testid="export-csv">
            {exporting === 'csv' ? t('statements.exporting') : t('statements.downloadCsv')}
          </button>
          <button type="button" className="primary" onClick={print} disabled={!statement} data-testid="print-statement">
            {t('statements.print')}
          </button>
        </div>
      </div>
      {(files.xlsx || files.csv || exportError) && (
        <p className="download-links no-print" data-testid="download-links">
          {exportError ? (
            <span className="error" role="alert" data-testid="export-error">
              {exportError}
            </span>
          ) : (
            <>
              <span className="muted">{t('statements.ready')}</span>
              {(['xlsx', 'csv'] as const).map(
                (f) =>
                  files[f] && (
                    <a key={f} href={files[f].url} download={files[f].filename} data-testid={`download-link-${f}`}>
                      {files[f].filename}
                    </a>
                  ),
              )}
            </>
          )}
        </p>
      )}
      {loadError && (
        <p className="error" role="alert" data-testid="statement-error">
          {loadError}
        </p>
      )}
      {month && statement && (
        <div className="statement" data-testid="statement" data-month={statement.month}>
          <header className="print-only print-head">
            <h1>{t('statements.printTitle', { month: monthLabel(statement.month) })}</h1>
            <p>
              {t('statements.printedAt', {
                when: printedAt ? `${formatDay(isoDay(printedAt))} ${formatTime(printedAt.toISOString())}` : '',
              })}
            </p>
          </header>

          <section className="card statement-totals">
            <h2>{t('statements.totalsTitle', { month: monthLabel(statement.month) })}</h2>
            {totals.length === 0 ? (
              <p className="muted" data-testid="statement-empty">
                {t('statements.nothingPayable')}
              </p>
            ) : (
              <table className="totals-table" data-testid="statement-totals">
                <thead>
                  <tr>
                    <th>{t('statements.col.who')}</th>
                    <th className="num">{t('statements.col.deals')}</th>
                    <th className="num">{t('statements.col.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {totals.map(([id, cents]) => (
                    <tr
                      key={id}
                      className={id === 'pool' ? 'pool-row' : ''}
                      data-testid="total-row"
                      data-beneficiary={id}
                      data-amount={cents}
                    >
                      <td>{label(id)}</td>
                      <td className="num">{statement.deals.filter((d) => d.lines.some((l) => l.beneficiary === id)).length}</td>
                      <td className="num money">{formatYuan(cents)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-testid="grand-total" data-amount={grand}>
                    <td>{t('statements.grandTotal')}</td>
                    <td className="num">{statement.deals.length}</td>
                    <td className="num money">{formatYuan(grand)}</td>
                  </tr>
                </tfoot>
              </table>
            )}
            <p className="statement-counts muted">
              {t('statements.counts', {
                payable: statement.deals.length,
                held: statement.held.length,
                unresolved: statement.unresolved.length,
              })}
            </p>
          </section>

          <DealSection
            title={t('statements.payableTitle')}
            splits={statement.deals}
            deals={deals}
            testId="payable"
            t={t}
            empty={t('statements.noPayable')}
          />
          {statement.held.length > 0 && (
            <DealSection
              title={t('statements.heldTitle')}
              note={t('statements.heldNote')}
              splits={statement.held}
              deals={deals}
              testId="held"
              t={t}
              tone="held"
            />
          )}
          {statement.unresolved.length > 0 && (
            <DealSection
              title={t('statements.unresolvedTitle')}
              note={t('statements.unresolvedNote')}
              splits={statement.unresolved}
              deals={deals}
              testId="unresolved"
              t={t}
              tone="unresolved"
            />
          )}
          <footer className="print-only statement-sign" data-testid="statement-sign">
            {SIGNERS.map((who) => (
              <p key={who} data-testid="statement-signer" data-signer={who}>
                <span>{t(`statements.sign.${who}`)}</span>
                <span className="sign-line" />
                <span>{t('statements.signDate')}</span>
                <span className="sign-line short" />
              </p>
            ))}
          </footer>
        </div>
      )}
      {month && !statement && !loadError && <p className="muted">{t('statements.loading')}</p>}
    </main>
  );
}

/** Who signs the printed statement, as on the .xlsx: who made it, the project manager, the sales director. */
const SIGNERS = ['preparer', 'pm', 'director'] as const;

/** What a statement is made of: deals and their disputes, who is who (names), the policy's shares. */
const STATEMENT_AREAS: readonly Area[] = ['deals', 'disputes', 'staff', 'policy'];
/** The deals' heads: the customer's name and the unit. */
const DEAL_AREAS: readonly Area[] = ['deals', 'customers'];

/** People in the order the statement met them, the public pool last. */
function orderedTotals(totals: Record<string, number>): [string, number][] {
  const entries = Object.entries(totals);
  return [...entries.filter(([k]) => k !== 'pool'), ...entries.filter(([k]) => k === 'pool')];
}

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function DealSection({
  title,
  note,
  splits,
  deals,
  testId,
  t,
  tone,
  empty,
}: {
  title: string;
  note?: string;
  splits: readonly DealSplitView[];
  deals: Map<number, DealRow>;
  testId: string;
  t: Translate;
  tone?: 'held' | 'unresolved';
  empty?: string;
}) {
  return (
    <section className={`card statement-section${tone ? ` ${tone}` : ''}`} data-testid={`statement-${testId}`}>
      <h2>
        {title} <span className="count">{splits.length}</span>
      </h2>
      {note && <p className="section-note">{note}</p>}
      {splits.length === 0 && empty && <p className="muted">{empty}</p>}
      {splits.map((s) => {
        const d = deals.get(s.dealId);
        return (
          <div key={s.dealId} className="statement-deal" data-testid="statement-deal" data-deal={s.dealId}>
            <p className="statement-deal-head">
              <span className="deal-id">#{s.dealId}</span>
              {d && (
                <>
                  <span>{formatDay(d.day)}</span>
                  <b>{d.customerName}</b>
                  <span>{d.unit}</span>
                </>
              )}
              <span className="statement-deal-commission">
                {t('deals.commission')} <b className="money">{formatYuan(s.commission)}</b>
              </span>
            </p>
            {s.problem && s.lines.length > 0 && <p className="split-problem">{t(`split.problem.${s.problem}`)}</p>}
            <SplitLines split={s} testId={`${testId}-split`} />
          </div>
        );
      })}
    </section>
  );
}
