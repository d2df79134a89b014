// @vitest-environment node
/**
 * Follow-up and reports in a real browser (web mode), on a fixed office clock (Monday 16 March 2026):
 *
 * - Set up through the API: the demo team (with PINs), three walk-ins confirmed (周杰 and 吴敏 are 张伟's,
 *   孙丽 is 李娜's), a phone call, a deal on 3-1201, a follow-up on 吴敏 due on the 18th and a manager's note.
 * - 张伟 (F2 + PIN) finds 周杰 by the unit number 3-1201 in the header search, and on the customer page logs
 *   a follow-up: WeChat, a text, next date 明天 (the 17th), grade A.
 * - The office clock moves two days on (the 18th); reload: Today shows 周杰 overdue (red, 逾期 1 天, grade A)
 *   and 吴敏 due today, and the manager's note.
 * - 陈静 (sales manager): the managers' view lists 周杰 as overdue with grade A (意向强); the overdue-only and
 *   grade filters; a note sent to 张伟.
 * - The dashboard: the charts are drawn (SVG), and the numbers tables equal dashboard.data.
 * - The weekly report of that week: the table equals report.weekly; the .xlsx downloaded (browser download
 *   event, the server's filename) and read back with exceljs has the same totals.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { ManualClock } from '../../src/domain/clock';
import { byTestId, dispatchOk, okFor, seedThreeVisits, firstText, screenshot, signInAs, startWebHarness, type WebHarness } from './harness';
import type { MethodName } from '../../src/api/spec';

const DAY = '2026-03-16';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`);

const clock = new ManualClock(at('09:00'));
let h: WebHarness;
const customers: Record<string, number> = {};
const contexts: BrowserContext[] = [];

/** dashboard.data spreads the per-kind counts in from Object.fromEntries, so its type does not name them */
const kindCount = (row: object, kind: string) => (row as Record<string, number>)[kind];
const call = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(h.app, staffId, method, input);

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const ok = okFor(app);
      Object.assign(customers, await seedThreeVisits(app, clock, at, DEMO_TEAM));
      clock.set(at('15:00'));
      await ok('zhang', 'desk.phoneInquiry', { customer: { name: '郑浩', phone: '13600003333' }, note: '问 90 平户型' });
      clock.set(at('16:00'));
      await ok('zhang', 'deal.close', { customer: customers.zhou, unit: '3-1201', price: 256000000, commission: 2560000 });
      await ok('zhang', 'followUp.log', {
        customer: customers.wu,
        channel: 'phone',
        content: '周末带家人再来看样板间',
        nextDay: '2026-03-18',
        grade: 'B',
      });
      await ok('mgr', 'followUp.note', { consultant: 'zhang', customer: customers.wu, text: '吴敏在比较隔壁楼盘，周三前回访' });
    },
  });
  clock.set(at('17:00'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
});

async function open(path = '') {
  const { context, page, problems } = await h.newPage();
  contexts.push(context);
  await page.clock.setFixedTime(clock.now());
  await page.goto(h.baseUrl + path);
  return { page, problems };
}

const cellNumbers = (page: Page, table: string) =>
  page
    .locator(`${byTestId(table)} tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

describe('follow-up, the managers’ view, dashboards and the weekly report', () => {
  it(
    '张伟 logs a follow-up (A, tomorrow); two days on it is overdue on Today and in the managers’ view; dashboard and weekly report match the API',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await open('#/today');
      await page.locator(byTestId('sign-in')).waitFor();
      await signInAs(page, 'zhang');
      await page.locator(`${byTestId('today-screen')}[data-loaded="true"]`).waitFor();
      // nothing of 周杰's is due yet; 吴敏 is due on the 18th
      expect(await page.locator(byTestId('today-row')).count()).toBe(0);

      // The header search finds the buyer of unit 3-1201.
      await page.keyboard.press('F3');
      await page.keyboard.type('3-1201');
      await page
        .locator(
          `${byTestId('header-search-results')} li[data-customer="${customers.zhou}"], ${byTestId('header-search-results')} [data-customer="${customers.zhou}"]`,
        )
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await page.locator(`${byTestId('customer-page')}[data-customer="${customers.zhou}"][data-loaded="true"]`).waitFor();

      // The follow-up section: log one by keyboard where it counts (Ctrl+Enter saves).
      // loaded (its count shown), and none yet
      await page.locator(`${byTestId('cust-followups')} .count-pill`).waitFor();
      expect(await page.locator(byTestId('cfu-item')).count()).toBe(0);
      await page.locator(byTestId('cfu-log')).click();
      await page.locator(byTestId('fu-form')).waitFor();
      await page.locator(byTestId('fu-channel-wechat')).click();
      await page.locator(byTestId('fu-next-tomorrow')).click();
      // the day in the app's language (issue 17 item 21), the value as yyyy-MM-dd
      expect(await page.locator(byTestId('fu-next')).getAttribute('data-value')).toBe('2026-03-17');
      expect(await page.locator(byTestId('fu-next')).inputValue()).toBe('2026年3月17日');
      await page.locator(byTestId('fu-grade')).selectOption('A');
      // the grade's words are their own read (grades.labels)
      await expect.poll(() => page.locator(`${byTestId('fu-grade')} option[value="A"]`).innerText()).toBe('A 意向强');
      await page.locator(byTestId('fu-content')).fill('已加微信，发了 3-1201 的户型图，客户想周三带父母来看');
      await page.locator(byTestId('fu-content')).press('Control+Enter');
      await page.locator(`${byTestId('cfu-item')}[data-grade="A"]`).waitFor();
      const logged = await call('zhang', 'followUp.list', { customer: customers.zhou });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ grade: 'A', next_day: '2026-03-17', channel: 'wechat' });

      // Two days on: 周杰 is overdue.
      clock.set(at('09:15', '2026-03-18'));
      await page.clock.setFixedTime(clock.now());
      await page.goto(h.baseUrl + '#/today');
      await page.reload();
      await page.locator(`${byTestId('today-screen')}[data-loaded="true"]`).waitFor();
      const zhou = page.locator(`${byTestId('today-row')}[data-customer="${customers.zhou}"]`);
      await zhou.waitFor();
      expect(await zhou.getAttribute('data-overdue')).toBe('true');
      expect(await zhou.getAttribute('data-grade')).toBe('A');
      expect(await zhou.locator(byTestId('today-when')).innerText()).toBe('逾期 1 天');
      await expect.poll(() => zhou.locator(byTestId('grade-badge')).innerText()).toContain('意向强');
      // overdue in red
      const colour = await zhou.locator(byTestId('today-when')).evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(colour).toBe('rgb(180, 35, 24)');
      const wu = page.locator(`${byTestId('today-row')}[data-customer="${customers.wu}"]`);
      expect(await wu.getAttribute('data-overdue')).toBe('false');
      expect(await wu.locator(byTestId('today-when')).innerText()).toBe('今天到期');
      expect(await firstText(page, 'today-note')).toContain('吴敏在比较隔壁楼盘');
      // Enter on a row opens the quick form there (keyboard-first); Esc closes it.
      await zhou.focus();
      await page.keyboard.press('Enter');
      await zhou.locator(byTestId('fu-form')).waitFor();
      await screenshot(page, 'today.png');
      await page.keyboard.press('Escape');
      await zhou.locator(byTestId('fu-form')).waitFor({ state: 'detached' });

      // The sales manager: 周杰 overdue with grade A (意向强).
      await signInAs(page, 'mgr');
      await page.locator(byTestId('nav-follow-up')).click();
      await page.locator(`${byTestId('overview-screen')} ${byTestId('ov-table')}`).waitFor();
      const row = page.locator(`${byTestId('ov-row')}[data-customer="${customers.zhou}"]`);
      expect(await row.getAttribute('data-overdue')).toBe('true');
      expect(await row.getAttribute('data-grade')).toBe('A');
      expect(await row.getAttribute('data-consultant')).toBe('zhang');
      await expect.poll(() => row.locator(byTestId('ov-grade-cell')).innerText()).toContain('意向强');
      await page.locator(byTestId('ov-overdue')).check();
      await page
        .locator(`${byTestId('ov-count')}`)
        .filter({ hasText: '共 1 位客户，逾期 1 位' })
        .waitFor();
      expect(await page.locator(byTestId('ov-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer')))).toEqual([
        String(customers.zhou),
      ]);
      await page.locator(byTestId('ov-overdue')).uncheck();
      await page.locator(byTestId('ov-grade')).selectOption('B');
      await page.locator(`${byTestId('ov-row')}[data-customer="${customers.wu}"]`).waitFor();
      expect(await page.locator(byTestId('ov-row')).count()).toBe(1);
      await page.locator(byTestId('ov-grade')).selectOption('');
      // a note about 周杰 to 张伟
      await page.locator(`${byTestId('ov-row')}[data-customer="${customers.zhou}"] ${byTestId('ov-note')}`).click();
      await page.locator(byTestId('ov-note-text')).fill('周杰已逾期，今天务必联系');
      await page.keyboard.press('Enter');
      await page.locator(byTestId('ov-sent')).waitFor();
      const notes = await h.app.dispatch({ staffId: 'zhang' }, 'followUp.today', {});
      expect(JSON.stringify(notes.result)).toContain('周杰已逾期，今天务必联系');
      // grade labels are editable by the sales manager
      await page.locator(byTestId('grade-labels')).waitFor();
      expect(await page.locator(byTestId('grade-label-A')).inputValue()).toBe('意向强');

      // The dashboard: charts drawn, numbers equal the API's.
      await page.locator(byTestId('nav-dashboard')).click();
      await page.locator(`${byTestId('dashboard')}[data-loaded="true"][data-month="2026-03"]`).waitFor();
      for (const id of ['per-day', 'per-hour', 'receptions', 'conversion', 'conversion-source', 'commission']) {
        await page
          .locator(`${byTestId(`chart-${id}-svg`)} svg.recharts-surface`)
          .first()
          .waitFor();
      }
      expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(5);
      await screenshot(page, 'dashboard.png');
      const data = await call('mgr', 'dashboard.data', { month: '2026-03' });
      await page.locator(byTestId('chart-receptions-toggle')).click();
      const recv = await cellNumbers(page, 'chart-receptions-table');
      expect(recv.map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[6])])).toEqual(
        data.receptions.map((r) => [r.name, kindCount(r, 'roster'), kindCount(r, 'designated'), r.visits]),
      );
      expect(recv.find((r) => r[0] === '张伟')?.slice(1, 7)).toEqual(['1', '1', '0', '0', '0', '2']);
      await page.locator(byTestId('chart-per-hour-toggle')).click();
      const hours = await cellNumbers(page, 'chart-per-hour-table');
      expect(hours.map((r) => Number(r[1]))).toEqual(data.visitsPerHour.map((x) => x.visits));
      await page.locator(byTestId('chart-conversion-toggle')).click();
      const conv = await cellNumbers(page, 'chart-conversion-table');
      expect(conv.map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(data.receptions.map((r) => [r.name, r.customers, r.converted]));
      expect(conv.find((r) => r[0] === '张伟')?.[3]).toBe('50%');
      await page.locator(byTestId('chart-commission-toggle')).click();
      const comm = await cellNumbers(page, 'chart-commission-table');
      expect(comm.map((r) => [r[0], Number(r[1])])).toEqual(data.commissionByMonth.map((m) => [m.month, m.deals]));
      expect(comm.at(-1)?.[2]).toBe('¥25,600.00');
      // CSV export: a BOM and the same numbers
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('chart-receptions-csv')).click()]);
      expect(csvDownload.suggestedFilename()).toBe('看板-接待与失轮-2026-03.csv');
      const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain('张伟,1,1,0,0,0,2,0,0,0');

      // The weekly report of the week of the 16th.
      await page.locator(byTestId('tab-weekly')).click();
      await page.locator(`${byTestId('weekly-report')}[data-loaded="true"]`).waitFor();
      expect(await page.locator(byTestId('weekly-range')).getAttribute('data-from')).toBe('2026-03-09'); // last week by default
      await page.locator(byTestId('weekly-next')).click();
      await page.locator(`${byTestId('weekly-range')}[data-from="2026-03-16"]`).waitFor();
      await page.locator(`${byTestId('weekly-report')}[data-loaded="true"]`).waitFor();
      const weekly = await call('mgr', 'report.weekly', { day: '2026-03-16' });
      expect(weekly.totals).toEqual({ calls: 1, visits: 3, deals: 1 });
      const totals = page.locator(byTestId('weekly-totals'));
      expect([
        await totals.getAttribute('data-calls'),
        await totals.getAttribute('data-visits'),
        await totals.getAttribute('data-deals'),
      ]).toEqual(['1', '3', '1']);
      const perRows = await cellNumbers(page, 'weekly-table');
      expect(perRows.map((r) => r.slice(1).map(Number))).toEqual(weekly.perConsultant.map((p) => [p.calls, p.visits, p.deals]));
      expect(await page.locator(byTestId('weekly-visits')).getAttribute('data-count')).toBe('3');

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('weekly-download')).click()]);
      expect(download.suggestedFilename()).toBe(`周报-${weekly.week}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const sum = wb.getWorksheet('汇总')!;
      const rows: unknown[][] = [];
      sum.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows.at(-1)).toEqual(['合计', weekly.totals.calls, weekly.totals.visits, weekly.totals.deals]);
      expect(rows.find((r) => r[0] === '张伟')).toEqual(['张伟', 1, 2, 1]);
      await page.locator(byTestId('weekly-file')).waitFor();
      // the print stylesheet hides the app's chrome
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator(byTestId('weekly-download')).isVisible()).toBe(false);
      expect(await page.locator(byTestId('weekly-table')).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await screenshot(page, 'weekly.png');

      expect(problems).toEqual([]);
    },
  );
});
