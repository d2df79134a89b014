// @vitest-environment node
/**
 * A deal, its dispute and the month's statement in a real browser (web mode), on a fixed office clock
 * (10 March 2026) while the browser's own clock says otherwise: the month pickers must open on the
 * office's month.
 *
 * Set up through the API (not what this test is about): the team, today's roster, two walk-ins received by
 * 张伟 and 李娜 and confirmed by the PM. Through the UI:
 * - 张伟 records a deal: customer picked as he types, commission typed as "27,000.01" → 2700001 cents;
 *   the split appears at once: 100% 张伟 citing R-OWN-1. A change of unit keeps the split (R-OWN-11).
 * - the PM raises a dispute from the deal (held: 争议中·暂缓), writes the opinion — 40/50 first, and the
 *   live total refuses 90% — then 张伟 40 / 李娜 60 with fault and contribution.
 * - the director finds it in the inbox; returning needs a comment; approves. Nothing stays editable.
 * - the deal now splits 1,080,000 / 1,620,001 cents (largest remainder) citing R-DIS-2.
 * - the statement (with another deal held by an open dispute, listed apart) totals those amounts; the
 *   .xlsx downloaded from the page is read back with exceljs cent for cent; the CSV starts with a BOM;
 *   the print stylesheet shows the statement without the app's chrome.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { DEMO_PINS } from '../../renderer/lib/demoTeam';
import {
  attrs,
  byTestId,
  dispatchOk,
  enterPin,
  firstText,
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
let h: WebHarness;
/** the customers received in the set-up: 周杰 by 张伟, 吴敏 by 李娜 */
const customers = { zhou: 0, wu: 0 };

const as = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(h.app, staffId, method, input);

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const [a, b] = await seedConfirmedWalkIns(app, clock, at, [
        { at: '09:10', name: '周杰', phone: '13800000001', receivedBy: 'zhang' },
        { at: '09:20', name: '吴敏', phone: '13900000002', receivedBy: 'li' },
      ]);
      customers.zhou = a!.customerId!;
      customers.wu = b!.customerId!;
    },
  });
  clock.set(at('10:30'));
});

afterAll(async () => {
  await h?.close();
});

/** The split lines inside `scope` as [beneficiary, bps, cents, rules]. */
async function lines(page: Page, scope: string) {
  const sel = `${scope} ${byTestId('split-line')}`;
  await page.locator(sel).first().waitFor();
  const [who, bps, cents, rules] = await Promise.all(
    ['data-beneficiary', 'data-bps', 'data-amount', 'data-rules'].map((a) => attrs(page, sel, a)),
  );
  return who!.map((w, i) => [w, Number(bps![i]), Number(cents![i]), rules![i]]);
}

describe('deal, dispute and statement in the browser', () => {
  it('closes a deal, disputes it, decides it, and the statement pays the decision to the cent', { timeout: 90_000 }, async () => {
    const { page, problems } = await h.newPage();
    await page.goto(h.baseUrl);
    await page.locator(byTestId('sign-in')).waitFor();
    await page.locator(byTestId('staff-option-zhang')).click();
    await enterPin(page, DEMO_PINS.zhang!);
    await page.locator(`${byTestId('acting-person')}[data-staff="zhang"]`).waitFor();

    // ---- 张伟 records the deal ----
    // A consultant sees 成交 and 争议, not 结算单 (statements are for managers and the assistant).
    expect(await page.locator(byTestId('nav-statements')).count()).toBe(0);
    await page.locator(byTestId('nav-deals')).click();
    await page.locator(byTestId('deals')).waitFor();
    // The office's month, although this browser's clock is elsewhere.
    await page.locator(`${byTestId('deals-month')}[data-month="${MONTH}"]`).waitFor();
    await page.locator(byTestId('deals-empty')).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('deal-customer');

    // The customer, as he types (pinyin initials of 周杰), picked with Enter.
    await page.keyboard.type('zj');
    await page.locator(`${byTestId('customer-option')}[data-customer="${customers.zhou}"]`).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('deal-customer-chosen')}[data-customer="${customers.zhou}"]`).waitFor();
    expect(await firstText(page, 'deal-owner-preview')).toContain('归属 张伟');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'deal-unit');
    await page.keyboard.type('3-1201');
    await page.locator(byTestId('deal-price')).fill('3,270,000.00');
    // Three decimals are refused before anything is sent.
    await page.locator(byTestId('deal-commission-input')).fill('27,000.011');
    await page.locator(byTestId('deal-commission-input')).press('Enter');
    expect(await page.locator(`${byTestId('deal-form')} .field-error`).innerText()).toContain('最多两位小数');
    expect(await page.locator(byTestId('close-result')).count()).toBe(0);
    await page.locator(byTestId('deal-commission-input')).fill('27,000.01');
    expect(await page.locator(`${byTestId('deal-form')} .money-preview[data-cents="2700001"]`).innerText()).toBe('= ¥27,000.01');
    await page.locator(byTestId('deal-commission-input')).press('Enter');

    // The split, the moment the server answers: 100% 张伟, R-OWN-1.
    await page.locator(byTestId('close-result')).waitFor();
    const dealId = Number(await page.locator(byTestId('close-result')).getAttribute('data-deal'));
    expect(await lines(page, byTestId('close-result'))).toEqual([['zhang', 10000, 2700001, 'R-OWN-1']]);
    const cite = page.locator(`${byTestId('close-result')} ${byTestId('cite')}[data-rule="R-OWN-1"]`);
    expect(await cite.locator('summary').getAttribute('title')).toMatch(/^R-OWN-1：.*全部归其所有/);
    await cite.locator('summary').click();
    expect(await cite.locator('.cite-text').innerText()).toContain('客户由该售楼员接待并登记');
    // …and in the month's list, with the money as typed.
    const deal = page.locator(`${byTestId('deal')}[data-deal="${dealId}"]`);
    await deal.waitFor();
    expect(await deal.locator(byTestId('deal-commission')).getAttribute('data-cents')).toBe('2700001');
    expect(await deal.locator(byTestId('deal-commission')).innerText()).toBe('¥27,000.01');
    expect(await deal.getAttribute('data-held')).toBe('false');

    // 换房 (R-OWN-11): recorded, the split does not move.
    await deal.locator(byTestId('deal-change')).click();
    await deal.locator(byTestId('deal-change-dialog')).waitFor();
    expect(await deal.locator(byTestId('deal-change-dialog')).innerText()).toContain('R-OWN-11');
    await deal.locator(byTestId('deal-change-unit')).fill('3-1202');
    await page.keyboard.press('Enter');
    expect(await deal.locator(byTestId('deal-change-done')).innerText()).toContain('经办售楼员与佣金分配不变（R-OWN-11）');
    expect(await lines(page, `${byTestId('deal')}[data-deal="${dealId}"]`)).toEqual([['zhang', 10000, 2700001, 'R-OWN-1']]);
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await screenshot(page, 'deals.png');

    // ---- the PM raises a dispute from the deal ----
    clock.set(at('11:00'));
    await signInAs(page, 'pm', '刘强');
    await page.locator(byTestId('nav-deals')).click();
    await deal.waitFor();
    await deal.locator(byTestId('deal-raise-dispute')).click();
    const raise = deal.locator(byTestId('deal-dispute-dialog'));
    await raise.locator(byTestId('dialog-confirm')).click();
    expect(await raise.locator(byTestId('dialog-error')).innerText()).toBe('请填写争议理由');
    await raise.locator(byTestId('dialog-reason')).fill('李娜称周杰 3 月 1 日曾由她接待并介绍户型，要求分配佣金');
    await page.keyboard.press('Enter');
    await deal.locator(byTestId('deal-dispute-done')).waitFor();
    await page.locator(`${byTestId('deal')}[data-deal="${dealId}"][data-held="true"]`).waitFor();
    expect(await deal.locator(byTestId('held-badge')).innerText()).toBe('争议中·暂缓');

    // ---- the PM's opinion ----
    clock.set(at('14:00'));
    await deal.locator(`${byTestId('deal-dispute-done')} a`).click();
    const view = page.locator(byTestId('dispute-view'));
    await view.waitFor();
    const disputeId = Number(await view.getAttribute('data-dispute'));
    expect(await view.getAttribute('data-status')).toBe('open');
    expect(await view.locator(byTestId('dispute-status')).innerText()).toBe('待处理');
    const form = page.locator(byTestId('opinion-form'));
    await form.waitFor();
    expect(await attrs(page, byTestId('opinion-row'), 'data-party')).toEqual(['zhang']);
    await form.locator(byTestId('opinion-add-who')).selectOption('li');
    await form.locator(byTestId('opinion-add')).click();
    expect(await attrs(page, byTestId('opinion-row'), 'data-party')).toEqual(['zhang', 'li']);
    await form.locator(byTestId('opinion-share-zhang')).fill('40');
    await form.locator(byTestId('opinion-share-li')).fill('50');
    // The live total: 90% is refused before anything is sent.
    const total = form.locator(byTestId('opinion-total'));
    expect(await total.getAttribute('data-ok')).toBe('false');
    expect(await total.innerText()).toBe('合计 90%');
    expect(await firstText(page, 'opinion-total-error')).toBe('合计 90%，必须正好 100%');
    expect(await form.locator(byTestId('opinion-submit')).isDisabled()).toBe(true);
    await screenshot(page, 'dispute-opinion.png');
    await form.locator(byTestId('opinion-share-li')).fill('60');
    expect(await total.getAttribute('data-ok')).toBe('true');
    expect(await total.innerText()).toBe('合计 100%');
    expect(await form.locator(byTestId('opinion-total-error')).count()).toBe(0);
    await form.locator(byTestId('opinion-fault-zhang')).fill('接待时未核实客户是否来访过');
    await form.locator(byTestId('opinion-contribution-zhang')).fill('全程跟进至成交');
    await form.locator(byTestId('opinion-contribution-li')).fill('首次接待并介绍户型');
    await form.locator(byTestId('opinion-text')).fill('客户首次来访由李娜接待，张伟跟进成交；建议张伟 40%、李娜 60%。');
    await form.locator(byTestId('opinion-submit')).click();
    await page.locator(`${byTestId('dispute-view')}[data-status="opinion"]`).waitFor();
    expect(await page.locator(byTestId('opinion-form')).count()).toBe(0);
    expect(await attrs(page, byTestId('dispute-step'), 'data-type')).toEqual(['raise', 'opinion']);

    // ---- the director: return needs a comment; approve ----
    clock.set(at('16:00'));
    await signInAs(page, 'dir', '赵总');
    await page.locator(byTestId('nav-disputes')).click();
    await page.locator(`${byTestId('dispute-filter-opinion')}[aria-selected="true"]`).waitFor();
    const item = page.locator(`${byTestId('dispute-item')}[data-dispute="${disputeId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('opinion');
    await item.click();
    await page.locator(`${byTestId('dispute-view')}[data-dispute="${disputeId}"]`).waitFor();
    const proposed = page.locator(`${byTestId('dispute-step')}[data-type="opinion"] ${byTestId('proposed-split')} tr[data-party]`);
    expect(await proposed.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-party')}:${r.getAttribute('data-bps')}`))).toEqual([
      'zhang:4000',
      'li:6000',
    ]);
    expect(await page.locator(`${byTestId('proposed-split')} tr[data-party="li"]`).innerText()).toContain('首次接待并介绍户型');
    await page.locator(byTestId('dispute-return')).click();
    await page.locator(`${byTestId('return-dialog')} ${byTestId('dialog-confirm')}`).click();
    expect(await firstText(page, 'dialog-error')).toBe('请填写退回说明');
    await page.locator(`${byTestId('return-dialog')} ${byTestId('dialog-cancel')}`).click();
    await page.locator(byTestId('dispute-approve')).click();
    expect(await firstText(page, 'approve-dialog')).toContain('张伟 40%、李娜 60%');
    await page.locator(`${byTestId('approve-dialog')} ${byTestId('dialog-confirm')}`).click();
    await page.locator(`${byTestId('dispute-view')}[data-status="decided"]`).waitFor();
    expect(await view.locator(byTestId('dispute-status')).first().innerText()).toBe('已裁决');
    expect(await firstText(page, 'decided-banner')).toContain('张伟 40%、李娜 60%');
    expect(await attrs(page, byTestId('dispute-step'), 'data-type')).toEqual(['raise', 'opinion', 'approve']);
    // Nothing is editable after the decision.
    for (const id of ['opinion-form', 'dispute-approve', 'dispute-return', 'decide'])
      expect(await page.locator(byTestId(id)).count()).toBe(0);
    expect(await view.locator('input, textarea, select').count()).toBe(0);
    const decided: unknown[] = [
      ['zhang', 4000, 1080000, 'R-DIS-2'],
      ['li', 6000, 1620001, 'R-DIS-2'],
    ];
    // the deal's split is its own read, re-read on the pushed change after dispute.get's answer
    await expect.poll(() => lines(page, byTestId('dispute-deal-split'))).toEqual(decided);
    // The director's inbox is empty again; 已裁决 lists it.
    await page.locator(byTestId('dispute-filter-opinion')).click();
    await page.locator(byTestId('disputes-empty')).waitFor();
    await page.locator(byTestId('dispute-filter-decided')).click();
    await item.click();
    await page.locator(`${byTestId('dispute-view')}[data-status="decided"]`).waitFor();
    await screenshot(page, 'disputes.png');

    // ---- the deal now pays as decided: 2700001 × 40% = 1080000.4 → 1080000; × 60% = 1620000.6 → 1620001 ----
    await page.locator(byTestId('nav-deals')).click();
    await deal.waitFor();
    expect(await lines(page, `${byTestId('deal')}[data-deal="${dealId}"]`)).toEqual(decided);
    expect(await deal.getAttribute('data-held')).toBe('false');
    expect(await deal.locator(byTestId('decided-badge')).innerText()).toBe('已裁决');
    expect(
      await deal
        .locator(`${byTestId('cite')}[data-rule="R-DIS-2"] summary`)
        .first()
        .getAttribute('title'),
    ).toContain(`争议编号 ${disputeId}`);

    // Meanwhile (set up through the API): 李娜 closes a deal with 吴敏 and 王芳 disputes it — it stays open.
    clock.set(at('16:30'));
    const other = await as('li', 'deal.close', { customer: customers.wu, unit: '5-0801', price: 198000000, commission: 1500000 });
    await as('wang', 'dispute.raise', { deal: other.id, claim: '吴敏曾由王芳来电接待' });

    // ---- the statement ----
    await page.locator(byTestId('nav-statements')).click();
    await page.locator(`${byTestId('statement')}[data-month="${MONTH}"]`).waitFor();
    expect(await page.locator(byTestId('statement-month')).getAttribute('data-month')).toBe(MONTH);
    // The month before has nothing; PageDown comes back.
    await page.locator(byTestId('statement-month-prev')).click();
    await page.locator(`${byTestId('statement')}[data-month="2026-02"] ${byTestId('statement-empty')}`).waitFor();
    await page.locator(byTestId('statement-month-month')).press('PageDown');
    await page.locator(`${byTestId('statement')}[data-month="${MONTH}"] ${byTestId('statement-totals')}`).waitFor();
    const amounts = (await attrs(page, byTestId('total-row'), 'data-amount')).map(Number);
    const shown = Object.fromEntries((await attrs(page, byTestId('total-row'), 'data-beneficiary')).map((id, i) => [id, amounts[i]!]));
    expect(shown).toEqual({ zhang: 1080000, li: 1620001 });
    expect(await page.locator(byTestId('grand-total')).getAttribute('data-amount')).toBe('2700001');
    expect(await page.locator(`${byTestId('total-row')}[data-beneficiary="li"] .money`).innerText()).toBe('¥16,200.01');
    // Payable: the decided deal, with R-DIS-2. Held apart: 李娜's disputed deal, not in the totals.
    expect(await attrs(page, `${byTestId('statement-payable')} ${byTestId('statement-deal')}`, 'data-deal')).toEqual([String(dealId)]);
    expect(await lines(page, byTestId('statement-payable'))).toEqual(decided);
    expect(await firstText(page, 'statement-held')).toContain('争议中，暂不结算');
    expect(await attrs(page, `${byTestId('statement-held')} ${byTestId('statement-deal')}`, 'data-deal')).toEqual([String(other.id)]);
    expect(await page.locator(byTestId('statement-unresolved')).count()).toBe(0);

    // Download the .xlsx from the page and read it back cent for cent.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('export-xlsx')).click()]);
    expect(xlsx.suggestedFilename()).toBe(`佣金结算单-${MONTH}.xlsx`);
    const xlsxPath = await xlsx.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const sum = wb.getWorksheet('汇总')!;
    // the per-person block: under its head (佣金归属) down to 合计, the grand total
    const fromFile: Record<string, number> = {};
    let inBlock = false;
    let grandInFile = 0;
    sum.eachRow((row) => {
      const label = String(row.getCell(1).value);
      if (label === '合计') ((inBlock = false), (grandInFile = Math.round(Number(row.getCell(3).value) * 100)));
      else if (inBlock) fromFile[label] = Math.round(Number(row.getCell(3).value) * 100);
      else if (label === '佣金归属') inBlock = true;
    });
    expect(fromFile).toEqual({ 张伟: shown.zhang, 李娜: shown.li });
    expect(grandInFile).toBe(2700001);
    const detail = wb.getWorksheet('明细')!;
    const detailRows: string[] = [];
    detail.eachRow((row, n) => {
      if (n > 1)
        detailRows.push(
          [
            row.getCell(1).value,
            row.getCell(2).value,
            row.getCell(6).value,
            Math.round(Number(row.getCell(8).value) * 100),
            row.getCell(9).value,
          ].join('|'),
        );
    });
    expect(detailRows).toEqual([
      `应付|${dealId}|张伟|1080000|R-DIS-2`,
      `应付|${dealId}|李娜|1620001|R-DIS-2`,
      `暂缓（争议中）|${other.id}|李娜|1500000|R-OWN-1`,
    ]);
    expect(await page.locator(byTestId('download-link-xlsx')).innerText()).toBe(`佣金结算单-${MONTH}.xlsx`);
    expect(await page.locator(byTestId('download-link-xlsx')).getAttribute('download')).toBe(`佣金结算单-${MONTH}.xlsx`);

    // The CSV: UTF-8 with a BOM, so Excel shows the Chinese names.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator(byTestId('export-csv')).click()]);
    expect(csv.suggestedFilename()).toBe(`佣金结算单-${MONTH}.csv`);
    const bytes = fs.readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = bytes.subarray(3).toString('utf8');
    expect(csvText).toContain(',,,,,张伟,,10800.00');
    expect(csvText).toContain(',,,,,李娜,,16200.01');
    expect(csvText.match(/^合计,/gm)).toEqual(['合计,']);
    expect(csvText).toContain('合计,,,,,,,27000.01');
    await screenshot(page, 'statement.png');
    // English is a dictionary away; the money and the rules stay the same.
    await page.locator(byTestId('lang-toggle')).click();
    expect(await page.locator('.statements-screen h1').first().innerText()).toBe('Monthly commission statement');
    expect(await page.locator(`${byTestId('total-row')}[data-beneficiary="li"] .money`).innerText()).toBe('¥16,200.01');
    await page.locator(byTestId('lang-toggle')).click();
    await page.locator('.statements-screen h1', { hasText: '月度佣金结算单' }).waitFor();

    // Print: the button prints; on paper only the statement shows (no header, footer or buttons).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.locator(byTestId('print-statement')).click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.app-footer').isVisible()).toBe(false);
    expect(await page.locator(byTestId('export-xlsx')).isVisible()).toBe(false);
    expect(await page.locator('.print-head').isVisible()).toBe(true);
    expect(await page.locator('.print-head h1').innerText()).toBe('佣金结算单 · 2026年3月');
    expect(await page.locator(byTestId('statement-totals')).isVisible()).toBe(true);
    expect(await page.locator('.cite-print').first().isVisible()).toBe(true);
    await screenshot(page, 'statement-print.png');
    await page.emulateMedia({ media: 'screen' });

    // 张伟 sees his deal decided, and 争议 shows the dispute he is a party to.
    await signInAs(page, 'zhang', '张伟');
    await page.locator(byTestId('nav-deals')).click();
    expect(await lines(page, `${byTestId('deal')}[data-deal="${dealId}"]`)).toEqual(decided);
    await page.locator(byTestId('nav-disputes')).click();
    await page.locator(`${byTestId('dispute-item')}[data-dispute="${disputeId}"][data-status="decided"]`).waitFor();

    // A consultant may also dispute a customer's ownership (R-DIS-1): picked as he types, the claim required.
    await page.locator(byTestId('raise-customer-dispute')).click();
    await page.locator(byTestId('raise-form')).waitFor();
    await page.keyboard.type('吴');
    await page.locator(`${byTestId('customer-option')}[data-customer="${customers.wu}"]`).click();
    await page.locator(byTestId('raise-submit')).click();
    expect(await firstText(page, 'raise-error')).toBe('请填写争议理由');
    await page.locator(byTestId('raise-claim')).fill('吴敏首次来访时曾向张伟咨询户型');
    await page.locator(byTestId('raise-submit')).click();
    await page.locator(`${byTestId('dispute-view')}[data-status="open"]`).waitFor();
    expect(await firstText(page, 'dispute-subject')).toContain('客户 吴敏 的归属');
    // 张伟 is not the PM: he sees the steps, not the opinion form.
    expect(await page.locator(byTestId('opinion-form')).count()).toBe(0);

    expect(problems).toEqual([]);
  });
});
