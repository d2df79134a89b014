/**
 * The dashboards (#/dashboard; managers and the sales assistant), one month at a time: visits per day and
 * per hour (when to staff the floor), receptions per consultant stacked by kind with the turns lost and the
 * disqualifications (is the roster fair?), conversion visit → deal per consultant and per source, and the
 * commission of the last twelve months. Every chart shows its numbers as a table on request (看数字) and
 * exports them as CSV (UTF-8 with a BOM, for Excel) — the same numbers the chart draws.
 */
import { type ReactNode, useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Output } from '../api/client';
import { useApi } from '../api/useApi';
import { MonthPicker } from '../components/MonthPicker';
import { ReportsOnly, ReportTabs } from '../components/ReportTabs';
import { formatCompact, formatDay, formatMonthName, type MessageKey, type Translate, receptionLabel, sourceLabel, useT } from '../i18n';
import { downloadCsv } from '../lib/csv';
import { formatYuan } from '../lib/money';
import { useOfficeMonth } from '../lib/officeMonth';
import '../styles/followup.css';
import { errorText } from '../i18n/reasons';

type Data = Output<'dashboard.data'>;
type Cellv = string | number;

const KINDS = ['roster', 'designated', 'voluntary', 'owner', 'introduced'] as const;
const KIND_COLORS: Record<(typeof KINDS)[number], string> = {
  roster: '#1662d6',
  designated: '#0e9f6e',
  voluntary: '#7c5cd6',
  owner: '#e39a14',
  introduced: '#13a3b8',
};
const LOST = [
  { key: 'absent', label: 'db.lostAbsent', color: '#f3a3a0' },
  { key: 'designated_busy', label: 'db.lostBusy', color: '#e0645c' },
  { key: 'disqualified', label: 'db.disqualified', color: '#a61b12' },
] as const;
const AXIS = { fontSize: 13, fill: '#5d6778' };
const ANIM = false;
/** the per-kind counts are spread into each row (the contract types them loosely) */
const kindCount = (r: object, k: string): number => Number((r as Record<string, unknown>)[k] ?? 0);
const pct = (a: number, b: number): string => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');

export function Dashboard() {
  const t = useT();
  return (
    <ReportsOnly testId="dashboard-screen" refusal={t('db.notAllowed')}>
      <DashboardView />
    </ReportsOnly>
  );
}

function DashboardView() {
  const t = useT();
  const officeMonth = useOfficeMonth();
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? officeMonth;
  // Re-read when a visit, a reception, a deal or its split (a dispute decided) changes anywhere.
  const r = useApi(
    'dashboard.data',
    { month: month ?? '' },
    { enabled: !!month, areas: ['registrations', 'roster', 'deals', 'disputes', 'customers'] },
  );
  const data = r.data ?? null;
  const error = r.error ? errorText(r.error) : null;

  return (
    <main className="fu-screen dashboard-screen" data-testid="dashboard-screen">
      <div className="screen-title fu-title report-head">
        <h1>{t('db.title')}</h1>
        {month && <MonthPicker month={month} onChange={setChosen} testId="db-month" />}
        <ReportTabs here="dashboard" />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data || !month ? !error && <p className="muted">{t('rep.loading')}</p> : <Charts data={data} month={month} t={t} />}
    </main>
  );
}

function Charts({ data, month, t }: { data: Data; month: string; t: Translate }) {
  // every day of the month on the axis, so quiet days show as gaps rather than vanish
  const perDay = useMemo(() => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const days = new Date(y, m, 0).getDate();
    const got = new Map(data.visitsPerDay.map((d) => [d.day, d.visits]));
    return Array.from({ length: days }, (_, i) => {
      const day = `${month}-${String(i + 1).padStart(2, '0')}`;
      return { day, label: String(i + 1), visits: got.get(day) ?? 0 };
    });
  }, [data, month]);
  const totalVisits = data.visitsPerDay.reduce((a, d) => a + d.visits, 0);

  // office hours (8–20) and any hour that had a visit outside them
  const perHour = useMemo(() => {
    const busy = data.visitsPerHour.filter((h) => h.visits > 0).map((h) => h.hour);
    const lo = Math.min(8, ...busy);
    const hi = Math.max(20, ...busy);
    return data.visitsPerHour.filter((h) => h.hour >= lo && h.hour <= hi).map((h) => ({ ...h, label: `${h.hour}:00` }));
  }, [data]);
  const peak = data.visitsPerHour.reduce((best, h) => (h.visits > best.visits ? h : best), { hour: -1, visits: 0 });

  const receptions = data.receptions.map((r) => ({
    name: r.name,
    ...Object.fromEntries(KINDS.map((k) => [k, kindCount(r, k)])),
    lost_absent: r.lost.absent,
    lost_designated_busy: r.lost.designated_busy,
    lost_disqualified: r.lost.disqualified,
  }));
  const conversion = data.receptions.map((r) => ({
    name: r.name,
    customers: r.customers,
    converted: r.converted,
    rate: pct(r.converted, r.customers),
  }));
  const bySource = data.conversionBySource.map((s) => ({
    name: sourceLabel(t, s.source),
    customers: s.customers,
    converted: s.converted,
    rate: pct(s.converted, s.customers),
  }));
  const commission = data.commissionByMonth.map((m) => ({
    month: m.month,
    label: formatMonthName(Number(m.month.slice(5)), undefined, true),
    deals: m.deals,
    yuan: m.commission / 100,
    cents: m.commission,
  }));

  const file = (what: MessageKey) => t('db.csvFile', { what: t(what), month });

  return (
    <div className="db-grid" data-testid="dashboard" data-loaded="true" data-month={month}>
      <ChartCard
        id="per-day"
        wide
        title={t('db.visitsPerDay')}
        lead={t('db.visitsPerDayLead', { n: totalVisits })}
        head={[t('db.day'), t('db.visits')]}
        rows={perDay.map((d) => [d.day, d.visits])}
        csv={file('db.csvName.perDay')}
        t={t}
      >
        <BarChart data={perDay} margin={{ top: 18, right: 8, left: -18, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="label" tick={AXIS} interval={0} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip formatter={(v) => [v, t('db.visits')]} labelFormatter={(l) => formatDay(`${month}-${String(l).padStart(2, '0')}`)} />
          <Bar dataKey="visits" fill="#1662d6" radius={[4, 4, 0, 0]} isAnimationActive={ANIM}>
            <LabelList dataKey="visits" position="top" fontSize={12} fill="#1c2433" formatter={(v) => (Number(v) ? String(v) : '')} />
          </Bar>
        </BarChart>
      </ChartCard>

      <ChartCard
        id="per-hour"
        title={t('db.visitsPerHour')}
        lead={peak.hour >= 0 ? t('db.visitsPerHourLead', { hour: `${peak.hour}:00–${peak.hour + 1}:00` }) : t('db.empty')}
        head={[t('db.hour'), t('db.visits')]}
        rows={data.visitsPerHour.map((h) => [`${h.hour}:00`, h.visits])}
        csv={file('db.csvName.perHour')}
        t={t}
      >
        <BarChart data={perHour} margin={{ top: 18, right: 8, left: -18, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="label" tick={AXIS} interval={1} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip formatter={(v) => [v, t('db.visits')]} />
          <Bar dataKey="visits" radius={[4, 4, 0, 0]} isAnimationActive={ANIM}>
            {perHour.map((h) => (
              <Cell key={h.hour} fill={peak.visits > 0 && h.visits === peak.visits ? '#e39a14' : '#7aa7ee'} />
            ))}
            <LabelList dataKey="visits" position="top" fontSize={12} fill="#1c2433" formatter={(v) => (Number(v) ? String(v) : '')} />
          </Bar>
        </BarChart>
      </ChartCard>

      <ChartCard
        id="receptions"
        title={t('db.receptions')}
        lead={t('db.receptionsLead')}
        head={[t('db.consultant'), ...KINDS.map((k) => receptionLabel(t, k)), t('db.visits'), ...LOST.map((l) => t(l.label))]}
        rows={data.receptions.map((r) => [
          r.name,
          ...KINDS.map((k) => kindCount(r, k)),
          r.visits,
          r.lost.absent,
          r.lost.designated_busy,
          r.lost.disqualified,
        ])}
        csv={file('db.csvName.receptions')}
        t={t}
      >
        <BarChart data={receptions} margin={{ top: 8, right: 8, left: -18, bottom: 0 }} barGap={2}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="name" tick={{ ...AXIS, fontSize: 14, fill: '#1c2433' }} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip />
          <Legend
            layout="vertical"
            align="right"
            verticalAlign="middle"
            itemSorter={null}
            wrapperStyle={{ fontSize: 12, lineHeight: '18px', paddingLeft: 8 }}
            iconSize={10}
          />
          {KINDS.map((k) => (
            <Bar key={k} dataKey={k} name={receptionLabel(t, k)} stackId="recv" fill={KIND_COLORS[k]} isAnimationActive={ANIM} />
          ))}
          {LOST.map((l) => (
            <Bar key={l.key} dataKey={`lost_${l.key}`} name={t(l.label)} stackId="lost" fill={l.color} isAnimationActive={ANIM} />
          ))}
        </BarChart>
      </ChartCard>

      <ChartCard
        id="conversion"
        title={t('db.conversion')}
        head={[t('db.consultant'), t('db.customers'), t('db.converted'), t('db.rate')]}
        rows={conversion.map((c) => [c.name, c.customers, c.converted, c.rate])}
        csv={file('db.csvName.conversion')}
        t={t}
      >
        <ConversionChart rows={conversion} t={t} />
      </ChartCard>

      <ChartCard
        id="conversion-source"
        title={t('db.conversionSource')}
        head={[t('db.source'), t('db.customers'), t('db.converted'), t('db.rate')]}
        rows={bySource.map((c) => [c.name, c.customers, c.converted, c.rate])}
        csv={file('db.csvName.bySource')}
        t={t}
      >
        <ConversionChart rows={bySource} t={t} />
      </ChartCard>

      <ChartCard
        id="expiring"
        title={t('db.expiring')}
        lead={t('db.expiringLead', { count: data.expiringPerDay.reduce((a, d) => a + d.expiring, 0) })}
        head={[t('db.day'), t('db.expiringCount')]}
        rows={data.expiringPerDay.map((d) => [d.day, d.expiring])}
        csv={file('db.csvName.expiring')}
        t={t}
      >
        <BarChart
          data={data.expiringPerDay.map((d) => ({ ...d, label: `${Number(d.day.slice(5, 7))}/${Number(d.day.slice(8))}` }))}
          margin={{ top: 18, right: 8, left: -18, bottom: 0 }}
        >
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="label" tick={AXIS} interval={0} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip formatter={(v) => [v, t('db.expiringCount')]} />
          <Bar dataKey="expiring" fill="#c2410c" radius={[4, 4, 0, 0]} isAnimationActive={ANIM}>
            <LabelList dataKey="expiring" position="top" fontSize={12} fill="#1c2433" formatter={(v) => (Number(v) ? String(v) : '')} />
          </Bar>
        </BarChart>
      </ChartCard>

      <ChartCard
        id="commission"
        title={t('db.commission')}
        head={[t('db.month'), t('db.deals'), t('db.commissionYuan')]}
        rows={commission.map((m) => [m.month, m.deals, (m.cents / 100).toFixed(2)])}
        display={commission.map((m) => [m.month, m.deals, formatYuan(m.cents)])}
        csv={file('db.csvName.commission')}
        t={t}
      >
        <ComposedChart data={commission} margin={{ top: 18, right: 8, left: 6, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#eef1f5" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} />
          <YAxis yAxisId="yuan" tick={AXIS} axisLine={false} tickLine={false} tickFormatter={(v: number) => formatCompact(v)} />
          <YAxis yAxisId="deals" orientation="right" allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} width={28} />
          <Tooltip formatter={(v, n) => (n === t('db.commissionYuan') ? [formatYuan(Math.round(Number(v) * 100)), n] : [v, n])} />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} iconSize={10} />
          <Bar yAxisId="yuan" dataKey="yuan" name={t('db.commissionYuan')} fill="#0e9f6e" radius={[4, 4, 0, 0]} isAnimationActive={ANIM} />
          <Line
            yAxisId="deals"
            dataKey="deals"
            name={t('db.deals')}
            stroke="#1c2433"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={ANIM}
          />
        </ComposedChart>
      </ChartCard>
    </div>
  );
}

function ConversionChart({ rows, t }: { rows: { name: string; customers: number; converted: number; rate: string }[]; t: Translate }) {
  return (
    <BarChart data={rows} margin={{ top: 22, right: 8, left: -18, bottom: 0 }} barGap={2}>
      <CartesianGrid vertical={false} stroke="#eef1f5" />
      <XAxis dataKey="name" tick={{ ...AXIS, fontSize: 14, fill: '#1c2433' }} tickLine={false} interval={0} />
      <YAxis allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
      <Tooltip />
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} iconSize={10} />
      <Bar dataKey="customers" name={t('db.customers')} fill="#b9cdf0" radius={[4, 4, 0, 0]} isAnimationActive={ANIM} />
      <Bar dataKey="converted" name={t('db.converted')} fill="#0e9f6e" radius={[4, 4, 0, 0]} isAnimationActive={ANIM}>
        <LabelList dataKey="rate" position="top" fontSize={13} fontWeight={700} fill="#0b6b4b" />
      </Bar>
    </BarChart>
  );
}

interface CardProps {
  id: string;
  title: string;
  lead?: string;
  head: string[];
  rows: Cellv[][];
  /** what the table shows, when it differs from the CSV's plain numbers (¥ formatting) */
  display?: Cellv[][];
  csv: string;
  wide?: boolean;
  t: Translate;
  children: ReactNode;
}

function ChartCard({ id, title, lead, head, rows, display, csv, wide, t, children }: CardProps) {
  const [table, setTable] = useState(false);
  return (
    <section className={`card db-card${wide ? ' wide' : ''}`} data-testid={`chart-${id}`} data-view={table ? 'table' : 'chart'}>
      <div className="db-card-head">
        <div>
          <h2>{title}</h2>
          {lead && <p className="muted small db-lead">{lead}</p>}
        </div>
        <div className="db-card-actions no-print">
          <button
            type="button"
            className="quiet small-btn"
            aria-pressed={table}
            onClick={() => setTable((x) => !x)}
            data-testid={`chart-${id}-toggle`}
          >
            {table ? t('db.asChart') : t('db.asTable')}
          </button>
          <button type="button" className="quiet small-btn" onClick={() => downloadCsv(csv, head, rows)} data-testid={`chart-${id}-csv`}>
            {t('db.csv')}
          </button>
        </div>
      </div>
      {table ? (
        <div className="db-table-wrap">
          <table className="fu-table compact db-table" data-testid={`chart-${id}-table`}>
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(display ?? rows).map((r, i) => (
                <tr key={i} data-testid="db-row">
                  {r.map((c, j) => (
                    <td key={j} className={typeof rows[i]?.[j] === 'number' ? 'num' : ''}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="db-chart" data-testid={`chart-${id}-svg`}>
          <ResponsiveContainer width="100%" height="100%">
            {children as React.ReactElement}
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
