// @vitest-environment node
/**
 * Date and time fields follow the app's language (issue 17 item 21), not the browser's: the browser here is
 * an English one (locale en-US, where Chromium's own date field reads mm/dd/yyyy and its time field 10:00 AM),
 * the app is in Chinese. The PM's registrations day reads 2026年3月9日 with a Chinese placeholder and
 * lang="zh-CN", takes 2026年3月10日 typed, and ↑↓ move it a day; switched to English the same field reads
 * 10 Mar 2026 and takes 11 Mar 2026; the manager's queue-at-a-time field reads 24-hour times typed either way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { byTestId, dispatchOk, screenshot, signInAs, startWebHarness, type WebHarness } from './harness';

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('2026-03-09', '09:00'));
let h: WebHarness;

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      await dispatchOk(app, null, 'setup.firstRun', { staff: DEMO_TEAM });
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li'] });
      for (const [day, name, phone] of [
        ['2026-03-09', '吴敏', '13700004444'],
        ['2026-03-10', '郑洁', '13600005555'],
      ] as const) {
        clock.set(at(day, '10:00'));
        if (day === '2026-03-10') await dispatchOk(app, 'mgr', 'roster.start', { order: ['li', 'zhang'] });
        await dispatchOk(app, 'qian', 'desk.walkIn', { customer: { name, phone } });
      }
      clock.set(at('2026-03-12', '11:00'));
      await dispatchOk(app, 'mgr', 'roster.start', { order: ['zhang', 'li'] });
    },
  });
});

afterAll(async () => {
  await h?.close();
});

const listOf = (page: Page, day: string) => page.locator(`${byTestId('reg-list')}[data-day="${day}"][data-loaded="true"]`);

describe('date and time fields in the app’s language', () => {
  it('a Chinese app in an English browser shows and reads 年月日; switched to English, day month year', { timeout: 120_000 }, async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.clock.setFixedTime(clock.now());
    await page.goto(h.baseUrl);
    await signInAs(page, 'pm');
    await page.goto(h.baseUrl + '#/registrations');
    const field = page.locator(byTestId('reg-day'));
    await listOf(page, '2026-03-12').waitFor();

    // Chinese: the day as the app writes it, a Chinese placeholder, the field's lang the app's
    expect(await field.getAttribute('lang')).toBe('zh-CN');
    // the example fits a narrow filter field; the whole hint is the field's title
    expect(await field.getAttribute('placeholder')).toBe('如 2026年3月9日');
    expect(await field.getAttribute('title')).toBe('年月日，如 2026年3月9日');
    expect(await field.inputValue()).toBe('2026年3月12日');
    await field.fill('2026年3月9日');
    await listOf(page, '2026-03-09').waitFor();
    expect(await page.locator(byTestId('reg-row')).innerText()).toContain('吴敏');
    await field.press('ArrowUp');
    await listOf(page, '2026-03-10').waitFor();
    expect(await field.inputValue()).toBe('2026年3月10日');
    expect(await page.locator(byTestId('reg-row')).innerText()).toContain('郑洁');
    // half typed: nothing changes until it is a day, and the field says so
    await field.fill('2026年3月');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('data-value')).toBe('2026-03-10');
    await field.press('Enter');
    expect(await field.inputValue()).toBe('2026年3月10日');
    await screenshot(page, 'date-field-zh.png');

    // English: the same field, day month year
    await page.locator(byTestId('lang-toggle')).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await field.getAttribute('lang')).toBe('en');
    expect(await field.inputValue()).toBe('10 Mar 2026');
    expect(await field.getAttribute('placeholder')).toBe('e.g. 9 Mar 2026');
    await field.fill('9 Mar 2026');
    await listOf(page, '2026-03-09').waitFor();
    await field.press('Enter');
    expect(await field.inputValue()).toBe('9 Mar 2026');
    await screenshot(page, 'date-field-en.png');

    // the manager's "the queue at a time" field: 24 hours, typed the language's way
    await page.locator(byTestId('lang-toggle')).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await signInAs(page, 'mgr');
    await page.goto(h.baseUrl + '#/roster');
    const time = page.locator(byTestId('history-time'));
    await time.waitFor();
    expect(await time.getAttribute('placeholder')).toBe('时:分，如 09:30');
    await time.fill('10点半');
    expect(await time.getAttribute('data-value')).toBe('10:30');
    await time.press('Tab');
    expect(await time.inputValue()).toBe('10:30');
    await page.locator(byTestId('lang-toggle')).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await time.getAttribute('placeholder')).toBe('hh:mm, e.g. 09:30');
    await time.fill('2:05 pm');
    expect(await time.getAttribute('data-value')).toBe('14:05');
    await screenshot(page, 'time-field-en.png');
    expect(problems).toEqual([]);
    await context.close();
  });
});
