// @vitest-environment node
/**
 * The monthly statement screen re-reads on pushed changes (issue 15 item 6) and hands out its files (issue 17
 * item 22), in a real browser over web mode. The sales director has the month's statement open; at other
 * terminals (the test's own calls, which go through the core and are pushed like a page's) the manager
 * records a second deal, then 王芳 raises a dispute on the first: without a reload the totals grow by the
 * new deal, then the disputed deal moves to 暂缓 and out of the totals. At every step the on-screen totals
 * are the sum of the payable lines, person by person and in all. The .xlsx prepared from the statement is
 * offered as a link; a change at another terminal takes the link away (it held the statement as it was);
 * prepared again, the file read back carries the totals the screen shows. Printed, the statement ends with
 * the same three signature lines as the .xlsx.
 *
 * The office clock is fixed (10 March 2026) so the month is known; nothing waits on time, only on state.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import {
  attrs,
  byTestId,
  dispatchOk,
  okFor,
  openPage,
  screenshot,
  seedConfirmedWalkIns,
  signInAs,
  startWebHarness,
  type WebHarness,
} from './harness';
import type { MethodName } from '../../src/api/spec';

const DAY = '2026-03-10';
const MONTH = '2026-03';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
/** Waiting for a state is given this long, so a loaded machine does not fail the test. */
const WAIT_MS = 15_000;

let h: WebHarness;
const customers = { zhou: 0, wu: 0 };
let firstDeal = 0;

const as = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(h.app, staffId, method, input);

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const call = okFor(app);
      const [a, b] = await seedConfirmedWalkIns(app, clock, at, [
        { at: '09:10', name: '周杰', phone: '13800000001', receivedBy: 'zhang' },
        { name: '吴敏', phone: '13800000002', receivedBy: 'li' },
      ]);
      customers.zhou = a!.customerId!;
      customers.wu = b!.customerId!;
      clock.set(at('10:00'));
      firstDeal = (await call('mgr', 'deal.close', { customer: customers.zhou, unit: '3-1201', price: 327000000, commission: 2700001 })).id;
    },
  });
  clock.set(at('11:00'));
});

afterAll(async () => {
  await h?.close();
});

/** Marks the window, so a reload (a new window object) would show as the mark's absence. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { notReloaded?: boolean }).notReloaded = true));
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** What the screen shows: each person's total, the grand total, and the payable lines added up. */
async function shown(page: Page) {
  const ids = await attrs(page, byTestId('total-row'), 'data-beneficiary');
  const amounts = (await attrs(page, byTestId('total-row'), 'data-amount')).map(Number);
  const lineWho = await attrs(page, `${byTestId('statement-payable')} ${byTestId('split-line')}`, 'data-beneficiary');
  const lineAmounts = (await attrs(page, `${byTestId('statement-payable')} ${byTestId('split-line')}`, 'data-amount')).map(Number);
  const linesByPerson: Record<string, number> = {};
  lineWho.forEach((who, i) => (linesByPerson[who] = (linesByPerson[who] ?? 0) + lineAmounts[i]!));
  return {
    totals: Object.fromEntries(ids.map((id, i) => [id, amounts[i]!])),
    grand: Number(await page.locator(byTestId('grand-total')).getAttribute('data-amount')),
    linesByPerson,
    linesSum: lineAmounts.reduce((a, b) => a + b, 0),
    payable: await attrs(page, `${byTestId('statement-payable')} ${byTestId('statement-deal')}`, 'data-deal'),
    held: await attrs(page, `${byTestId('statement-held')} ${byTestId('statement-deal')}`, 'data-deal'),
  };
}

/** The totals the screen shows are those of its lines (issue 17 item 22). */
function expectConsistent(s: Awaited<ReturnType<typeof shown>>) {
  expect(s.totals).toEqual(s.linesByPerson);
  expect(s.grand).toBe(s.linesSum);
}

describe('the statement screen', () => {
  it(
    're-reads when a deal is closed and a dispute raised at other terminals, and its download link is the file the screen shows',
    { timeout: 180_000 },
    async () => {
      const { page, problems } = await openPage(h);
      await signInAs(page, 'dir');
      await page.goto(`${h.baseUrl}#/statements`);
      await page.locator(`${byTestId('statement')}[data-month="${MONTH}"] ${byTestId('statement-totals')}`).waitFor();
      await page.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });
      let s = await shown(page);
      expect(s.totals).toEqual({ zhang: 2700001 });
      expect(s.payable).toEqual([String(firstDeal)]);
      expectConsistent(s);
      await mark(page);

      // The .xlsx prepared now is offered as a link under the buttons.
      const [first] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('export-xlsx')).click()]);
      expect(first.suggestedFilename()).toBe(`佣金结算单-${MONTH}.xlsx`);
      const link = page.locator(byTestId('download-link-xlsx'));
      await link.waitFor();
      expect(await link.getAttribute('download')).toBe(`佣金结算单-${MONTH}.xlsx`);
      expect(await link.getAttribute('href')).toMatch(/^blob:/);

      // Another terminal: the manager records 李娜's deal with 吴敏. The statement grows without a reload, and
      // the link to the file made before it goes (that file no longer is the statement).
      clock.set(at('11:30'));
      const second = await as('mgr', 'deal.close', { customer: customers.wu, unit: '5-0801', price: 198000000, commission: 1500000 });
      await page.locator(`${byTestId('total-row')}[data-beneficiary="li"]`).waitFor({ timeout: WAIT_MS });
      await link.waitFor({ state: 'detached', timeout: WAIT_MS });
      s = await shown(page);
      expect(s.totals).toEqual({ zhang: 2700001, li: 1500000 });
      expect(s.grand).toBe(4200001);
      expect(s.payable).toEqual([String(firstDeal), String(second.id)]);
      expectConsistent(s);
      expect(await stillMarked(page)).toBe(true);
      // the deal's customer and unit come with it (deal.list re-read too)
      await expect.poll(() => page.locator(`${byTestId('statement-deal')}[data-deal="${second.id}"]`).innerText()).toContain('吴敏');

      // Another terminal: 王芳 disputes the first deal. It moves to 暂缓, out of the totals.
      clock.set(at('12:00'));
      await as('wang', 'dispute.raise', { deal: firstDeal, claim: '周杰曾由王芳来电接待' });
      await page
        .locator(`${byTestId('statement-held')} ${byTestId('statement-deal')}[data-deal="${firstDeal}"]`)
        .waitFor({ timeout: WAIT_MS });
      await page.locator(`${byTestId('total-row')}[data-beneficiary="zhang"]`).waitFor({ state: 'detached', timeout: WAIT_MS });
      s = await shown(page);
      expect(s.totals).toEqual({ li: 1500000 });
      expect(s.grand).toBe(1500000);
      expect(s.payable).toEqual([String(second.id)]);
      expect(s.held).toEqual([String(firstDeal)]);
      expectConsistent(s);
      expect(await stillMarked(page)).toBe(true);

      // Prepared again: the link is back, and the file it holds has the totals the screen shows.
      const [again] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('export-xlsx')).click()]);
      await link.waitFor();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await again.path());
      const labels = new Map<string, ExcelJS.Row>();
      wb.getWorksheet('汇总')!.eachRow((row) => labels.set(String(row.getCell(1).value), row));
      expect(labels.get('结算月份')!.getCell(2).value).toBe('2026年3月');
      expect(Math.round(Number(labels.get('李娜')!.getCell(3).value) * 100)).toBe(s.totals.li);
      expect(Math.round(Number(labels.get('合计')!.getCell(3).value) * 100)).toBe(s.grand);
      expect(labels.has('张伟')).toBe(false);
      await screenshot(page, 'statements-pushed.png');

      // On paper, as on the .xlsx: the lines for 制表, 项目经理 and 销售总监 to sign, each with its date; not on screen.
      const sign = page.locator(byTestId('statement-sign'));
      expect(await sign.isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await sign.isVisible()).toBe(true);
      expect(await page.locator(byTestId('statement-signer')).allInnerTexts()).toEqual([
        '制表（签字）：\n日期：',
        '项目经理（签字）：\n日期：',
        '销售总监（签字）：\n日期：',
      ]);
      await sign.scrollIntoViewIfNeeded();
      await screenshot(page, 'statements-print.png');
      await page.emulateMedia({ media: 'screen' });
      expect(problems).toEqual([]);
    },
  );
});
