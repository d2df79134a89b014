// @vitest-environment node
/**
 * Screens read through useApi re-read on pushed changes (issue 15 item 6), in a real browser over web mode:
 * three terminals signed in as different people. 张伟 records a deal on his own Deals screen (page A); the
 * sales director's Deals list (page B) and the sales manager's dashboard (page C), both already open on the
 * month, show it without a reload: B's list holds the new deal with its commission, C's commission table
 * counts it. Neither page was reloaded (a marker set on its window survives), and what each asked after
 * A's deal was a background read, which only a pushed change (or the stream's resync) sends: a person's
 * read is not background, and the screens hold no timer (tests/unit/screen-reads.test.ts). That an idle
 * screen asks nothing at all is tests/e2e/pushed-changes.test.ts's idle stretch.
 *
 * The office clock is fixed (10 March 2026) so the month is known; nothing waits on time, only on state.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock';
import { byTestId, okFor, screenshot, seedConfirmedWalkIns, signInAs, startWebHarness, type WebHarness } from './harness';

const DAY = '2026-03-10';
const MONTH = '2026-03';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const clock = new ManualClock(at('09:00'));
/** Waiting for a state is given this long, so a loaded machine does not fail the test. */
const WAIT_MS = 15_000;

let h: WebHarness;
let zhou = 0;

beforeAll(async () => {
  h = await startWebHarness({
    clock,
    seed: async (app) => {
      const [a] = await seedConfirmedWalkIns(app, clock, at, [{ at: '09:10', name: '周杰', phone: '13800000001', receivedBy: 'zhang' }]);
      zhou = a!.customerId!;
      await okFor(app)('zhang', 'followUp.log', { customer: zhou, channel: 'phone', content: '约周末看房', grade: 'A' });
    },
  });
  clock.set(at('10:30'));
});

afterAll(async () => {
  await h?.close();
});

interface Asked {
  method: string;
  background: boolean;
}

/** Every API request the page sends (not the event stream), in order. */
function requests(page: Page): Asked[] {
  const seen: Asked[] = [];
  page.on('request', (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith('/api/') || path === '/api/events') return;
    seen.push({ method: path.slice('/api/'.length), background: r.headers()['x-salesdesk-background'] === '1' });
  });
  return seen;
}

/** Marks the window, so a reload (a new window object) would show as the mark's absence. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { notReloaded?: boolean }).notReloaded = true));
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** The commission table's row of the month: [month, deals, commission]. */
async function commissionRow(page: Page): Promise<string[] | undefined> {
  const rows = await page
    .locator(`${byTestId('chart-commission-table')} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  return rows.find((r) => r[0] === MONTH);
}

describe('screens re-read on pushed changes', () => {
  it(
    "a deal recorded at 张伟's terminal shows on the director's Deals list and the manager's dashboard, pushed, without a reload",
    { timeout: 180_000 },
    async () => {
      // B: the sales director on the month's deals, nothing recorded yet.
      const { page: b, problems: bProblems } = await h.newPage();
      const bAsked = requests(b);
      await b.goto(h.baseUrl);
      await signInAs(b, 'dir');
      await b.goto(`${h.baseUrl}#/deals`);
      await b.locator(`${byTestId('deals-month')}[data-month="${MONTH}"]`).waitFor();
      await b.locator(byTestId('deals-empty')).waitFor();
      await b.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });

      // C: the sales manager on the dashboard, the commission's numbers as a table.
      const { page: c, problems: cProblems } = await h.newPage();
      const cAsked = requests(c);
      await c.goto(h.baseUrl);
      await signInAs(c, 'mgr');
      await c.goto(`${h.baseUrl}#/dashboard`);
      await c.locator(`${byTestId('dashboard')}[data-loaded="true"][data-month="${MONTH}"]`).waitFor();
      await c.locator(byTestId('chart-commission-toggle')).click();
      await c.locator(byTestId('chart-commission-table')).waitFor();
      await c.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });
      expect((await commissionRow(c))?.[1] ?? '0').toBe('0');

      // A: 张伟 at his own terminal, on the deal form.
      const { page: a, problems: aProblems } = await h.newPage();
      await a.goto(h.baseUrl);
      await signInAs(a, 'zhang');
      await a.locator(byTestId('nav-deals')).click();
      await a.locator(byTestId('deals-empty')).waitFor();
      await a.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'deal-customer');
      await a.keyboard.type('zj');
      await a.locator(`${byTestId('customer-option')}[data-customer="${zhou}"]`).waitFor();
      await a.keyboard.press('Enter');
      await a.locator(`${byTestId('deal-customer-chosen')}[data-customer="${zhou}"]`).waitFor();
      await a.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'deal-unit');
      await a.keyboard.type('3-1201');
      await a.locator(byTestId('deal-price')).fill('3,270,000.00');
      await a.locator(byTestId('deal-commission-input')).fill('27,000.01');

      // Whatever B and C asked on opening (their first reads, the resync when the stream opened) is done;
      // from here on each may only ask because it was told of a change.
      await mark(b);
      await mark(c);
      const bFrom = bAsked.length;
      const cFrom = cAsked.length;

      await a.locator(byTestId('deal-commission-input')).press('Enter');
      await a.locator(byTestId('close-result')).waitFor();
      const dealId = Number(await a.locator(byTestId('close-result')).getAttribute('data-deal'));
      expect(dealId).toBeGreaterThan(0);

      // B's list shows the deal, with the money as typed at A.
      const onB = b.locator(`${byTestId('deal')}[data-deal="${dealId}"]`);
      await onB.waitFor({ timeout: WAIT_MS });
      expect(await onB.locator(byTestId('deal-commission')).getAttribute('data-cents')).toBe('2700001');
      expect(await b.locator(byTestId('deals-empty')).count()).toBe(0);
      expect(await b.locator(byTestId('deals-summary')).innerText()).toContain('¥27,000.01');
      await screenshot(b, 'pushed-deals-director.png');

      // C's dashboard counts it in March's commission.
      await expect.poll(async () => (await commissionRow(c))?.[1], { timeout: WAIT_MS, interval: 50 }).toBe('1');
      expect((await commissionRow(c))?.[2]).toBe('¥27,000.01');
      await c
        .locator(`${byTestId('chart-commission-table')} tbody tr`)
        .last()
        .scrollIntoViewIfNeeded();
      await screenshot(c, 'pushed-dashboard-manager.png');

      // Neither was reloaded, and each read again only in the background.
      expect(await stillMarked(b)).toBe(true);
      expect(await stillMarked(c)).toBe(true);
      const bAfter = bAsked.slice(bFrom);
      const cAfter = cAsked.slice(cFrom);
      expect(bAfter.map((r) => r.method)).toContain('deal.list');
      expect(cAfter.map((r) => r.method)).toContain('dashboard.data');
      expect(bAfter.filter((r) => r.method === 'deal.list').every((r) => r.background)).toBe(true);
      expect(cAfter.filter((r) => r.method === 'dashboard.data').every((r) => r.background)).toBe(true);

      expect(aProblems).toEqual([]);
      expect(bProblems).toEqual([]);
      expect(cProblems).toEqual([]);
    },
  );

  it(
    "a grade renamed in the sales manager's follow-up view shows in 张伟's 我的客户 without a reload (the grade names read through useApi)",
    { timeout: 120_000 },
    async () => {
      const { page: z, problems: zProblems } = await h.newPage();
      await z.goto(h.baseUrl);
      await signInAs(z, 'zhang');
      await z.goto(`${h.baseUrl}#/my-customers`);
      const badge = z.locator(`${byTestId('my-customer')}[data-customer="${zhou}"] ${byTestId('grade-badge')}`);
      await badge.waitFor();
      // the grade's words are their own read (grades.labels)
      await expect.poll(() => badge.innerText()).toContain('意向强');
      await z.locator('.app[data-push="open"]').waitFor({ timeout: WAIT_MS });
      await mark(z);

      const { page: m, problems: mProblems } = await h.newPage();
      await m.goto(h.baseUrl);
      await signInAs(m, 'mgr');
      await m.goto(`${h.baseUrl}#/follow-up`);
      await m.locator(byTestId('grade-labels')).waitFor();
      await expect.poll(() => m.locator(byTestId('grade-label-A')).inputValue(), { timeout: WAIT_MS }).toBe('意向强');
      await m.locator(byTestId('grade-label-A')).fill('本周必成');
      await m.locator(byTestId('grade-label-save-A')).click();

      await z
        .locator(`${byTestId('my-customer')}[data-customer="${zhou}"] ${byTestId('grade-badge')}`)
        .filter({ hasText: '本周必成' })
        .waitFor({ timeout: WAIT_MS });
      expect(await stillMarked(z)).toBe(true);
      expect(zProblems).toEqual([]);
      expect(mProblems).toEqual([]);
    },
  );
});
