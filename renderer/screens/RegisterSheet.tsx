/**
 * 来访登记表 (#/register-sheet?date=YYYY-MM-DD, issue 17 item 20): the day's registrations on one A4 page per
 * screenful, for the project manager to print and sign. Printed by the browser itself (window.print(), a print
 * stylesheet in styles/register-sheet.css): the same page in web mode and in Electron (webContents.print /
 * printToPDF), with the system's Chinese fonts, no PDF library or embedded font in the bundle. The server sends
 * facts (registration.sheet); the words and the layout are here.
 */
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { formatDay, formatTime, formatWhen, receptionLabel, sourceLabel, useT } from '../i18n';
import { errorText } from '../i18n/reasons';
import { useOfficeDay } from '../lib/officeDay';
import { useRouteQuery } from '../lib/route';
import '../styles/register-sheet.css';

type Sheet = Output<'registration.sheet'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function RegisterSheet() {
  const t = useT();
  const asked = useRouteQuery('date');
  const today = useOfficeDay();
  const day = DAY.test(asked) ? asked : today;
  return (
    <main className="sheet-screen" data-testid="register-sheet">
      <div className="sheet-tools no-print">
        <a href="#/registrations" className="quiet">
          {t('sheet.back')}
        </a>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="sheet-print">
          {t('sheet.print')}
        </button>
        <span className="muted small">{t('sheet.hint')}</span>
      </div>
      {day ? <SheetOf day={day} /> : <p className="muted">{t('sheet.loading')}</p>}
    </main>
  );
}

function SheetOf({ day }: { day: string }) {
  const t = useT();
  const r = useApi('registration.sheet', { day }, { areas: ['registrations'] });
  const sheet: Sheet | null = r.data ?? null;
  if (!sheet && r.error)
    return (
      <p className="error" role="alert">
        {errorText(r.error)}
      </p>
    );
  if (!sheet || sheet.day !== day) return <p className="muted">{t('sheet.loading')}</p>;
  return (
    <article className="sheet-page" data-loaded="true" data-day={day}>
      <header className="sheet-head">
        <h1>{t('sheet.title')}</h1>
        <p>
          <span data-testid="sheet-day">{t('sheet.day', { day: formatDay(day) })}</span>
          <span className="sheet-count">{t('sheet.count', { n: sheet.rows.length })}</span>
        </p>
      </header>
      {sheet.rows.length === 0 ? (
        <p className="sheet-none">{t('sheet.none')}</p>
      ) : (
        <table className="sheet-table" data-testid="sheet-table">
          <thead>
            <tr>
              <th>{t('sheet.colNo')}</th>
              <th>{t('sheet.colTime')}</th>
              <th>{t('sheet.colCustomer')}</th>
              <th>{t('sheet.colPhone')}</th>
              <th>{t('sheet.colSource')}</th>
              <th>{t('sheet.colReceivedBy')}</th>
              <th>{t('sheet.colRegisteredFor')}</th>
              <th>{t('sheet.colReception')}</th>
              <th>{t('sheet.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, i) => (
              <tr key={row.visitId} data-testid="sheet-row" data-visit={row.visitId} data-status={row.status}>
                <td className="num">{i + 1}</td>
                <td>{formatTime(row.at)}</td>
                <td>{row.customerName}</td>
                <td className="phone">{row.phone}</td>
                <td>{sourceLabel(t, row.source)}</td>
                <td>{row.receivedBy.name}</td>
                <td>{row.registeredFor.name}</td>
                <td>{receptionLabel(t, row.reception)}</td>
                <td>{t(`reg.status.${row.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!sheet.fullPhones && <p className="muted small">{t('sheet.phonesMasked')}</p>}
      <footer className="sheet-sign">
        <p>
          <span>{t('sheet.signFrontDesk')}</span>
          <span className="sign-line" />
          <span>{t('sheet.signDate')}</span>
          <span className="sign-line short" />
        </p>
        <p>
          <span>{t('sheet.signPm')}</span>
          <span className="sign-line" />
          <span>{t('sheet.signDate')}</span>
          <span className="sign-line short" />
        </p>
        <p className="sheet-printed muted small">
          {t('sheet.printedBy', { name: sheet.printedBy.name, when: formatWhen(sheet.printedAt) })}
        </p>
      </footer>
    </article>
  );
}
