/**
 * The weekly report (#/weekly, R-TRK-3): any week (last week by default) — calls, visits and deals per
 * consultant and in total, then the lists. 下载 Excel saves report.weeklyExport under the server's filename;
 * 打印 prints the report alone (the print stylesheet hides the app's header, footer and buttons).
 */
import { useEffect, useRef, useState } from 'react';
import { api, type Output } from '../api/client';
import { useApi } from '../api/useApi';
import { ReportsOnly, ReportTabs } from '../components/ReportTabs';
import { formatDay, formatWhen, receptionLabel, sourceLabel, useT } from '../i18n';
import { shiftDay } from '../lib/days';
import { fileFromAnswer, type PreparedFile, releaseFile, saveFile } from '../lib/download';
import { formatYuan } from '../lib/money';
import { staffName, useSession } from '../stores/session';
import '../styles/followup.css';
import { errorText } from '../i18n/reasons';
import { DateField } from '../components/DateField';

type Report = Output<'report.weekly'>;

export function Weekly() {
  const t = useT();
  return (
    <ReportsOnly testId="weekly-screen" refusal={t('wk.notAllowed')}>
      <WeeklyView />
    </ReportsOnly>
  );
}

function WeeklyView() {
  const t = useT();
  const staff = useSession((s) => s.staff);
  const [day, setDay] = useState<string | null>(null); // null: the server's default, last week
  const [exportError, setExportError] = useState<string | null>(null);
  const [file, setFileState] = useState<PreparedFile | null>(null);
  const fileRef = useRef<PreparedFile | null>(null);
  const setFile = (f: PreparedFile | null) => {
    if (fileRef.current !== f) releaseFile(fileRef.current);
    fileRef.current = f;
    setFileState(f);
  };
  const [exporting, setExporting] = useState(false);
  const [printedAt, setPrintedAt] = useState<Date | null>(null);

  // Re-read when a call, a visit or a deal of the week is recorded or changed at any terminal.
  const weekly = useApi('report.weekly', day ? { day } : {}, { areas: ['registrations', 'customers', 'deals'] });
  const report: Report | null = weekly.data ?? null;
  const error = exportError ?? (weekly.error ? errorText(weekly.error) : null);

  // A file prepared for download holds the report as it was: another week, or a changed report, drops it.
  useEffect(() => {
    setFile(null);
    setExportError(null);
  }, [report]);
  useEffect(() => () => releaseFile(fileRef.current), []);
  useEffect(() => {
    const after = () => setPrintedAt(null);
    window.addEventListener('afterprint', after);
    return () => window.removeEventListener('afterprint', after);
  }, []);

  const download = async () => {
    if (!report) return;
    setExporting(true);
    const r = await api.call('report.weeklyExport', { day: report.from });
    setExporting(false);
    if (!r.ok) return setExportError(errorText(r.error));
    const f = fileFromAnswer(r.value);
    setFile(f);
    saveFile(f);
  };

  const print = () => {
    setPrintedAt(new Date());
    setTimeout(() => window.print(), 50);
  };

  const step = (n: number) => report && setDay(shiftDay(report.from, n));
  const name = (id: string) => staffName(staff, id);

  return (
    <main className="fu-screen weekly-screen" data-testid="weekly-screen">
      <div className="screen-title fu-title report-head">
        <h1>{t('wk.title')}</h1>
        {report && (
          <span className="lead weekly-range" data-testid="weekly-range" data-from={report.from} data-to={report.to}>
            {t('wk.range', { from: formatDay(report.from), to: formatDay(report.to), week: report.week })}
          </span>
        )}
        <ReportTabs here="weekly" />
      </div>
      <div
        className="weekly-bar no-print"
        onKeyDown={(e) => {
          if (e.key === 'PageUp' || e.key === 'PageDown') {
            e.preventDefault();
            step(e.key === 'PageUp' ? -7 : 7);
          }
        }}
      >
        <button type="button" onClick={() => step(-7)} disabled={!report} data-testid="weekly-prev" title="PageUp">
          ‹ {t('wk.prev')}
        </button>
        <label className="weekly-pick">
          <span className="muted small">{t('wk.pick')}</span>
          <DateField value={day ?? report?.from ?? ''} onChange={(d) => d && setDay(d)} testId="weekly-day" />
        </label>
        <button type="button" onClick={() => step(7)} disabled={!report} data-testid="weekly-next" title="PageDown">
          {t('wk.next')} ›
        </button>
        <button type="button" className="quiet" onClick={() => setDay(null)} data-testid="weekly-last">
          {t('wk.lastWeek')}
        </button>
        <span className="weekly-actions">
          <button
            type="button"
            className="primary"
            onClick={() => void download()}
            disabled={!report || exporting}
            data-testid="weekly-download"
          >
            {exporting ? t('wk.downloading') : t('wk.download')}
          </button>
          {file && (
            <a href={file.url} download={file.filename} className="file-link" data-testid="weekly-file">
              {file.filename}
            </a>
          )}
          <button type="button" onClick={print} disabled={!report} data-testid="weekly-print">
            {t('wk.print')}
          </button>
        </span>
      </div>
      {printedAt && <p className="print-only muted small">{t('wk.printedAt', { when: formatWhen(printedAt.toISOString()) })}</p>}

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!report ? (
        !error && <p className="muted">{t('rep.loading')}</p>
      ) : (
        <div data-testid="weekly-report" data-loaded="true" data-week={report.week}>
          <section className="card">
            <table className="fu-table weekly-table" data-testid="weekly-table">
              <thead>
                <tr>
                  <th>{t('wk.consultant')}</th>
                  <th className="num">{t('wk.calls')}</th>
                  <th className="num">{t('wk.visits')}</th>
                  <th className="num">{t('wk.deals')}</th>
                </tr>
              </thead>
              <tbody>
                {report.perConsultant.map((p) => (
                  <tr key={p.id} data-testid="weekly-row" data-staff={p.id}>
                    <td>{p.name}</td>
                    <td className="num" data-k="calls">
                      {p.calls}
                    </td>
                    <td className="num" data-k="visits">
                      {p.visits}
                    </td>
                    <td className="num" data-k="deals">
                      {p.deals}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr
                  data-testid="weekly-totals"
                  data-calls={report.totals.calls}
                  data-visits={report.totals.visits}
                  data-deals={report.totals.deals}
                >
                  <td>{t('wk.total')}</td>
                  <td className="num">{report.totals.calls}</td>
                  <td className="num">{report.totals.visits}</td>
                  <td className="num">{report.totals.deals}</td>
                </tr>
              </tfoot>
            </table>
          </section>

          <ListCard
            title={t('wk.callsList')}
            count={report.calls.length}
            testId="weekly-calls"
            head={[t('wk.time'), t('wk.consultant'), t('wk.customer'), t('wk.phone'), t('wk.note')]}
            rows={report.calls.map((c) => [formatWhen(c.at), name(c.consultant_id ?? ''), c.name, c.phone, c.note ?? ''])}
            none={t('wk.none')}
          />
          <ListCard
            title={t('wk.visitsList')}
            count={report.visits.length}
            testId="weekly-visits"
            head={[t('wk.time'), t('wk.consultant'), t('wk.customer'), t('wk.phone'), t('wk.reception'), t('wk.source')]}
            rows={report.visits.map((v) => [
              formatWhen(v.at),
              name(v.consultant_id ?? ''),
              v.name,
              v.phone,
              receptionLabel(t, v.reception ?? ''),
              sourceLabel(t, v.source ?? ''),
            ])}
            none={t('wk.none')}
          />
          <ListCard
            title={t('wk.dealsList')}
            count={report.deals.length}
            testId="weekly-deals"
            head={[t('wk.time'), t('wk.customer'), t('wk.phone'), t('wk.unit'), t('wk.price'), t('wk.commission'), t('wk.consultant')]}
            rows={report.deals.map((d) => [
              formatWhen(d.at),
              d.name,
              d.phone,
              d.unit,
              formatYuan(d.price),
              formatYuan(d.commission),
              d.consultants.map(name).join(t('common.listSep')),
            ])}
            none={t('wk.none')}
          />
        </div>
      )}
    </main>
  );
}

function ListCard({
  title,
  count,
  head,
  rows,
  none,
  testId,
}: {
  title: string;
  count: number;
  head: string[];
  rows: string[][];
  none: string;
  testId: string;
}) {
  return (
    <section className="card weekly-list" data-testid={testId} data-count={count}>
      <h2>
        {title} <span className="count-pill">{count}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted empty-line">{none}</p>
      ) : (
        <table className="fu-table compact">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
