/**
 * The weekly report (R-TRK-3: every Monday, last week's calls, visits and deals, per consultant and in total)
 * and the dashboard's numbers. Counts come straight from the ledger tables, so they match the database.
 */
import { addDays, addMonths, format, startOfISOWeek } from 'date-fns';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import type { RosterEvent } from '../domain/roster';
import { fromIso, iso, monthRange, officeDay } from '../domain/time';
import { maskPhone } from './confidentiality';
import { weeklyCounts } from '../domain/weekly-report';
import { policyAt } from './common';
import { splitsOfDeals } from './deals';
import { expiringProtections } from './registrations';
import { newWorkbook, workbookBuffer } from './workbook';
import { WEEKLY_ZH as W } from './words-zh';
import { dealCommissionsBetween, rosterPayloadsBetween, visitsBetween, weekFacts } from '../db/queries/reports';
import { consultantsById } from '../db/queries/staff';

/** Monday 00:00 of the week holding `d` (office time). */
const weekOf = (d: Date) => startOfISOWeek(d);

export async function weeklyReport(tx: ReadTx, anyDay: Date) {
  const from = weekOf(anyDay);
  const to = addDays(from, 7);
  const range = [iso(from), iso(to)] as const;
  const consultants = await consultantsById(tx);
  const { calls, visits, deals: dealRows } = await weekFacts(tx, ...range);
  const deals: ((typeof dealRows)[number] & { consultants: string[] })[] = [];
  const splits = await splitsOfDeals(
    tx,
    dealRows.map((d) => d.id),
    to,
  );
  for (const d of dealRows) {
    const split = splits.get(d.id)!;
    deals.push({ ...d, consultants: split.lines.filter((l) => l.kind === 'consultant').map((l) => l.beneficiary) });
  }
  // a shared deal counts for each consultant on its split; the total counts it once (src/domain/weekly-report.ts)
  const { perConsultant, totals } = weeklyCounts(consultants, calls, visits, deals);
  const mask = <T extends { phone: string }>(r: T) => ({ ...r, phone: maskPhone(r.phone) });
  return {
    from: officeDay(from),
    to: officeDay(addDays(to, -1)),
    week: format(from, "RRRR-'W'II"),
    perConsultant,
    totals,
    calls: calls.map(mask),
    visits: visits.map(mask),
    deals: deals.map(mask),
  };
}

export async function weeklyReportXlsx(tx: ReadTx, anyDay: Date): Promise<{ filename: string; buffer: Buffer }> {
  const r = await weeklyReport(tx, anyDay);
  const wb = await newWorkbook();
  const sum = wb.addWorksheet(W.totalsSheet);
  sum.addRow([W.title(r.from, r.to)]);
  sum.addRow([...W.totalsHead]);
  for (const p of r.perConsultant) sum.addRow([p.name, p.calls, p.visits, p.deals]);
  sum.addRow([W.total, r.totals.calls, r.totals.visits, r.totals.deals]);
  sum.getRow(2).font = { bold: true };
  sum.columns.forEach((c) => (c.width = 14));
  const time = (at: string) => format(fromIso(at), 'yyyy-MM-dd HH:mm');
  const sheet = (words: { sheet: string; head: readonly string[] }, rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(words.sheet);
    ws.addRow([...words.head]).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 16));
  };
  sheet(
    W.calls,
    r.calls.map((c) => [time(c.at), c.consultant_id, c.name, c.phone, c.note]),
  );
  sheet(
    W.visits,
    r.visits.map((v) => [time(v.at), v.consultant_id, v.name, v.phone, v.reception, v.source]),
  );
  sheet(
    W.deals,
    r.deals.map((d) => [time(d.at), d.name, d.phone, d.unit, d.price / 100, d.commission / 100, d.consultants.join(W.listSep)]),
  );
  return { filename: W.filename(r.week), buffer: await workbookBuffer(wb) };
}

export async function dashboard(tx: ReadTx, month: string, now: Date) {
  const { start, end } = monthRange(month);
  const visits = await visitsBetween(tx, start, end);
  const perDay = new Map<string, number>();
  const perHour = new Array<number>(24).fill(0);
  for (const v of visits) {
    const d = fromIso(v.at);
    perDay.set(officeDay(d), (perDay.get(officeDay(d)) ?? 0) + 1);
    perHour[d.getHours()]! += 1;
  }
  const staff = await consultantsById(tx);
  // fairness of the roster: turns, receptions of each kind, turns lost (absent, busy with a designated customer), disqualifications
  const events = await rosterPayloadsBetween(tx, start, end);
  const lost = new Map<string, { absent: number; designated_busy: number; disqualified: number }>();
  const bump = (id: string, k: 'absent' | 'designated_busy' | 'disqualified') => {
    const x = lost.get(id) ?? { absent: 0, designated_busy: 0, disqualified: 0 };
    x[k]++;
    lost.set(id, x);
  };
  for (const e of events) {
    const ev = JSON.parse(e) as RosterEvent;
    if (ev.type === 'assigned') for (const l of ev.lostTurns) bump(l.consultant, l.why);
    if (ev.type === 'disqualify') bump(ev.consultant, 'disqualified');
  }
  const deals = await dealCommissionsBetween(tx, start, end);
  const dealCustomers = new Set(deals.map((d) => d.customer_id));
  const receptions = staff.map((c) => {
    const mine = visits.filter((v) => v.consultant_id === c.id);
    const kinds = Object.fromEntries(
      ['roster', 'designated', 'voluntary', 'owner', 'introduced'].map((k) => [k, mine.filter((v) => v.reception === k).length]),
    );
    const customers = new Set(mine.map((v) => v.customer_id));
    const converted = [...customers].filter((id) => dealCustomers.has(id)).length;
    return {
      id: c.id,
      name: c.name,
      visits: mine.length,
      ...kinds,
      lost: lost.get(c.id) ?? { absent: 0, designated_busy: 0, disqualified: 0 },
      customers: customers.size,
      converted,
    };
  });
  const sources = ['walk_in', 'referral', 'company', 'old_customer'].map((source) => {
    const customers = new Set(visits.filter((v) => v.source === source).map((v) => v.customer_id));
    return { source, customers: customers.size, converted: [...customers].filter((id) => dealCustomers.has(id)).length };
  });
  const months = [];
  for (let i = 11; i >= 0; i--) {
    const m0 = addMonths(start, -i);
    const rows = await dealCommissionsBetween(tx, m0, addMonths(m0, 1));
    months.push({ month: format(m0, 'yyyy-MM'), deals: rows.length, commission: rows.reduce((a, r) => a + r.commission, 0) });
  }
  // registrations expiring: protections (all consultants) ending on each of the next 14 days
  const expiring = await expiringProtections(tx, now, await policyAt(tx, now), 14, undefined, '');
  const expiringPerDay = Array.from({ length: 14 }, (_, i) => officeDay(addDays(now, i))).map((d) => ({
    day: d,
    expiring: expiring.filter((e) => e.untilDay === d).length,
  }));
  return {
    month,
    expiringPerDay,
    visitsPerDay: [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([d, n]) => ({ day: d, visits: n })),
    visitsPerHour: perHour.map((n, hour) => ({ hour, visits: n })),
    receptions,
    conversionBySource: sources,
    commissionByMonth: months,
    asOf: iso(now),
  };
}

export const reportHandlers = {
  'report.weekly': handle('report.weekly', {
    run: ({ tx, input, now }) => weeklyReport(tx, input.day ? new Date(`${input.day}T00:00:00`) : addDays(now, -7)),
  }),

  'report.weeklyExport': handle('report.weeklyExport', {
    run: async ({ tx, input, now }) => {
      const { filename, buffer } = await weeklyReportXlsx(tx, input.day ? new Date(`${input.day}T00:00:00`) : addDays(now, -7));
      return { filename, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buffer.toString('base64') };
    },
  }),

  'dashboard.data': handle('dashboard.data', {
    run: ({ tx, input, now }) => dashboard(tx, input.month, now),
  }),
};
