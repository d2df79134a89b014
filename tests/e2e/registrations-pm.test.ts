// @vitest-environment node
/**
 * The PM's registrations at 1366×768 (issue 17 items 13 and 14): numbers in full for a manager (R-SEC-1: managers
 * see all) in the list, the flags and the identify dialog; after 认定同一客户 the row says which records are the
 * same person, whom the person belongs to now and what confirming or rejecting means; rejecting a registration
 * moves the selection on to the next one waiting, as confirming does. On an injected clock; waits for states.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import {
  byTestId,
  dispatchOk,
  openPage,
  screenshot,
  seedTeamAndRoster,
  seedWalkIns,
  signInAs,
  startWebHarness,
  type WebHarness,
} from './harness';

const DAY1 = '2026-03-02';
const DAY8 = '2026-03-09';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const clock = new ManualClock(at(DAY1, '09:00'));
let h: WebHarness;
const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await seedTeamAndRoster(app);
      const a = await dispatchOk(app, 'qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13900003333' } });
      await dispatchOk(app, 'pm', 'registration.confirm', { visit: a.visitId });
      ids.wuA = a.customerId!;
      clock.set(at(DAY8, '09:00'));
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['li', 'wang', 'zhang'] });
      // 吴敏 again, under another number: li receives her as new (R-OWN-8)
      const later = await seedWalkIns(app, clock, (hhmm) => at(DAY8, hhmm), [
        { name: '吴敏', phone: '13700004444' },
        { name: '郑洁', phone: '13600005555' },
        { name: '钱多', phone: '13600006666' },
      ]);
      for (const [i, key] of (['wuB', 'zheng', 'qian2'] as const).entries()) ids[key] = later[i]!.customerId!;
      // the PM looks the next day: an identification now is R-OWN-8i (a split), not R-OWN-8g (the same day)
      clock.set(at('2026-03-10', '10:00'));
    },
  });
});

afterAll(async () => {
  await h?.close();
});

const row = (page: Page, customer: number) => page.locator(`${byTestId('reg-row')}[data-customer="${customer}"]`);

describe('the PM’s registrations', () => {
  it('full numbers, what an identification means now, and rejecting moves on', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(h, '', { now: clock.now() });
    await signInAs(page, 'pm');
    await page.goto(h.baseUrl + '#/registrations');
    await page.locator(byTestId('reg-day')).fill(DAY8);
    await page.locator(`${byTestId('reg-list')}[data-day="${DAY8}"][data-loaded="true"]`).waitFor();

    // R-SEC-1: the PM is a manager — the numbers in full, the flagged record's too.
    const wu = row(page, ids.wuB!);
    expect(await wu.locator('.reg-phone').innerText()).toBe('13700004444');
    expect(await wu.locator(byTestId('reg-flag')).innerText()).toContain('吴敏 13900003333');
    expect(await page.locator('.reg-phone').allInnerTexts()).not.toContain(expect.stringContaining('****'));

    // 认定同一客户: the dialog names the other record in full, then the row says what confirming now means.
    await wu.click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('i');
    const dialog = wu.locator(byTestId('reg-dialog'));
    await dialog.waitFor();
    expect(await dialog.locator(byTestId('reg-identify-target')).innerText()).toContain('吴敏（13900003333）');
    await screenshot(page, 'registrations-identify-full.png');
    await page.keyboard.press('Enter');
    const identified = wu.locator(byTestId('reg-identified'));
    await identified.waitFor();
    // R-OWN-8i: identified within the month — confirmed, zhang and li share 50/50; rejected, zhang's alone.
    expect(await identified.getAttribute('data-if-confirmed')).toBe('zhang:5000,li:5000');
    expect(await identified.getAttribute('data-if-rejected')).toBe('zhang:10000');
    expect(await identified.innerText()).toContain('已认定与 吴敏（13900003333） 为同一客户。');
    expect(await identified.innerText()).toContain('确认此登记后归属：张伟 50%、李娜 50%；驳回后归属：张伟 100%');
    expect(await wu.locator(byTestId('reg-flag')).count()).toBe(0);
    await screenshot(page, 'registrations-identified-row.png');

    // Rejecting 郑洁's registration (R) moves the selection on to 钱多's, the next one waiting.
    await row(page, ids.zheng!).click({ position: { x: 5, y: 5 } });
    await page.locator(`${byTestId('reg-row')}[data-customer="${ids.zheng}"][aria-current="true"]`).waitFor();
    await page.keyboard.press('r');
    await row(page, ids.zheng!).locator(byTestId('reg-dialog')).waitFor();
    await page.keyboard.type('重复登记');
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('reg-row')}[data-customer="${ids.zheng}"][data-status="rejected"]`).waitFor();
    await page.locator(`${byTestId('reg-row')}[data-customer="${ids.qian2}"][aria-current="true"]`).waitFor();
    expect(await row(page, ids.zheng!).locator(byTestId('reg-feedback')).innerText()).toContain('郑洁');
    await screenshot(page, 'registrations-rejected-moves-on.png');
    // and Enter now confirms the one selected
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('reg-row')}[data-customer="${ids.qian2}"][data-status="confirmed"]`).waitFor();

    // The spouse search (H, a type-ahead on customer.search): 吴敏's two records, identified as one person, are
    // one hit with both numbers and her owner now — not two rows that look alike. (li's registration is not
    // confirmed yet, so the person is still zhang's alone.)
    await page.keyboard.press('h');
    const household = row(page, ids.qian2!).locator(byTestId('reg-dialog'));
    await household.waitFor();
    await page.keyboard.type('wm');
    await page.locator(`${byTestId('reg-household-search')}[data-loaded="true"]`).waitFor();
    const hits = household.locator(byTestId('reg-household-hit'));
    await hits.first().waitFor();
    await expect.poll(() => hits.count()).toBe(1);
    expect(await hits.getAttribute('data-customer')).toBe(String(ids.wuB));
    expect(await hits.getAttribute('data-same-as')).toBe(String(ids.wuA));
    expect(await hits.getAttribute('data-owners')).toBe('zhang');
    expect(await hits.locator(byTestId('reg-household-hit-phones')).innerText()).toBe('13700004444、13900003333');
    expect(await hits.locator(byTestId('reg-household-hit-owner')).innerText()).toBe('归属 张伟');
    await screenshot(page, 'registrations-household-search-identified.png');
    // Enter picks her, naming both numbers; Esc leaves without recording anything
    await page.keyboard.press('Enter');
    expect(await household.locator(byTestId('reg-household-picked')).innerText()).toBe('已选：吴敏（13700004444、13900003333）');
    await page.keyboard.press('Escape');
    await household.waitFor({ state: 'detached' });

    // The header search (F3) answers the same: one person, both numbers.
    await page.keyboard.press('F3');
    await page.keyboard.type('wm');
    const headerHit = page.locator(byTestId('header-search-hit'));
    await headerHit.first().waitFor();
    expect(await headerHit.count()).toBe(1);
    expect(await headerHit.locator(byTestId('header-search-hit-phones')).innerText()).toBe('13700004444、13900003333');
    expect(problems).toEqual([]);
  });
});
