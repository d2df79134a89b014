// @vitest-environment node
/**
 * English mode has no Chinese (issue 15 item 2): the director (who sees most screens) switches to English
 * with the header's language button, and every main screen is read as a person sees it
 * (document.body.innerText). People's and customers' names from the seed are data and are taken out first,
 * and so is the language button itself (中文, the way back).
 *
 * Any Chinese left fails. It is sorted in two only to say whose it is: runs of Chinese that are the renderer's
 * own dictionary text (a screen that forgot to translate), or anything else (the server's prose, where a fact
 * should have crossed the API instead). The customer pages visited have a history of every common kind — a
 * visit, its end, the PM's decision, a phone inquiry, a deal under an open dispute, a follow-up — and one
 * customer came by an employee's referral the PM confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../renderer/i18n/messages';
import { DEMO_TEAM } from '../../renderer/lib/demoTeam';
import type { MethodName } from '../../src/api/spec';
import { ManualClock } from '../../src/domain/clock';
import { attrs, byTestId, dispatchOk, screenshot, signInAs, startWebHarness, type WebHarness } from './harness';

const DAY = '2026-03-16';
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
const CUSTOMER_NAMES = ['周杰', '吴敏', '孙丽', '郑爽'];
const NAMES = [...DEMO_TEAM.map((m) => m.name), ...CUSTOMER_NAMES].sort((a, b) => b.length - a.length);
const CJK_RUN = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
const LOADING = /Loading|Looking for|Preparing/;

// Every run of Chinese in the renderer's own zh-CN texts, placeholders and plural syntax aside.
const DICTIONARY_RUNS = new Set(
  Object.values(DICTIONARIES['zh-CN']).flatMap((text) => text.replace(/\{[^{}]*\}/g, ' ').match(CJK_RUN) ?? []),
);

let h: WebHarness;
let customerId = 0;
let referredId = 0;

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const ok = <M extends MethodName>(staffId: string | null, method: M, input: unknown) => dispatchOk(app, staffId, method, input);
      await ok(null, 'setup.firstRun', { staff: DEMO_TEAM });
      await ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
      clock.set(at('09:30'));
      const a = await ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13812345678' } });
      await ok('pm', 'registration.confirm', { visit: a.visitId });
      if (!a.receivedBy || a.customerId === null) throw new Error('the walk-in was not received');
      await ok(a.receivedBy.id, 'desk.finish', { visit: a.visitId });
      clock.set(at('10:40'));
      // left unconfirmed, so the registrations screen has something to check
      await ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13900001111' } });
      clock.set(at('10:50'));
      await ok('pm', 'referral.register', { referrer: 'qian', customer: { name: '郑爽', phone: '13600003333' }, appointment: DAY });
      clock.set(at('11:10'));
      await ok('qian', 'desk.walkIn', { customer: { name: '孙丽', phone: '13700002222' } });
      clock.set(at('11:30'));
      const referred = await ok('qian', 'desk.walkIn', { customer: { name: '郑爽', phone: '13600003333' } });
      const referral = (await ok('pm', 'referral.list', {})).find((r) => r.customer_id === referred.customerId);
      if (!referral || referred.visitId === null || referred.customerId === null) throw new Error('the referred customer was not received');
      await ok('pm', 'referral.confirm', { referral: referral.id, visit: referred.visitId });
      referredId = referred.customerId;
      clock.set(at('14:00'));
      await ok('zhang', 'desk.phoneInquiry', { customer: { name: '周杰', phone: '13812345678' }, note: 'asked about parking' });
      clock.set(at('16:00'));
      const deal = await ok('zhang', 'deal.close', { customer: a.customerId, unit: '3-1201', price: 256000000, commission: 2560000 });
      await ok('zhang', 'followUp.log', {
        customer: a.customerId,
        channel: 'phone',
        content: 'asked about the 90 m² plan',
        nextDay: '2026-03-18',
        grade: 'B',
      });
      clock.set(at('16:30'));
      await ok('li', 'dispute.raise', { deal: deal.id, claim: 'I showed them the flat first' });
      customerId = a.customerId;
    },
  });
  clock.set(at('17:00'));
});

afterAll(async () => {
  await h?.close();
});

const SCREENS = [
  'desk',
  'roster',
  'registrations',
  'customer',
  'customer-referred',
  'referrals',
  'deals',
  'statements',
  'disputes',
  'follow-up',
  'weekly',
  'dashboard',
  'staff',
  'settings',
  'audit',
];

describe('English mode', () => {
  it('shows no Chinese of the renderer’s own on any main screen, for the director', { timeout: 120_000 }, async () => {
    const { page, problems } = await h.newPage();
    await page.goto(`${h.baseUrl}#/desk`);
    await signInAs(page, 'dir', '赵总');
    await page.locator(byTestId('lang-toggle')).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    const leaks: string[] = [];
    const serverProse: string[] = [];
    for (const screen of SCREENS) {
      const hash =
        screen === 'customer' ? `#/customer/${customerId}` : screen === 'customer-referred' ? `#/customer/${referredId}` : `#/${screen}`;
      // a full load each time: the language must come back from where it was remembered
      await page.goto(`${h.baseUrl}${hash}`);
      await page.locator(`${byTestId('acting-person')}[data-staff="dir"]`).waitFor();
      await page.waitForFunction((loading) => !new RegExp(loading).test(document.body.innerText), LOADING.source);
      expect(await page.evaluate(() => document.documentElement.lang), screen).toBe('en');
      if (screen.startsWith('customer')) {
        await page.locator(`${byTestId('customer-page')}[data-loaded="true"]`).waitFor();
        // the page read has the history the seed made, each entry by its kind (facts, worded here)
        const kinds = await attrs(page, byTestId('cust-event'), 'data-kind');
        expect(kinds, screen).toEqual(
          screen === 'customer' ? ['visit', 'finished', 'decision', 'call', 'deal', 'dispute'] : ['referral', 'visit'],
        );
        await screenshot(page, `english-${screen}.png`);
        if (screen === 'customer') {
          await page.locator(`${byTestId('cust-event')}[data-kind="dispute"]`).scrollIntoViewIfNeeded();
          await screenshot(page, 'english-customer-dispute.png');
        }
      }
      let text = await page.evaluate(() => document.body.innerText);
      for (const name of NAMES) text = text.split(name).join(' ');
      text = text.split(DICTIONARIES.en['header.otherLanguage']).join(' ');
      // a line is the server's when any Chinese in it is not the renderer's dictionary text
      for (const line of new Set(text.split('\n').map((l) => l.trim()))) {
        const runs = line.match(CJK_RUN) ?? [];
        if (runs.length) (runs.every((r) => DICTIONARY_RUNS.has(r)) ? leaks : serverProse).push(`${screen}: “${line}”`);
      }
    }
    // the director's header in English (the longest one) keeps every control on the screen at 1280 and 1366 px:
    // it ran 72 px past 1366 and 158 px past 1280, the language button out of sight
    for (const width of [1280, 1366, 1920]) {
      await page.setViewportSize({ width, height: 768 });
      const header = await page.evaluate(() => {
        const h = document.querySelector('.app-header')!;
        const right = Math.max(...[...h.querySelectorAll('a, button, input')].map((e) => e.getBoundingClientRect().right));
        return { overflow: h.scrollWidth - h.clientWidth, pastScreen: Math.round(right - innerWidth) };
      });
      expect(header.overflow, `header at ${width} px`).toBe(0);
      expect(header.pastScreen, `header at ${width} px`).toBeLessThanOrEqual(0);
      await page.locator(byTestId('lang-toggle')).click({ trial: true });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'english-header-1366.png');
    expect(leaks).toEqual([]);
    expect(serverProse).toEqual([]);
    expect(problems).toEqual([]);
  });
});
