// @vitest-environment node
/**
 * 我的佣金 and 我的客户 in a real browser (web mode, 1366×768, issue 17 item 17), on a fixed office clock
 * (Monday 16 March 2026): 张伟 sees his own deal's line with its rule and the month's total, not 李娜's deal;
 * a deal recorded at another terminal appears on his open page without a reload (pushed); his customers list
 * shows each with protection end, grade and next follow-up, and none of 李娜's.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import { ManualClock } from '../../src/domain/clock';
import { attrs, byTestId, dispatchOk, okFor, seedThreeVisits, screenshot, signInAs, startWebHarness, type WebHarness } from './harness';

const DAY = '2026-03-16';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
let h: WebHarness;
const customers: Record<string, number> = {};
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const ok = okFor(app);
      Object.assign(customers, await seedThreeVisits(app, clock, at, DEMO_TEAM));
      clock.set(at('16:00'));
      await ok('zhang', 'deal.close', { customer: customers.zhou, unit: '3-1201', price: 256000000, commission: 2560000 });
      await ok('li', 'deal.close', { customer: customers.sun, unit: '5-0801', price: 199000000, commission: 1990000 });
      await ok('zhang', 'followUp.log', {
        customer: customers.wu,
        channel: 'phone',
        content: '周末带家人再来看样板间',
        nextDay: '2026-03-18',
        grade: 'B',
      });
    },
  });
  clock.set(at('17:00'));
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
});

/**
 * Issue 17 item 18: at 390 px nothing is cut or scrolls sideways — the document is no wider than the phone,
 * and every element the header shows (brand, screens, search, who is acting, switch, language) lies wholly
 * inside the viewport and is not clipped by the header itself.
 */
async function expectFitsPhone(page: Page) {
  const fit = await page.evaluate(() => {
    const header = document.querySelector('.app-header') as HTMLElement;
    const shown = [...header.querySelectorAll<HTMLElement>('a, button, input, .brand, .acting-name, [data-testid]')].filter(
      (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden',
    );
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      headerClipped: header.scrollWidth > header.clientWidth || header.scrollHeight > header.clientHeight,
      outside: shown
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh)
        .map(({ e, r }) => `${e.dataset.testid ?? e.className ?? e.tagName} ${Math.round(r.left)}–${Math.round(r.right)}`),
      count: shown.length,
    };
  });
  expect(fit.scrollWidth).toBeLessThanOrEqual(390);
  expect(fit.headerClipped).toBe(false);
  expect(fit.outside).toEqual([]);
  expect(fit.count).toBeGreaterThan(4);
  // the phone's cards use the width (not shrunk to their text in the middle of the screen)
  const card = await page.locator(byTestId('phone-queue')).boundingBox();
  expect(card!.width).toBeGreaterThan(330);
  for (const id of ['nav-phone', 'switch-person', 'lang-toggle', 'acting-person'])
    expect(await page.locator(byTestId(id)).isVisible(), id).toBe(true);
}

async function open(path: string) {
  const { context, page, problems } = await h.newPage();
  contexts.push(context);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.setFixedTime(clock.now());
  await page.goto(h.baseUrl + path);
  return { page, problems };
}

describe('a consultant’s own commission and customers', () => {
  it(
    '张伟 sees his line with its rule and the total, not 李娜’s deal; a deal closed elsewhere appears pushed',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await open('#/my-commission');
      await signInAs(page, 'zhang');
      await page.locator(`${byTestId('my-commission')} [data-loaded="true"]`).waitFor();
      expect(await page.locator(byTestId('nav-my-commission')).count()).toBe(1);
      expect(await page.locator(byTestId('my-line')).count()).toBe(1);
      expect(await page.locator(byTestId('my-line')).first().innerText()).toContain('3-1201');
      expect(await attrs(page, `${byTestId('my-line')} ${byTestId('cite')}`, 'data-rule')).toEqual(['R-OWN-1']);
      expect(await page.locator(byTestId('my-total')).getAttribute('data-cents')).toBe('2560000');
      expect(await page.locator(byTestId('my-total')).innerText()).toContain('25,600.00');
      const text = await page.locator(byTestId('my-commission')).innerText();
      expect(text).not.toContain('孙丽');
      expect(text).not.toContain('5-0801');
      await screenshot(page, 'my-commission.png');

      // another terminal records 吴敏's deal: the open page re-reads on the pushed change
      await dispatchOk(h.app, 'mgr', 'deal.close', { customer: customers.wu, unit: '2-0502', price: 100000000, commission: 1000000 });
      await page.locator(byTestId('my-line')).nth(1).waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="my-total"]')?.getAttribute('data-cents') === '3560000');
      expect(problems).toEqual([]);
    },
  );

  it('张伟’s customers: protection end, grade and next follow-up; none of 李娜’s; 李娜 sees only hers', { timeout: 120_000 }, async () => {
    const { page, problems } = await open('#/my-customers');
    await signInAs(page, 'zhang');
    await page.locator(`${byTestId('my-customers')} [data-loaded="true"]`).waitFor();
    // the follow-up due soonest first: 吴敏 on the 18th, then 周杰 who has none planned
    expect(await attrs(page, byTestId('my-customer'), 'data-customer')).toEqual([String(customers.wu), String(customers.zhou)]);
    const wu = await page.locator(`${byTestId('my-customer')}[data-customer="${customers.wu}"]`).innerText();
    expect(wu).toContain('吴敏');
    expect(wu).toMatch(/4月16日|2026-04-16|4\/16/);
    expect(
      await page
        .locator(`${byTestId('my-customer')}[data-customer="${customers.wu}"] ${byTestId('grade-badge')}`)
        .getAttribute('data-grade'),
    ).toBe('B');
    expect(await page.locator(byTestId('my-customers')).innerText()).not.toContain('孙丽');
    await screenshot(page, 'my-customers.png');
    expect(problems).toEqual([]);

    const other = await open('#/my-customers');
    await signInAs(other.page, 'li');
    await other.page.locator(`${byTestId('my-customers')} [data-loaded="true"]`).waitFor();
    expect(await attrs(other.page, byTestId('my-customer'), 'data-customer')).toEqual([String(customers.sun)]);
  });

  it('a manager asking for 我的佣金 is sent to a screen of their own, with no link to it', { timeout: 60_000 }, async () => {
    const { page } = await open('#/my-commission');
    await signInAs(page, 'mgr');
    await page.waitForFunction(() => location.hash !== '#/my-commission');
    expect(await page.locator(byTestId('nav-my-commission')).count()).toBe(0);
  });

  it(
    '张伟’s phone (390×844): his place in the queue, then 你是下一位 pushed when a walk-in goes to the one before him',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await open('#/phone');
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, 'zhang');
      await page.locator(`${byTestId('phone-queue')}[data-loaded="true"]`).waitFor();
      // the seed left 王芳 next, then 张伟
      expect(await page.locator(byTestId('phone-place')).getAttribute('data-place')).toBe('2');
      // my customers are their own read: wait for them, not just for the queue
      await expect.poll(() => page.locator(byTestId('phone-customer')).count(), { timeout: 20_000 }).toBe(2);
      // nothing on the page is wider than the phone
      expect(await page.evaluate(() => document.querySelector('[data-testid="phone"]')!.scrollWidth)).toBeLessThanOrEqual(390);
      await expectFitsPhone(page);
      await screenshot(page, 'phone-place.png');
      const w = await dispatchOk(h.app, 'qian', 'desk.walkIn', { customer: { name: '郑浩', phone: '13600003333' } });
      expect(w.receivedBy?.id).toBe('wang');
      await page.locator(byTestId('phone-you-next')).waitFor();
      await screenshot(page, 'phone-you-next.png');
      // in English (longer words) the header still fits the phone
      await page.locator(byTestId('lang-toggle')).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await expectFitsPhone(page);
      await screenshot(page, 'phone-english.png');
      expect(problems).toEqual([]);
    },
  );
});
